package org.icesim.kernel;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conversions between human units and the model's integer nanoseconds, and the project's one
 * duration grammar: a non-negative decimal number and a unit ({@code ns}, {@code us} or
 * {@code µs}, {@code ms}, {@code s}, {@code m} or {@code min}, {@code h}), scaled with exact
 * decimal arithmetic so that {@code 0.1s} is exactly 100 000 000 ns. Scenario files and ICE
 * profile overrides both read durations through {@link #parse(String)}.
 */
public final class Durations {
    public static final long NANOS_PER_MICRO = 1_000L;
    public static final long NANOS_PER_MILLI = 1_000_000L;
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** What {@link #parse(String)} accepts, for error messages. */
    public static final String FORM = "a duration with a unit: ns, us, ms, s, m or h (e.g. 250ms, 1.5s, 2m)";

    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Zµ]*)\\s*");
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", NANOS_PER_MICRO, "µs", NANOS_PER_MICRO, "ms", NANOS_PER_MILLI, "s", NANOS_PER_SECOND,
            "m", 60 * NANOS_PER_SECOND, "min", 60 * NANOS_PER_SECOND, "h", 3_600 * NANOS_PER_SECOND);
    private static final String[] FORMAT_UNITS = {"h", "m", "s", "ms", "us", "ns"};
    private static final long[] FORMAT_SIZES = {3_600 * NANOS_PER_SECOND, 60 * NANOS_PER_SECOND, NANOS_PER_SECOND,
        NANOS_PER_MILLI, NANOS_PER_MICRO, 1L};

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

    /**
     * A duration written in the project's grammar, in nanoseconds.
     *
     * @throws IllegalArgumentException naming the text and {@link #FORM} when it is not one
     */
    public static long parse(String text) {
        Matcher m = NUMBER_UNIT.matcher(text == null ? "" : text);
        if (!m.matches() || !UNITS.containsKey(m.group(2))) {
            throw new IllegalArgumentException((text == null ? "nothing" : "'" + text + "'") + " is not " + FORM);
        }
        BigDecimal scaled = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNITS.get(m.group(2))));
        try {
            return scaled.toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            boolean tooBig = scaled.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0;
            throw new IllegalArgumentException("'" + text + "' is " + (tooBig ? "too large" : "finer than the unit allows")
                    + ": expected " + FORM);
        }
    }

    /** Nanoseconds as the shortest exact text {@link #parse(String)} reads back ({@code 1500ms}, {@code 2m}, {@code 0ms}). */
    public static String format(long nanos) {
        for (int i = 0; i < FORMAT_UNITS.length; i++) {
            if (nanos != 0 && nanos % FORMAT_SIZES[i] == 0) {
                return nanos / FORMAT_SIZES[i] + FORMAT_UNITS[i];
            }
        }
        return "0ms";
    }
}
