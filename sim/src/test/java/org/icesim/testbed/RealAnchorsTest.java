package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icesim.scenario.TimelineAnchor;
import org.junit.jupiter.api.Test;

/** The instant of an anchored entry's event among the real peers' reported lines. */
class RealAnchorsTest {

    private static final long ZERO = 1_700_000_000_000_000L;

    private static PeerLine state(long runMillis, String state) {
        return new PeerLine(ZERO + runMillis * 1000, RealAnchors.ICE_CONNECTION_STATE, state);
    }

    @Test
    void theEventIsTheFirstMatchingStateChangeAtTheNamedPeerOrEitherPeerSinceZero() {
        Map<String, List<PeerLine>> lines = new LinkedHashMap<>();
        // A line before zero (the peers' clocks and start-up) does not count.
        lines.put("alice", List.of(new PeerLine(ZERO - 5_000, RealAnchors.ICE_CONNECTION_STATE, "connected"),
                state(312, "checking"), state(410, "connected"), state(9_100, "disconnected")));
        lines.put("bob", List.of(state(395, "completed"), new PeerLine(ZERO + 8_000_000, "selected-pair", "host/host"),
                state(8_700, "disconnected")));
        TimelineAnchor connected = new TimelineAnchor(Optional.empty(), TimelineAnchor.Event.CONNECTED, 5_000_000_000L);
        TimelineAnchor aliceDisconnected = new TimelineAnchor(Optional.of("alice"), TimelineAnchor.Event.DISCONNECTED, 0);
        TimelineAnchor failed = new TimelineAnchor(Optional.empty(), TimelineAnchor.Event.FAILED, 0);
        // Bob's completed at 395 ms comes before alice's connected at 410 ms; the offset is the caller's to add.
        assertThat(RealAnchors.eventNanos(connected, lines, ZERO)).hasValue(395_000_000L);
        // Bob was disconnected first, but the entry names alice.
        assertThat(RealAnchors.eventNanos(aliceDisconnected, lines, ZERO)).hasValue(9_100_000_000L);
        assertThat(RealAnchors.eventNanos(failed, lines, ZERO)).isEmpty();
    }
}
