package org.icesim.stats;

import java.util.Locale;

/** The statistics a comparison reports and a tolerance can bound. */
public enum Stat {
    /** The median of a numeric metric. */
    MEDIAN(50),
    /** The 95th percentile of a numeric metric. */
    P95(95),
    /** The share of runs with a property (a flag metric, reached_failed, run_failed). */
    SHARE(Double.NaN);

    private final double percentile;

    Stat(double percentile) {
        this.percentile = percentile;
    }

    /** The percentile (0..100) this statistic is; NaN for {@link #SHARE}. */
    public double percentile() {
        return percentile;
    }

    /** The name used in tolerance keys and tables: "median", "p95", "share". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stat parse(String key) {
        for (Stat stat : values()) {
            if (stat.key().equals(key)) {
                return stat;
            }
        }
        throw new IllegalArgumentException("statistic must be median, p95 or share, was '" + key + "'");
    }
}
