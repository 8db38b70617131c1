package org.icesim.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.icesim.metrics.Direction;
import org.icesim.metrics.Metric;
import org.icesim.metrics.Share;

/**
 * Something a comparison judges in every group: the distribution of a numeric metric (its median
 * and p95) or a share of runs (a flag metric such as used_turn, reached_failed, run_failed).
 * Direction and headline status come from where the metric is defined ({@link Metric}, {@link Share}).
 *
 * @param metric the numeric or flag metric, or null for a derived share
 */
public record Quantity(String name, Direction direction, boolean headline, Metric metric) {

    private static final List<Quantity> ALL = all();

    /** Every quantity, numeric metrics first, then shares, each in definition order. */
    public static List<Quantity> values() {
        return ALL;
    }

    private static List<Quantity> all() {
        List<Quantity> all = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            if (metric.numeric()) {
                all.add(new Quantity(metric.column(), metric.direction(), metric.headline(), metric));
            }
        }
        for (Metric metric : Metric.values()) {
            if (metric.kind() == Metric.Kind.FLAG) {
                all.add(new Quantity(metric.column(), metric.direction(), metric.headline(), metric));
            }
        }
        for (Share share : Share.values()) {
            all.add(new Quantity(share.column(), share.direction(), true, null));
        }
        return List.copyOf(all);
    }

    /** The quantity called {@code name}, or an error listing the names there are. */
    public static Quantity named(String name) {
        for (Quantity quantity : ALL) {
            if (quantity.name.equals(name)) {
                return quantity;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + name + "'; metrics are "
                + ALL.stream().map(Quantity::name).collect(Collectors.joining(", ")));
    }

    /** Whether this is a share of runs rather than a numeric metric. */
    public boolean share() {
        return metric == null || metric.kind() == Metric.Kind.FLAG;
    }

    /** The statistics a comparison reports of it. */
    public List<Stat> stats() {
        return share() ? List.of(Stat.SHARE) : List.of(Stat.MEDIAN, Stat.P95);
    }
}
