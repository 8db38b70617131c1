package org.icesim.scenario.yaml;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.icesim.kernel.Durations;

/**
 * Parses the quantities scenario files write with units: durations (the project's one grammar,
 * {@link Durations#parse(String)}: {@code 250ms}, {@code 1.5s}, {@code 2m}), bit rates ({@code 5Mbps}), sizes ({@code 64KB}) and ratios ({@code 1%} or
 * {@code 0.01}). Each method throws {@link IllegalArgumentException} whose message says what is
 * allowed; exact decimal arithmetic keeps {@code 0.1s} at exactly 100 000 000 ns.
 */
public final class Quantities {

    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z%]*)\\s*");

    public static final String DURATION_FORM = Durations.FORM;
    public static final String RATE_FORM = "a bit rate with a unit: bps, kbps, Mbps or Gbps (e.g. 5Mbps)";
    public static final String SIZE_FORM = "a size with a unit: B, KB, MB (1000-based) or KiB, MiB (e.g. 64KB)";
    public static final String RATIO_FORM = "a percentage (e.g. 1%, 0.5%) or a fraction in [0, 1] (e.g. 0.01)";

    private Quantities() {
    }

    private static final Map<String, Long> RATE_UNITS = Map.of(
            "bps", 1L, "kbps", 1_000L, "Kbps", 1_000L, "Mbps", 1_000_000L, "Gbps", 1_000_000_000L);
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "B", 1L, "KB", 1_000L, "kB", 1_000L, "MB", 1_000_000L, "KiB", 1_024L, "MiB", 1_048_576L);

    /** A duration in nanoseconds, in the project's one grammar ({@link Durations#parse(String)}). */
    public static long duration(String text) {
        return Durations.parse(text);
    }

    /** A bit rate in bits per second. */
    public static long bitRate(String text) {
        return withUnit(text, RATE_UNITS, RATE_FORM);
    }

    /** A size in bytes. */
    public static long bytes(String text) {
        return withUnit(text, SIZE_UNITS, SIZE_FORM);
    }

    /** A number followed by one of {@code units}, scaled exactly to the base unit. */
    private static long withUnit(String text, Map<String, Long> units, String form) {
        Matcher m = match(text, form);
        Long unit = units.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' is not " + form);
        }
        return scaleExact(m.group(1), unit, text, form);
    }

    /** A ratio in [0, 1], written as a percentage or a plain fraction. */
    public static double ratio(String text) {
        Matcher m = match(text, RATIO_FORM);
        BigDecimal value = new BigDecimal(m.group(1));
        switch (m.group(2)) {
            case "%" -> value = value.movePointLeft(2);
            case "" -> { }
            default -> throw new IllegalArgumentException("'" + text + "' is not " + RATIO_FORM);
        }
        if (value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than 100%: expected " + RATIO_FORM);
        }
        return value.doubleValue();
    }

    /** Formats nanoseconds back into the shortest exact duration text ({@link Durations#format(long)}). */
    public static String formatDuration(long nanos) {
        return Durations.format(nanos);
    }

    private static Matcher match(String text, String form) {
        Matcher m = NUMBER_UNIT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException((text == null ? "nothing" : "'" + text + "'") + " is not " + form);
        }
        return m;
    }

    private static long scaleExact(String number, long unit, String text, String form) {
        BigDecimal scaled = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
        try {
            return scaled.toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            boolean tooBig = scaled.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0;
            throw new IllegalArgumentException("'" + text + "' is " + (tooBig ? "too large" : "finer than the unit allows")
                    + ": expected " + form.toLowerCase(Locale.ROOT));
        }
    }
}
