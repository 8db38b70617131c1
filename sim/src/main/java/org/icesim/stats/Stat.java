package org.icesim.stats;

import java.util.Locale;

/** The statistics of a metric that a comparison reports and a tolerance can bound. */
public enum Stat {
    MEDIAN(50),
    P95(95);

    private final double percentile;

    Stat(double percentile) {
        this.percentile = percentile;
    }

    /** The percentile (0..100) this statistic is. */
    public double percentile() {
        return percentile;
    }

    /** The name used in tolerance keys and tables: "median", "p95". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stat parse(String key) {
        for (Stat stat : values()) {
            if (stat.key().equals(key)) {
                return stat;
            }
        }
        throw new IllegalArgumentException("statistic must be median or p95, was '" + key + "'");
    }
}
