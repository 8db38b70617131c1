package org.icesim.stats;

/** A closed interval of real numbers, e.g. a 95 % confidence interval. */
public record Interval(double low, double high) {

    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval low must be <= high, was [" + low + ", " + high + "]");
        }
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
