package org.icesim.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.icesim.metrics.Direction;

/**
 * One figure of a benchmark measured in several rounds, e.g. CPU ms per run. The median of the
 * rounds is the figure; the spread of the rounds is its noise.
 *
 * @param gated whether a comparison with a stored result judges it (speed and allocation figures;
 *              not wall-clock rates, which a shared machine moves at will, nor counts that the
 *              model fixes)
 */
public record BenchFigure(String name, String unit, Direction direction, boolean gated, List<Double> rounds) {

    public BenchFigure {
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException(name + ": a figure needs at least one round");
        }
    }

    private double[] values() {
        return rounds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @JsonProperty
    public double median() {
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values(), 50);
    }

    @JsonProperty
    public double min() {
        return StatUtils.min(values());
    }

    @JsonProperty
    public double max() {
        return StatUtils.max(values());
    }

    /** Half the range of the rounds over their median: ±this share covers every round. */
    @JsonProperty
    public double spread() {
        double median = median();
        return median == 0 ? 0 : (max() - min()) / 2 / Math.abs(median);
    }

    /** How much worse {@code current}'s median is than this one's, as a share of this median (negative: better). */
    @JsonIgnore
    public double worseningOf(BenchFigure current) {
        return direction.worsening(median(), current.median()) / Math.abs(median());
    }
}
