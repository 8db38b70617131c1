package org.icesim.webrtc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Every run's negotiation times as the testbed measured them on a real stack, one list per
 * quantity of {@link NegotiationTimes}, so a simulated run can take a measured run's time instead
 * of the median ({@code processing: sampled}).
 *
 * <p>Why: a real stack's time outside the network spreads widely between runs (Chromium's first
 * setRemoteDescription(offer): 24–830 ms more than a restart's over the suite's 126 runs), and
 * the instants of everything that follows in the call (the check loop's runs, when a pair
 * becomes stable, the phase of its stable pings against a later fault) spread with it. With the
 * medians every seed of a case sets up at the same instant, so a simulated batch shows one phase
 * where the real calls show many (docs/fidelity.md, "Set-up spread").
 *
 * <p>The samples live in {@code negotiation-samples.csv} next to this class, written by
 * {@code icesim stages --negotiation-samples PROFILE RESULTS...} from the committed real
 * baselines; each draw picks one measured run's value per quantity, uniformly and independently.
 */
public final class NegotiationSamples {

    /** The quantities, named as in the samples file; each is a field of {@link NegotiationTimes}. */
    public enum Quantity {
        FIRST_OFFER("first-offer"),
        OFFER("offer"),
        FIRST_ANSWER("first-answer"),
        ANSWER("answer"),
        FIRST_REMOTE_OFFER_EXTRA("first-remote-offer-extra");

        private final String label;

        Quantity(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Quantity of(String label) {
            for (Quantity q : values()) {
                if (q.label.equals(label)) {
                    return q;
                }
            }
            throw new IllegalArgumentException("unknown quantity '" + label + "'");
        }
    }

    static final String RESOURCE = "negotiation-samples.csv";

    /** The samples file's header line, and the fields of every other line. */
    public static final String HEADER = "profile,quantity,ms";

    private static final Map<String, NegotiationSamples> MEASURED = load();

    private final Map<Quantity, long[]> nanos;

    NegotiationSamples(Map<Quantity, long[]> nanos) {
        for (Quantity q : Quantity.values()) {
            long[] values = nanos.get(q);
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException("no samples of " + q.label());
            }
            for (long v : values) {
                if (v < 0) {
                    throw new IllegalArgumentException(q.label() + " sample " + v + " ns is negative");
                }
            }
        }
        this.nanos = new EnumMap<>(nanos);
    }

    /** The samples measured for the stack a profile is named after: libwebrtc, firefox or pion. */
    public static Optional<NegotiationSamples> measured(String profile) {
        return Optional.ofNullable(MEASURED.get(profile));
    }

    /** How many measured runs a quantity has. */
    public int count(Quantity quantity) {
        return nanos.get(quantity).length;
    }

    /**
     * One run's times: for each quantity in declaration order, one measured value drawn uniformly.
     * An offer or answer step ends with a setLocalDescription, which the peer connection gives
     * {@code operationDelayNanos}, so a step measured shorter than that (pion answers in 0.2-5.6 ms)
     * takes that long.
     */
    public NegotiationTimes draw(RandomGenerator random, long operationDelayNanos) {
        // Java evaluates the arguments left to right: the draws come in the quantities' declaration order
        return new NegotiationTimes(step(Quantity.FIRST_OFFER, random, operationDelayNanos),
                step(Quantity.OFFER, random, operationDelayNanos), step(Quantity.FIRST_ANSWER, random, operationDelayNanos),
                step(Quantity.ANSWER, random, operationDelayNanos), pick(Quantity.FIRST_REMOTE_OFFER_EXTRA, random));
    }

    /** A drawn offer or answer step, at least the operation delay. */
    private long step(Quantity quantity, RandomGenerator random, long operationDelayNanos) {
        return Math.max(pick(quantity, random), operationDelayNanos);
    }

    /** One measured value of a quantity, drawn uniformly. */
    private long pick(Quantity quantity, RandomGenerator random) {
        long[] values = nanos.get(quantity);
        return values[random.nextInt(values.length)];
    }

    private static Map<String, NegotiationSamples> load() {
        try (InputStream in = NegotiationSamples.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of {@code profile,quantity,ms}; a line starting with '#' and the header are skipped. */
    static Map<String, NegotiationSamples> parse(List<String> lines) {
        Map<String, Map<Quantity, List<Long>>> byProfile = new LinkedHashMap<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#") || line.equals(HEADER)) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 3) {
                throw new IllegalStateException(RESOURCE + ":" + number + ": expected " + HEADER);
            }
            Quantity quantity;
            long value;
            try {
                quantity = Quantity.of(fields[1]);
                value = NegotiationTimes.nanos(Double.parseDouble(fields[2]));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(RESOURCE + ":" + number + ": '" + fields[2] + "' is not a number of milliseconds");
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + ":" + number + ": " + e.getMessage());
            }
            byProfile.computeIfAbsent(fields[0], p -> new EnumMap<>(Quantity.class))
                    .computeIfAbsent(quantity, q -> new ArrayList<>()).add(value);
        }
        Map<String, NegotiationSamples> samples = new LinkedHashMap<>();
        byProfile.forEach((profile, values) -> {
            Map<Quantity, long[]> arrays = new EnumMap<>(Quantity.class);
            values.forEach((q, list) -> arrays.put(q, list.stream().mapToLong(Long::longValue).toArray()));
            samples.put(profile, new NegotiationSamples(arrays));
        });
        return samples;
    }
}
