package org.icesim.report;

import java.util.List;
import org.icesim.stats.Proportion;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Horizontal bars: the share (in %) of runs of each group with a property, e.g. that used TURN. */
public final class ShareChart {

    private ShareChart() {
    }

    public static JFreeChart draw(String title, String series, List<String> groups, List<Proportion> shares) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < groups.size(); i++) {
            Proportion share = shares.get(i);
            data.addValue(share.proportion() == null ? null : 100 * share.proportion(), series, groups.get(i));
        }
        JFreeChart chart = ChartStyle.styled(ChartFactory.createBarChart(title, "group", "runs (%)", data,
                PlotOrientation.HORIZONTAL, true, false, false));
        CategoryPlot plot = chart.getCategoryPlot();
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ChartStyle.color(0));
        renderer.setMaximumBarWidth(0.7);
        return chart;
    }
}
