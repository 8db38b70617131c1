package org.icesim.report;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** A load quantity over simulated time per group: the mean over seeds as a line, the min–max range as a band. */
public final class CapacityChart {

    private CapacityChart() {
    }

    public static JFreeChart draw(String title, String valueLabel, List<String> names, List<List<BandPoint>> bands) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (int i = 0; i < names.size(); i++) {
            YIntervalSeries series = new YIntervalSeries(names.get(i));
            for (BandPoint point : bands.get(i)) {
                series.add(point.timeMs() / 1000, point.mean(), point.min(), point.max());
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartStyle.styled(ChartFactory.createXYLineChart(title, "simulated time (s)", valueLabel, data,
                PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.18f);
        for (int i = 0; i < names.size(); i++) {
            Color color = (Color) ChartStyle.color(i);
            renderer.setSeriesPaint(i, color);
            renderer.setSeriesFillPaint(i, color);
            renderer.setSeriesStroke(i, ChartStyle.line());
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
