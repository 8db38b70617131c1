package org.icesim.testbed;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.icesim.webrtc.NegotiationSamples;
import org.icesim.webrtc.NegotiationSamples.Quantity;

/**
 * Each run's negotiation times, in the quantities of {@code NegotiationTimes}, from the steps
 * {@link CallStages} timed in one result set: the offer step is "start -> offer sent", the
 * answer step "answerer have-remote-offer -> stable (answer set)", each at the set-up and at the
 * restart. How much longer the first setRemoteDescription(offer) takes cannot be timed alone: its
 * step, "offer handed -> answerer have-remote-offer", also holds the offer's trip from the server
 * to the page, which the simulator models itself. So each set-up run's value less the median of
 * the same result set's restarts (the same network, the same server, a warm stack) is the extra;
 * one below that median counts as 0 (nothing more than a restart's).
 */
public final class NegotiationSampleDerivation {

    private NegotiationSampleDerivation() {
    }

    /**
     * The per-run values of one result set's steps; a quantity whose step no run has is empty.
     * The extra needs both the set-up's remote-offer step and at least one restart's.
     */
    public static Map<Quantity, List<Double>> of(List<CallStages.Step> steps) {
        Map<Quantity, List<Double>> samples = new EnumMap<>(Quantity.class);
        samples.put(Quantity.FIRST_OFFER, values(steps, CallStages.Phase.SETUP, CallStages.OFFER_SENT));
        samples.put(Quantity.OFFER, values(steps, CallStages.Phase.RESTART, CallStages.OFFER_SENT));
        samples.put(Quantity.FIRST_ANSWER, values(steps, CallStages.Phase.SETUP, CallStages.ANSWER_SET));
        samples.put(Quantity.ANSWER, values(steps, CallStages.Phase.RESTART, CallStages.ANSWER_SET));
        List<Double> extra = new ArrayList<>();
        Optional<CallStages.Step> restart = step(steps, CallStages.Phase.RESTART, CallStages.REMOTE_OFFER_APPLIED);
        if (restart.isPresent()) {
            double warm = restart.get().median();
            for (double first : values(steps, CallStages.Phase.SETUP, CallStages.REMOTE_OFFER_APPLIED)) {
                extra.add(Math.max(0, first - warm));
            }
        }
        samples.put(Quantity.FIRST_REMOTE_OFFER_EXTRA, extra);
        return samples;
    }

    /**
     * The samples file for a profile from the steps of several result sets: its header, then
     * {@code profile,quantity,ms} (the testbed's tenth of a millisecond), quantity by quantity, each
     * set's runs in their order.
     */
    public static List<String> samplesFile(String profile, List<List<CallStages.Step>> sets) {
        Map<Quantity, List<Double>> pooled = new EnumMap<>(Quantity.class);
        for (List<CallStages.Step> set : sets) {
            of(set).forEach((quantity, values) -> pooled.computeIfAbsent(quantity, q -> new ArrayList<>()).addAll(values));
        }
        List<String> lines = new ArrayList<>(List.of(NegotiationSamples.HEADER));
        pooled.forEach((quantity, values) -> values.forEach(
                ms -> lines.add(profile + "," + quantity.label() + "," + String.format(Locale.ROOT, "%.1f", ms))));
        return lines;
    }

    private static List<Double> values(List<CallStages.Step> steps, CallStages.Phase phase, String name) {
        return step(steps, phase, name).map(CallStages.Step::millis).orElse(List.of());
    }

    private static Optional<CallStages.Step> step(List<CallStages.Step> steps, CallStages.Phase phase, String name) {
        return steps.stream().filter(s -> s.phase() == phase && s.step().equals(name)).findFirst();
    }
}
