package org.icesim.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark result judged against a stored one, as JMH and criterion users expect: a gated
 * figure fails when its median worsened by more than the larger of the tolerance and the noise
 * both measurements showed (the sum of their spreads: beyond it the two ranges of rounds no
 * longer overlap), so noise alone never fails and a tolerance tighter than the noise is widened.
 */
public final class BenchComparison {

    /** One figure in both results. */
    public record Line(BenchFigure baseline, BenchFigure current, double worsening, double threshold) {

        public boolean failed() {
            return worsening > threshold;
        }
    }

    private BenchComparison() {
    }

    /**
     * @throws IllegalArgumentException when the two results measured different things
     */
    public static List<Line> of(BenchResult baseline, BenchResult current, double tolerance) {
        if (!baseline.setup().equals(current.setup())) {
            throw new IllegalArgumentException("the baseline measured '" + baseline.setup() + "', this run '"
                    + current.setup() + "': run bench with the baseline's settings");
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, was " + tolerance);
        }
        List<Line> lines = new ArrayList<>();
        for (BenchFigure now : current.figures()) {
            if (!now.gated()) {
                continue;
            }
            baseline.figure(now.name()).ifPresent(base -> lines.add(new Line(base, now, base.worseningOf(now),
                    Math.max(tolerance, base.spread() + now.spread()))));
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: the baseline has none of this run's figures");
        }
        return lines;
    }
}
