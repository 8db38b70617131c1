package org.icesim.webrtc;

import java.util.Optional;

/**
 * How long a real stack takes, outside the network, for the steps of a negotiation, as the
 * testbed timed them (docs/fidelity.md, "Time outside the network"; {@code icesim stages}).
 * A stack is slower the first time: its first negotiation sets up codecs, transports and
 * certificates, later ones (ICE restarts) reuse them. The peer connection turns these into the
 * times of its operations; every other operation takes the configuration's operation delay.
 *
 * @param firstOfferNanos       the first negotiation: negotiationneeded to the offer applied locally
 *                              (createOffer and setLocalDescription; the page then sends it)
 * @param offerNanos            the same step in later negotiations (restartIce() to the offer sent)
 * @param firstAnswerNanos      the first negotiation: the remote offer applied (have-remote-offer) to
 *                              the answer applied locally (createAnswer and setLocalDescription)
 * @param answerNanos           the same step in later negotiations
 * @param firstRemoteOfferExtraNanos how much longer the first setRemoteDescription(offer) takes than
 *                              later ones
 */
public record NegotiationTimes(long firstOfferNanos, long offerNanos, long firstAnswerNanos, long answerNanos,
        long firstRemoteOfferExtraNanos) {

    /**
     * Chromium 156, the testbed page with at-once signaling at 80 ms RTT, load average 6
     * (results/baselines/real-first-runs/chromium-156.0.0.0-signaling-at-once, 6 runs of
     * restart-healthy and restart-relay-only; {@code icesim stages DIR}, medians): start -> offer
     * sent 26.9 ms at set-up, 13.5 ms at the restart; answerer have-remote-offer -> stable 44.4 and
     * 5.3 ms; offer handed to the answerer -> have-remote-offer 261.2 ms at set-up against 95.4 ms at
     * the restart (the same network and server between them): 165.8 ms more the first time.
     */
    public static final NegotiationTimes CHROMIUM = ofMillis(26.9, 13.5, 44.4, 5.3, 165.8);

    /**
     * Firefox ESR 153 at 80 ms RTT, load average 1-3 (results/baselines/real/firefox-153.0/80ms-first-five-cases, 15 runs,
     * 9 with a restart; {@code icesim stages DIR}, medians): start -> offer sent 18.0 and 4.1 ms;
     * have-remote-offer -> stable 25.0 and 4.9 ms; offer handed -> have-remote-offer 198.5 against
     * 77.9 ms: 120.6 ms more the first time.
     */
    public static final NegotiationTimes FIREFOX = ofMillis(18.0, 4.1, 25.0, 4.9, 120.6);

    /**
     * pion 3.1.56's testbed peer at 80 ms RTT, load average 5-18 (results/baselines/real/pion-3.1.56,
     * 42 runs, 27 with a restart; {@code icesim stages DIR}, medians): start -> offer sent 2.9 and
     * 1.1 ms; have-remote-offer -> stable 1.7 and 1.2 ms; offer handed -> have-remote-offer 143.2
     * against 106.5 ms: 36.7 ms more the first time.
     */
    public static final NegotiationTimes PION = ofMillis(2.9, 1.1, 1.7, 1.2, 36.7);

    public NegotiationTimes {
        if (firstOfferNanos < 0 || offerNanos < 0 || firstAnswerNanos < 0 || answerNanos < 0 || firstRemoteOfferExtraNanos < 0) {
            throw new IllegalArgumentException("negotiation times must be >= 0");
        }
    }

    /** Every operation takes {@code operationDelayNanos}: two of them make an offer or an answer. */
    public static NegotiationTimes instant(long operationDelayNanos) {
        if (operationDelayNanos < 0) {
            throw new IllegalArgumentException("operationDelayNanos must be >= 0, was " + operationDelayNanos);
        }
        long two = 2 * operationDelayNanos;
        return new NegotiationTimes(two, two, two, two, 0);
    }

    /** The times measured for the stack a profile is named after: libwebrtc, firefox or pion. */
    public static Optional<NegotiationTimes> measured(String profile) {
        return Optional.ofNullable(switch (profile) {
            case "libwebrtc" -> CHROMIUM;
            case "firefox" -> FIREFOX;
            case "pion" -> PION;
            default -> null;
        });
    }

    /** The offer step of the first or a later negotiation. */
    long offer(boolean first) {
        return first ? firstOfferNanos : offerNanos;
    }

    /** The answer step of the first or a later negotiation. */
    long answer(boolean first) {
        return first ? firstAnswerNanos : answerNanos;
    }

    private static NegotiationTimes ofMillis(double firstOffer, double offer, double firstAnswer, double answer,
            double firstRemoteOfferExtra) {
        return new NegotiationTimes(nanos(firstOffer), nanos(offer), nanos(firstAnswer), nanos(answer), nanos(firstRemoteOfferExtra));
    }

    /** Milliseconds as the testbed stamps them, to a tenth, in nanoseconds. */
    static long nanos(double millis) {
        return Math.round(millis * 10) * 100_000L;
    }
}
