package org.icesim.report;

import java.util.ArrayList;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * Horizontal box plots, one row per group and one box colour per series (metric): box from the
 * first to the third quartile, line at the median, whiskers at minimum and maximum.
 */
public final class BoxChart {

    private static final int ROW_HEIGHT = 26;

    private BoxChart() {
    }

    /**
     * @param groups the group labels, top to bottom
     * @param boxes  series name → group label → box; groups without a box for a series leave a gap
     */
    public static JFreeChart draw(String title, String valueLabel, List<String> groups,
            Map<String, Map<String, BoxStats>> boxes) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (String group : groups) {
            boxes.forEach((series, byGroup) -> {
                BoxStats box = byGroup.get(group);
                if (box != null) {
                    data.add(new BoxAndWhiskerItem(box.mean(), box.median(), box.q1(), box.q3(), box.min(), box.max(),
                            box.min(), box.max(), new ArrayList<>()), series, group);
                }
            });
        }
        JFreeChart chart = ChartStyle.styled(ChartFactory.createBoxAndWhiskerChart(title, "group", valueLabel, data,
                boxes.size() > 1));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        BoxAndWhiskerRenderer renderer = (BoxAndWhiskerRenderer) plot.getRenderer();
        renderer.setMeanVisible(false);
        renderer.setMedianVisible(true);
        renderer.setMaximumBarWidth(0.6);
        renderer.setUseOutlinePaintForWhiskers(false);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
        if (spansDecades(boxes)) {
            LogAxis log = new LogAxis(valueLabel + ", log scale");
            log.setStandardTickUnits(NumberAxis.createStandardTickUnits());
            log.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
            plot.setRangeAxis(log);
        }
        for (int i = 0; i < boxes.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
        }
        return chart;
    }

    /** Whether all values are positive and span more than 20 times: a log axis keeps small boxes visible. */
    static boolean spansDecades(Map<String, Map<String, BoxStats>> boxes) {
        double min = boxes.values().stream().flatMap(m -> m.values().stream()).mapToDouble(BoxStats::min).min().orElse(0);
        double max = boxes.values().stream().flatMap(m -> m.values().stream()).mapToDouble(BoxStats::max).max().orElse(0);
        return min > 0 && max / min > 20;
    }

    /** A height that gives every group row room to read. */
    public static int height(int groups, int series) {
        return Math.max(ChartStyle.HEIGHT / 2, 160 + groups * ROW_HEIGHT * Math.max(1, series));
    }
}
