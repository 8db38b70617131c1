package org.icesim.report;

import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Empirical CDFs of one metric, one step line per group. */
public final class CdfChart {

    private static final double LOG_SPAN = 20;

    private CdfChart() {
    }

    public static JFreeChart draw(String title, String valueLabel, List<String> names, List<Cdf> cdfs) {
        return draw(title, valueLabel, "share of runs at or below", names, cdfs);
    }

    /** As {@link #draw(String, String, List, List)} with another share axis label (what the values are of). */
    public static JFreeChart draw(String title, String valueLabel, String shareLabel, List<String> names, List<Cdf> cdfs) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < names.size(); i++) {
            Cdf cdf = cdfs.get(i);
            XYSeries series = new XYSeries(names.get(i) + " (n=" + cdf.count() + ")", false, true);
            series.add(cdf.values()[0], 0.0);
            for (int p = 0; p < cdf.size(); p++) {
                series.add(cdf.values()[p], cdf.probabilities()[p]);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartStyle.styled(ChartFactory.createXYLineChart(title, valueLabel, shareLabel,
                data, PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        XYStepRenderer renderer = new XYStepRenderer();
        for (int i = 0; i < names.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
            renderer.setSeriesStroke(i, ChartStyle.line());
        }
        plot.setRenderer(renderer);
        if (spansDecades(cdfs)) {
            LogAxis log = new LogAxis(valueLabel + ", log scale");
            log.setBase(10);
            // A tick per decade (1, 10, 100, ...) with minor ticks between: readable where fractional steps were not.
            log.setAutoTickUnitSelection(false);
            log.setTickUnit(new NumberTickUnit(1));
            log.setMinorTickCount(9);
            log.setMinorTickMarksVisible(true);
            log.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
            plot.setDomainAxis(log);
        }
        NumberAxis share = (NumberAxis) plot.getRangeAxis();
        share.setRange(0, 1.02);
        return chart;
    }

    /**
     * Whether the values are all positive and span more than {@value #LOG_SPAN} times: then a log
     * axis keeps fast groups readable next to slow ones.
     */
    static boolean spansDecades(List<Cdf> cdfs) {
        double min = cdfs.stream().mapToDouble(c -> c.values()[0]).min().orElse(0);
        double max = cdfs.stream().mapToDouble(c -> c.values()[c.size() - 1]).max().orElse(0);
        return min > 0 && max / min > LOG_SPAN;
    }
}
