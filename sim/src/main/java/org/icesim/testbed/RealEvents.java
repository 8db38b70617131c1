package org.icesim.testbed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.icesim.metrics.CallMetrics;
import org.icesim.metrics.EventDetail.StateChange;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.MediaWindowTracker;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.Recorder;
import org.icesim.metrics.RunEffort;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.metrics.SelectedPair;

/**
 * Turns what the real peers reported and the instants the orchestrator applied its faults into
 * the same event log and metrics a simulated run has: times relative to the run's zero instant,
 * events.csv's vocabulary, and {@link CallMetrics} over them, so every metric keeps its one
 * definition. The ICE generation of a pair is the order in which the peer's local ufrags first
 * appear (0 before any restart), as the simulator counts them.
 */
public final class RealEvents {

    private RealEvents() {
    }

    /**
     * @param zeroMicros  the run's zero instant (the {@code start} command's), epoch microseconds
     * @param world       the orchestrator's fault and repair marks, relative to zero
     * @param peers       each peer's event lines, caller first
     * @param signalingMessages messages the signaling server relayed
     */
    public static RunOutput compute(long zeroMicros, long durationNanos, long thresholdNanos, List<RecordedEvent> world,
            Map<String, List<PeerLine>> peers, long signalingMessages) {
        List<RecordedEvent> events = new ArrayList<>(world);
        Map<String, List<Long>> arrivals = new LinkedHashMap<>();
        peers.forEach((peer, lines) -> {
            List<String> ufrags = new ArrayList<>();
            List<Long> media = new ArrayList<>();
            for (PeerLine line : lines.stream().sorted(Comparator.comparingLong(PeerLine::epochMicros)).toList()) {
                long t = (line.epochMicros() - zeroMicros) * 1000;
                if (t < 0 || t > durationNanos) {
                    continue;
                }
                line.field("ufrag").filter(u -> !u.isEmpty() && !ufrags.contains(u)).ifPresent(ufrags::add);
                int generation = line.field("ufrag").map(ufrags::indexOf).orElse(Math.max(0, ufrags.size() - 1));
                switch (line.kind()) {
                    case "media-rx" -> media.add(t);
                    case "signaling-state" -> events.add(new RecordedEvent(t, peer, new StateChange(EventKind.SIGNALING_STATE, line.detail())));
                    case "ice-gathering-state" ->
                            events.add(new RecordedEvent(t, peer, new StateChange(EventKind.ICE_GATHERING_STATE, line.detail())));
                    case "ice-connection-state" ->
                            events.add(new RecordedEvent(t, peer, StateChange.ice(line.detail())));
                    case "connection-state" -> events.add(new RecordedEvent(t, peer, new StateChange(EventKind.CONNECTION_STATE, line.detail())));
                    case "selected-pair" -> {
                        String[] types = line.detail().split(" ")[0].split("/");
                        if (types.length == 2) {
                            events.add(new RecordedEvent(t, peer, new SelectedPair(generation, types[0], types[1])));
                        }
                    }
                    case "gathering-complete" ->
                            events.add(new RecordedEvent(t, peer, new EventDetail.GatheringComplete(generation)));
                    case "restart-ice" ->
                            events.add(new RecordedEvent(t, peer, new EventDetail.RestartIce(line.field("reason").orElse(line.detail()))));
                    case "offer-sent" ->
                            events.add(new RecordedEvent(t, peer, new EventDetail.OfferSent(line.field("ufrag").orElse(""))));
                    case "answer-applied" -> events.add(new RecordedEvent(t, peer, new EventDetail.AnswerApplied()));
                    case "signaling-connection" ->
                            events.add(new RecordedEvent(t, peer, EventDetail.SignalingConnection.parse(line.detail())));
                    default -> {
                        // ready, candidate, log: diagnostics, kept in the raw logs only.
                    }
                }
            }
            arrivals.put(peer, media);
        });
        events.sort(Comparator.comparingLong(RecordedEvent::timeNanos));
        Recorder recorder = new Recorder();
        events.forEach(e -> recorder.record(e.timeNanos(), e.node(), e.detail()));

        OptionalLong fault = world.stream().filter(e -> e.kind() == EventKind.FAULT).mapToLong(RecordedEvent::timeNanos).min();
        long reference = fault.isPresent() ? fault.getAsLong()
                : recorder.first(EventKind.RESTART_ICE, null, 0).or(() -> recorder.first(EventKind.SELECTED_PAIR, null, 0))
                        .map(RecordedEvent::timeNanos).orElse(0L);
        List<String> order = List.copyOf(peers.keySet());
        List<MediaWindowTracker> received = new ArrayList<>();
        for (String peer : order) {
            MediaWindowTracker tracker = new MediaWindowTracker(thresholdNanos);
            boolean opened = false;
            for (long t : arrivals.get(peer)) {
                if (!opened && t > reference) {
                    tracker.open(reference);
                    opened = true;
                }
                tracker.arrived(t);
            }
            if (!opened) {
                tracker.open(reference);
            }
            received.add(tracker);
        }
        RunResult result = CallMetrics.compute(recorder, order, received, fault, durationNanos, thresholdNanos);
        result.putCount(Metric.SIGNALING_MESSAGES, signalingMessages);
        return new RunOutput(result, recorder.events(), List.of(), RunEffort.NONE);
    }
}
