package org.icesim.testbed;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.icesim.scenario.TimelineAnchor;

/**
 * Finds, in what the real peers have reported so far, the instant of an anchored timeline entry's
 * event: the first {@code ice-connection-state} line at or after the run's zero instant that is the
 * anchor's event, at the peer it names or at either peer. The same rule as the simulated run's, on
 * the page's own {@code iceConnectionState} changes.
 */
final class RealAnchors {
    /** The event protocol's kind for an {@code iceConnectionState} change (docs/testbed.md, "Peer protocol"). */
    static final String ICE_CONNECTION_STATE = "ice-connection-state";

    private RealAnchors() {
    }

    /**
     * @param lines      each peer's event lines so far, by peer name
     * @param zeroMicros the run's zero instant, epoch microseconds
     * @return the event's instant in nanoseconds from zero, if it has happened
     */
    static OptionalLong eventNanos(TimelineAnchor anchor, Map<String, List<PeerLine>> lines, long zeroMicros) {
        long first = Long.MAX_VALUE;
        for (Map.Entry<String, List<PeerLine>> peer : lines.entrySet()) {
            for (PeerLine line : peer.getValue()) {
                if (line.kind().equals(ICE_CONNECTION_STATE) && line.epochMicros() >= zeroMicros
                        && anchor.matches(peer.getKey(), line.detail())) {
                    first = Math.min(first, line.epochMicros());
                }
            }
        }
        return first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of((first - zeroMicros) * 1000);
    }
}
