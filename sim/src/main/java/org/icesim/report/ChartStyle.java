package org.icesim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/** The look every report chart shares, and writing a chart as PNG. */
public final class ChartStyle {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 540;
    /** Lines per chart before {@link Panels} splits a chart: more colours than this are hard to tell apart. */
    public static final int MAX_SERIES = 8;

    /** Colour-blind-safe qualitative palette (Okabe and Ito), pale yellow last: it is hard to see on white. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0x56B4E9), new Color(0xD55E00), new Color(0x000000), new Color(0x999999),
        new Color(0x882255), new Color(0xF0E442)};

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartStyle() {
    }

    public static Paint color(int series) {
        return PALETTE[series % PALETTE.length];
    }

    public static BasicStroke line() {
        return new BasicStroke(2.0f);
    }

    /** Applies fonts, white background, light grid and a legend below the plot. */
    public static JFreeChart styled(JFreeChart chart) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(TITLE);
        theme.setLargeFont(LABEL);
        theme.setRegularFont(TICK);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xDDDDDD));
        theme.setRangeGridlinePaint(new Color(0xDDDDDD));
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        Plot plot = chart.getPlot();
        plot.setOutlinePaint(new Color(0x888888));
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinesVisible(true);
            xy.setRangeGridlinesVisible(true);
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinesVisible(true);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    public static void save(JFreeChart chart, Path file, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }
}
