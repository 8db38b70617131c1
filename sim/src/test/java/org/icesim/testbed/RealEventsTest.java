package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunOutput;
import org.junit.jupiter.api.Test;

class RealEventsTest {

    private static final long ZERO = 1_700_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private static PeerLine at(long millis, String kind, String detail) {
        return new PeerLine(ZERO + millis * 1000, kind, detail);
    }

    /** Audio every 20 ms from {@code from} to {@code to} (exclusive). */
    private static void media(List<PeerLine> lines, long from, long to) {
        for (long t = from; t < to; t += 20) {
            lines.add(at(t, "media-rx", "packets=" + t));
        }
    }

    @Test
    void aCutAndARestartGiveTheSameMetricsAsTheSimulatorDefinesThem() {
        List<PeerLine> alice = new ArrayList<>(List.of(
                at(1000, "offer-sent", "ufrag=aaaa"),
                at(1300, "gathering-complete", "ufrag=aaaa"),
                at(1500, "answer-applied", "ufrag=aaaa"),
                at(1600, "selected-pair", "srflx/srflx ufrag=aaaa local=198.51.100.2:5000 remote=198.51.100.6:6000"),
                at(1601, "ice-connection-state", "connected"),
                at(15000, "ice-connection-state", "disconnected"),
                at(20000, "restart-ice", "reason=on-disconnected"),
                at(20010, "offer-sent", "ufrag=bbbb"),
                at(20200, "gathering-complete", "ufrag=bbbb"),
                at(20400, "answer-applied", "ufrag=bbbb"),
                at(20500, "selected-pair", "relay/srflx ufrag=bbbb local=203.0.113.21:50000 remote=198.51.100.6:6001"),
                at(20600, "ice-connection-state", "connected"),
                at(20601, "candidate", "local host 192.0.2.2:5000"),
                at(31000, "ice-connection-state", "closed")));
        List<PeerLine> bob = new ArrayList<>(List.of(
                at(1400, "gathering-complete", "ufrag=cccc"),
                at(1610, "selected-pair", "srflx/srflx ufrag=cccc local=198.51.100.6:6000 remote=198.51.100.2:5000"),
                at(16000, "ice-connection-state", "disconnected")));
        media(alice, 1700, 10010);
        media(alice, 20700, 30000);
        media(bob, 1700, 10010);
        media(bob, 20650, 30000);
        Map<String, List<PeerLine>> peers = new LinkedHashMap<>();
        peers.put("alice", alice);
        peers.put("bob", bob);
        List<RecordedEvent> world = List.of(new RecordedEvent(10_000 * MS, "world", new EventDetail.Fault("link-down alice/wifi")));

        RunOutput output = RealEvents.compute(ZERO, 30_000 * MS, 200 * MS, world, peers, 12);

        var result = output.result();
        assertThat(result.text(Metric.DETECT_DISCONNECTED_MS)).isEqualTo("5000");
        assertThat(result.text(Metric.DETECT_FAILED_MS)).isEmpty();
        assertThat(result.text(Metric.RESTART_LATENCY_MS)).isEqualTo("600");
        assertThat(result.text(Metric.SIGNALING_MS)).isEqualTo("390");
        assertThat(result.text(Metric.GATHERING_MS)).isEqualTo("200");
        // Media stopped after 10 000 ms (last packet at 10 000) and came back at 20 700 at alice, the worse side.
        assertThat(result.text(Metric.RECOVERY_MS)).isEqualTo("10700");
        assertThat(result.text(Metric.MEDIA_GAP_MS)).isEqualTo("10700");
        // Each direction from its receiver's arrivals: alice → bob came back at 20 650 at bob.
        assertThat(result.text(Metric.RECOVERY_AB_MS)).isEqualTo("10650");
        assertThat(result.text(Metric.MEDIA_GAP_AB_MS)).isEqualTo("10650");
        assertThat(result.text(Metric.RECOVERY_BA_MS)).isEqualTo("10700");
        assertThat(result.text(Metric.MEDIA_GAP_BA_MS)).isEqualTo("10700");
        assertThat(result.text(Metric.SELECTED_PAIR_BEFORE)).isEqualTo("srflx/srflx");
        assertThat(result.text(Metric.SELECTED_PAIR_AFTER)).isEqualTo("relay/srflx");
        assertThat(result.text(Metric.USED_TURN)).isEqualTo("1");
        assertThat(result.text(Metric.SIGNALING_MESSAGES)).isEqualTo("12");
        // events.csv vocabulary: generations from the order of local ufrags; diagnostics and media left out;
        // and an event after the end of the run too.
        assertThat(output.events()).extracting(e -> e.kind() + " " + e.node() + " " + e.detail().text())
                .contains("SELECTED_PAIR alice 0 srflx/srflx", "SELECTED_PAIR alice 1 relay/srflx",
                        "GATHERING_COMPLETE alice 1", "RESTART_ICE alice on-disconnected", "OFFER_SENT alice bbbb",
                        "SELECTED_PAIR bob 0 srflx/srflx", "FAULT world link-down alice/wifi")
                .noneMatch(text -> text.contains("candidate") || text.contains("closed"));
        assertThat(output.events()).isSortedAccordingTo(java.util.Comparator.comparingLong(RecordedEvent::timeNanos));
    }

    @Test
    void peerLinesParseTheirTimeKindAndFields() {
        PeerLine line = PeerLine.parse("EV 1700000000000123 selected-pair host/srflx ufrag=ab+c local=1.2.3.4:5").orElseThrow();
        assertThat(line.epochMicros()).isEqualTo(1_700_000_000_000_123L);
        assertThat(line.kind()).isEqualTo("selected-pair");
        assertThat(line.field("ufrag")).contains("ab+c");
        assertThat(PeerLine.parse("relayed 3")).isEmpty();
        assertThat(PeerLine.parse("EV soon ready")).isEmpty();
    }
}
