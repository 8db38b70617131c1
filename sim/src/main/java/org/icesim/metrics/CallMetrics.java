package org.icesim.metrics;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.icesim.metrics.EventDetail.StateChange;

/**
 * Computes the metrics of a two-party call (design.md §4, {@link Metric}) from a run's event log
 * and the media each peer received. Pure: the same log gives the same result, wherever it was recorded.
 */
public final class CallMetrics {

    /** Gaps longer than this are interruptions: ten audio packets' worth. */
    public static final long DEFAULT_INTERRUPTION_THRESHOLD_NANOS = 200_000_000L;

    private CallMetrics() {
    }

    /**
     * @param events      the run's log
     * @param peers       the two peers, caller first
     * @param toPeer      the media received at each of the two peers (same order as {@code peers}), able to
     *                    tell its continuity over the window this method picks
     * @param faultNanos  the first fault of the timeline, if any; without one, the media and
     *                    detection metrics are taken from the first restartIce() call, or else
     *                    from the first selected pair
     * @param endNanos    the end of the run
     */
    public static RunResult compute(Recorder events, List<String> peers, List<? extends MediaWindowSource> toPeer,
            OptionalLong faultNanos, long endNanos, long interruptionThresholdNanos) {
        RunResult result = new RunResult();
        // The window the media figures look at starts at the fault; without one, at the first
        // restart; without either, when the call first selected a pair (a healthy call's gaps).
        OptionalLong reference = faultNanos.isPresent() ? faultNanos
                : firstTime(events, EventKind.RESTART_ICE).isPresent() ? firstTime(events, EventKind.RESTART_ICE)
                : firstTime(events, EventKind.SELECTED_PAIR);
        long from = reference.orElse(0);
        reference.ifPresent(instant -> result.putNanos(Metric.REFERENCE_MS, instant));

        events.first(null, from, detail -> detail instanceof StateChange s && s.iceBecame("disconnected"))
                .ifPresent(e -> result.putNanos(Metric.DETECT_DISCONNECTED_MS, e.timeNanos() - from));
        events.first(null, from, detail -> detail instanceof StateChange s && s.iceBecame("failed"))
                .ifPresent(e -> result.putNanos(Metric.DETECT_FAILED_MS, e.timeNanos() - from));
        events.first(null, from, detail -> detail instanceof StateChange s && s.became(EventKind.CONNECTION_STATE, "failed"))
                .ifPresent(e -> result.putNanos(Metric.DETECT_CONNECTION_FAILED_MS, e.timeNanos() - from));

        events.first(EventKind.RESTART_ICE, null, from).ifPresent(restart -> restartMetrics(events, restart, result));

        if (reference.isPresent()) {
            // Media received at the second peer came from the first (a→b), and the other way round.
            MediaContinuity ba = toPeer.get(0).window(from, endNanos, interruptionThresholdNanos);
            MediaContinuity ab = toPeer.get(1).window(from, endNanos, interruptionThresholdNanos);
            putDirection(result, ab, Metric.MEDIA_GAP_AB_MS, Metric.MEDIA_LOST_AB_MS, Metric.RECOVERY_AB_MS);
            putDirection(result, ba, Metric.MEDIA_GAP_BA_MS, Metric.MEDIA_LOST_BA_MS, Metric.RECOVERY_BA_MS);
            result.putNanos(Metric.MEDIA_GAP_MS, Math.max(ab.longestGapNanos(), ba.longestGapNanos()))
                    .putNanos(Metric.MEDIA_LOST_MS, Math.max(ab.lostNanos(), ba.lostNanos()));
            // The call is back when both directions are: no recovery while either has none.
            if (ab.recoveryNanos().isPresent() && ba.recoveryNanos().isPresent()) {
                result.putNanos(Metric.RECOVERY_MS, Math.max(ab.recoveryNanos().getAsLong(), ba.recoveryNanos().getAsLong()));
            }
        }

        String first = peers.get(0);
        lastSelected(events, first, from - 1).ifPresent(p -> result.putText(Metric.SELECTED_PAIR_BEFORE, p.types()));
        lastSelected(events, first, endNanos).ifPresent(p -> result.putText(Metric.SELECTED_PAIR_AFTER, p.types()));
        boolean relayed = events.events().stream()
                .anyMatch(e -> e.detail() instanceof SelectedPair pair && pair.relayed());
        result.putFlag(Metric.USED_TURN, relayed);
        return result;
    }

    private static void putDirection(RunResult result, MediaContinuity window, Metric gap, Metric lost, Metric recovery) {
        result.putNanos(gap, window.longestGapNanos()).putNanos(lost, window.lostNanos());
        window.recoveryNanos().ifPresent(r -> result.putNanos(recovery, r));
    }

    private static void restartMetrics(Recorder events, RecordedEvent restart, RunResult result) {
        String peer = restart.node();
        long r = restart.timeNanos();
        int generationBefore = lastSelected(events, peer, r).map(SelectedPair::generation).orElse(-1);
        Optional<RecordedEvent> newPair = events.events().stream()
                .filter(e -> e.timeNanos() >= r && e.node().equals(peer)
                        && e.detail() instanceof SelectedPair pair && pair.generation() > generationBefore)
                .findFirst();
        Optional<RecordedEvent> offer = events.first(EventKind.OFFER_SENT, peer, r);
        Optional<RecordedEvent> answer = offer.flatMap(o -> events.first(EventKind.ANSWER_APPLIED, peer, o.timeNanos()));
        offer.ifPresent(o -> answer.ifPresent(a -> result.putNanos(Metric.SIGNALING_MS, a.timeNanos() - o.timeNanos())));
        events.first(EventKind.GATHERING_COMPLETE, peer, r).ifPresent(g -> result.putNanos(Metric.GATHERING_MS, g.timeNanos() - r));
        newPair.ifPresent(pair -> {
            long done = upAt(events, peer, pair.timeNanos());
            if (done >= 0) {
                result.putNanos(Metric.RESTART_LATENCY_MS, done - r);
                answer.ifPresent(a -> result.putNanos(Metric.CHECKS_MS, Math.max(0, done - a.timeNanos())));
            }
        });
    }

    /** The first instant at or after {@code t} at which the peer's ICE connection is up; -1 if never. */
    private static long upAt(Recorder events, String peer, long t) {
        StateChange stateAtT = null;
        for (RecordedEvent e : events.events()) {
            if (e.timeNanos() > t) {
                break;
            }
            if (e.node().equals(peer) && e.detail() instanceof StateChange s && s.kind() == EventKind.ICE_CONNECTION_STATE) {
                stateAtT = s;
            }
        }
        if (stateAtT != null && stateAtT.iceUp()) {
            return t;
        }
        for (RecordedEvent e : events.events()) {
            if (e.timeNanos() > t && e.node().equals(peer) && e.detail() instanceof StateChange s && s.iceUp()) {
                return e.timeNanos();
            }
        }
        return -1;
    }

    private static OptionalLong firstTime(Recorder events, EventKind kind) {
        return events.first(kind, null, 0).map(e -> OptionalLong.of(e.timeNanos())).orElse(OptionalLong.empty());
    }

    private static Optional<SelectedPair> lastSelected(Recorder events, String peer, long atOrBefore) {
        SelectedPair last = null;
        for (RecordedEvent e : events.events()) {
            if (e.timeNanos() > atOrBefore) {
                break;
            }
            if (e.node().equals(peer) && e.detail() instanceof SelectedPair pair) {
                last = pair;
            }
        }
        return Optional.ofNullable(last);
    }
}
