package org.icesim.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.icesim.metrics.Metric;
import org.icesim.stats.FidelityCell;
import org.icesim.stats.FidelityVerdict;

/**
 * What the fidelity chart draws: each cell with a value on both sides as a point (real median,
 * simulated median), by metric, the failing ones (allow-listed or not) once more to ring them,
 * how many cells have no point (never or unmeasured on a side), and every metric of the cells in
 * order of appearance (drawn or not, so a metric keeps its colour across charts). Medians below
 * {@value #FLOOR_MS} ms (a recovery of 0: media never stopped) are drawn at the floor of the log axes.
 */
public record FidelityPoints(List<Metric> metrics, Map<Metric, List<double[]>> byMetric, List<double[]> failing,
        int withoutPoint) {

    public static final double FLOOR_MS = 1;

    public static FidelityPoints of(List<FidelityCell> cells) {
        Set<Metric> metrics = new LinkedHashSet<>();
        Map<Metric, List<double[]>> byMetric = new EnumMap<>(Metric.class);
        List<double[]> failing = new ArrayList<>();
        int withoutPoint = 0;
        for (FidelityCell cell : cells) {
            metrics.add(cell.metric());
            if (cell.simulated().median() == null || cell.real().median() == null) {
                withoutPoint++;
                continue;
            }
            double[] point = {Math.max(FLOOR_MS, cell.real().median()), Math.max(FLOOR_MS, cell.simulated().median())};
            byMetric.computeIfAbsent(cell.metric(), m -> new ArrayList<>()).add(point);
            if (cell.verdict() != FidelityVerdict.PASS) {
                failing.add(point);
            }
        }
        return new FidelityPoints(List.copyOf(metrics), byMetric, failing, withoutPoint);
    }

    /** The largest coordinate drawn, for the diagonal; the floor when nothing is drawn. */
    public double max() {
        return byMetric.values().stream().flatMap(List::stream).mapToDouble(p -> Math.max(p[0], p[1])).max().orElse(FLOOR_MS);
    }
}
