package org.icesim.kernel;

/** Conversions between human units and the model's integer nanoseconds. */
public final class Durations {
    public static final long NANOS_PER_MICRO = 1_000L;
    public static final long NANOS_PER_MILLI = 1_000_000L;
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Durations() {
    }

    public static long micros(long micros) {
        return Math.multiplyExact(micros, NANOS_PER_MICRO);
    }

    public static long millis(long millis) {
        return Math.multiplyExact(millis, NANOS_PER_MILLI);
    }

    public static long seconds(long seconds) {
        return Math.multiplyExact(seconds, NANOS_PER_SECOND);
    }

    /** Fractional seconds, rounded to the nearest nanosecond. */
    public static long seconds(double seconds) {
        return Math.round(seconds * NANOS_PER_SECOND);
    }

    /** Nanoseconds as (fractional) milliseconds, the unit results are reported in. */
    public static double toMillis(long nanos) {
        return nanos / (double) NANOS_PER_MILLI;
    }
}
