package org.icesim.net;

/** Parameter checks whose messages name the parameter, the value and what is allowed. */
final class Check {

    private Check() {
    }

    static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
        return value;
    }

    static long inRange(String name, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + max + "] " + unit + ", was " + value + " " + unit);
        }
        return value;
    }

    static long atLeast(String name, long value, long min, String unit) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + " " + unit + ", was " + value + " " + unit);
        }
        return value;
    }

    static double positive(String name, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
        }
        return value;
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
