package org.icesim.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icesim.kernel.Durations;

/**
 * The event an anchored timeline entry waits for ({@code at: connected+5s}, {@code at: alice.disconnected+2s}):
 * the first time a peer's {@code iceConnectionState} reaches a state, at a named peer or at whichever
 * peer gets there first. The action runs {@code offsetNanos} after that instant; if the event never
 * happens, it never runs.
 *
 * <p>The anchors are ICE connection states because both the simulated peers and the real browsers of
 * the testbed report them (W3C webrtc-pc §4.4.4, RTCIceConnectionState), so an anchor means the same
 * thing on either side of a fidelity comparison.
 */
public record TimelineAnchor(Optional<String> peer, Event event, long offsetNanos) {

    /** The states an entry may wait for, each the first time it is reached. */
    public enum Event {
        /** The first {@code connected} or {@code completed}: the call's media path is up (the first selected pair). */
        CONNECTED("connected", "connected", "completed"),
        /** The first {@code disconnected}: the agent noticed its pair stopped answering. */
        DISCONNECTED("disconnected", "disconnected"),
        /** The first {@code failed}. */
        FAILED("failed", "failed");

        private final String word;
        private final List<String> states;

        Event(String word, String... states) {
            this.word = word;
            this.states = List.of(states);
        }

        /** How a scenario names it. */
        public String word() {
            return word;
        }

        /** Whether {@code iceConnectionState} (its W3C name) entering this state is the event. */
        public boolean reachedBy(String iceConnectionState) {
            return states.contains(iceConnectionState);
        }

        /** Every event by the word a scenario names it with, in declaration order. */
        public static Map<String, Event> byWord() {
            Map<String, Event> words = new LinkedHashMap<>();
            for (Event event : values()) {
                words.put(event.word, event);
            }
            return words;
        }
    }

    public TimelineAnchor {
        if (offsetNanos < 0) {
            throw new IllegalArgumentException("an anchor's offset must be >= 0 ns, was " + offsetNanos);
        }
    }

    /** Whether a peer's {@code iceConnectionState} change is this anchor's event. */
    public boolean matches(String node, String iceConnectionState) {
        return peer.map(node::equals).orElse(true) && event.reachedBy(iceConnectionState);
    }

    /** What the entry waits for, in words: "alice's first iceConnectionState connected or completed". */
    public String eventDescription() {
        return peer.map(p -> p + "'s").orElse("either peer's") + " first iceConnectionState "
                + String.join(" or ", event.states);
    }

    /** As a scenario writes it, e.g. {@code alice.connected+5s}. */
    @Override
    public String toString() {
        return peer.map(p -> p + ".").orElse("") + event.word + "+" + Durations.format(offsetNanos);
    }
}
