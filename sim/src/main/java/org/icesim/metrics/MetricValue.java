package org.icesim.metrics;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * One metric's value of one run, typed by the metric's {@link Metric.Kind}. Times stay integer
 * nanoseconds from the run to the statistics; {@link #text()} is the one runs.csv form and
 * {@link #parse} its inverse, so a value read back from runs.csv equals the value written.
 */
public sealed interface MetricValue {

    /** Milliseconds with at most 6 decimals (whole nanoseconds), no exponent. */
    Pattern MILLIS = Pattern.compile("-?[0-9]{1,13}(\\.[0-9]{1,6})?");
    Pattern COUNT = Pattern.compile("-?[0-9]{1,19}");
    Pattern FLAG = Pattern.compile("[01]");

    /** The value as runs.csv writes it: exact decimal milliseconds, whole numbers, 0 or 1, text. */
    String text();

    /** The value as statistics take it: milliseconds for times, the number for counts, 1 or 0 for a flag. */
    double number();

    /** A time in integer nanoseconds, written as exact milliseconds. */
    sealed interface Nanos extends MetricValue permits Duration, Instant {
        long nanos();

        @Override
        default String text() {
            return RunResult.millisText(nanos());
        }

        @Override
        default double number() {
            return nanos() / 1e6;
        }
    }

    /** A duration ({@link Metric.Kind#MILLIS}). */
    record Duration(long nanos) implements Nanos {
    }

    /** An instant of the run from its start ({@link Metric.Kind#INSTANT}); a type of its own so a duration is never taken for it. */
    record Instant(long nanos) implements Nanos {
    }

    /** A whole number ({@link Metric.Kind#COUNT}). */
    record Count(long count) implements MetricValue {
        @Override
        public String text() {
            return Long.toString(count);
        }

        @Override
        public double number() {
            return count;
        }
    }

    /** Yes or no ({@link Metric.Kind#FLAG}), written 1 or 0. */
    record Flag(boolean set) implements MetricValue {
        @Override
        public String text() {
            return set ? "1" : "0";
        }

        @Override
        public double number() {
            return set ? 1 : 0;
        }
    }

    /** A category ({@link Metric.Kind#TEXT}). */
    record Text(String text) implements MetricValue {
        public Text {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a text value is not empty: an empty runs.csv cell means no value");
            }
        }

        @Override
        public double number() {
            throw new IllegalStateException("'" + text + "' is a category, not a number");
        }
    }

    /**
     * The value of {@code metric} that runs.csv writes as {@code text} (not empty).
     *
     * @throws IllegalArgumentException naming the form the metric's kind takes when {@code text} is not in it
     */
    static MetricValue parse(Metric metric, String text) {
        Pattern format = switch (metric.kind()) {
            case MILLIS, INSTANT -> MILLIS;
            case COUNT -> COUNT;
            case FLAG -> FLAG;
            case TEXT -> null;
        };
        if (format != null && !format.matcher(text).matches()) {
            throw new IllegalArgumentException("must be " + switch (metric.kind()) {
                case MILLIS, INSTANT -> "milliseconds as a decimal number such as 12.5 (at most 6 decimals)";
                case COUNT -> "a whole number";
                default -> "0 or 1";
            } + " or empty");
        }
        return switch (metric.kind()) {
            case MILLIS -> new Duration(nanos(text));
            case INSTANT -> new Instant(nanos(text));
            case COUNT -> new Count(count(text));
            case FLAG -> new Flag(text.equals("1"));
            case TEXT -> new Text(text);
        };
    }

    private static long nanos(String millis) {
        try {
            return new BigDecimal(millis).movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("must be at most " + RunResult.millisText(Long.MAX_VALUE) + " ms", e);
        }
    }

    private static long count(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be at most " + Long.MAX_VALUE, e);
        }
    }
}
