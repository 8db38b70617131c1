package org.icesim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * Horizontal box plots, one row per group and one box colour per series (metric): box from the
 * first to the third quartile, line at the median, dot at the mean, whiskers at minimum and maximum.
 */
public final class BoxChart {

    private static final int ROW_HEIGHT = 26;

    private BoxChart() {
    }

    /** @param boxes series name → group label → box; groups without a box for a series leave a gap */
    public static JFreeChart draw(String title, String valueLabel, Map<String, Map<String, BoxStats>> boxes) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        boxes.forEach((series, byGroup) -> byGroup.forEach((group, box) -> data.add(new BoxAndWhiskerItem(box.mean(),
                box.median(), box.q1(), box.q3(), box.min(), box.max(), box.min(), box.max(), new ArrayList<>()),
                series, group)));
        JFreeChart chart = ChartStyle.styled(ChartFactory.createBoxAndWhiskerChart(title, "group", valueLabel, data,
                boxes.size() > 1));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        BoxAndWhiskerRenderer renderer = (BoxAndWhiskerRenderer) plot.getRenderer();
        renderer.setMeanVisible(true);
        renderer.setMaximumBarWidth(0.6);
        renderer.setUseOutlinePaintForWhiskers(false);
        for (int i = 0; i < boxes.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
        }
        return chart;
    }

    /** A height that gives every group row room to read. */
    public static int height(int groups, int series) {
        return Math.max(ChartStyle.HEIGHT / 2, 160 + groups * ROW_HEIGHT * Math.max(1, series));
    }

    /** The group labels a chart of {@code boxes} shows, in order of first appearance. */
    public static List<String> groups(Map<String, Map<String, BoxStats>> boxes) {
        List<String> groups = new ArrayList<>();
        boxes.values().forEach(byGroup -> byGroup.keySet().stream().filter(g -> !groups.contains(g)).forEach(groups::add));
        return groups;
    }
}
