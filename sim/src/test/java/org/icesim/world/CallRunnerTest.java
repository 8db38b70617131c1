package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.icesim.kernel.Durations.millis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.MediaSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls run end to end through {@link CallRunner}, at exact instants. The worlds are small: no
 * NAT, no STUN server, 5 ms access links (10 ms one way, 20 ms round trip between the peers)
 * without jitter, so every instant follows from the libwebrtc constants: selected pair pinged
 * every 2.5 s from its nominating check while strong, every 48 ms once unwritable or nothing
 * arrived for 2.5 s; unwritable ("disconnected") 5 s and timed out 15 s after its first
 * unanswered ping; "failed" while no pair is active, which the page sees only in connectionState:
 * its iceConnectionState stays "disconnected", as Chromium shows it (Blink rtc_ice_transport.cc
 * {@code RTCIceTransport::OnStateChanged}).
 */
class CallRunnerTest {

    @TempDir
    Path dir;

    private List<RunOutput> run(String yaml) throws Exception {
        Path file = dir.resolve("call.yaml");
        Files.writeString(file, yaml);
        List<RunOutput> outputs = new ArrayList<>();
        for (ScenarioPoint point : new ScenarioLoader().load(file)) {
            outputs.add(new CallRunner().run(point, 1, SuiteChecks.options(true, 0)));
        }
        return outputs;
    }

    private static List<RecordedEvent> events(RunOutput output, String peer, EventKind kind) {
        return output.events().stream().filter(e -> e.node().equals(peer) && e.kind() == kind).toList();
    }

    private static final String LINK_FLAP = """
            name: link-flap
            duration: 45s
            servers: {sig: {type: signaling}, turn: {type: turn}}
            links: {lan: {delay: 5ms}}
            peers:
              alice: {interfaces: [{name: eth, link: lan}]}
              bob: {interfaces: [{name: eth, link: lan}]}
            media: {audio: {pps: 50, bytes: 160}}
            sweep:
              peers.alice.policy: [never, on-failed(connection), on-failed]
            timeline:
              - {at: 10s, action: link-down, peer: alice, interface: eth}
              - {at: 35s, action: link-up, peer: alice, interface: eth}
            """;

    @Test
    void libwebrtcFailsWhenNoPairIsActiveAndNeverRecoversWithoutARestart_lwrtc_p2p_transport_channel_HandleAllTimedOut()
            throws Exception {
        List<RunOutput> outputs = run(LINK_FLAP);
        RunOutput never = outputs.get(0);
        // Alice's first check of host/host, at 35 ms, carried USE-CANDIDATE (semi-aggressive) and its
        // answer at 55 ms selected it; bob selected on his own first answer, at 44 ms. The relayed
        // pairs are on the same network and not better: pruned once the selected pair is strong,
        // so they are not active connections.
        assertThat(events(never, "alice", EventKind.SELECTED_PAIR))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(millis(55), "0 host/host"));
        // Each pings its selected pair from its check loop, on Chromium's 64 Hz grid (three pings one
        // run apart, 1.0625 s until the fifth answer makes the RTT estimate converge, then every
        // 2.656 s): alice's 7.660 s ping is answered, her 10.316 s one is not; bob's 7.649 s and
        // 10.305 s the same. Each is disconnected at the first run of its loop 5 s after that ping
        // (the runs come 62.5 ms apart once the channel is weak) and failed at the run 15 s after it,
        // no pair being active: connectionState shows failed then, iceConnectionState stays
        // disconnected.
        // Every connection has then timed out, so every one is destroyed (HandleAllTimedOut): when
        // the link returns at 35 s nothing pings, and nothing comes back without a restart.
        assertThat(events(never, "alice", EventKind.ICE_CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(millis(35), "checking"), tuple(millis(55), "connected"),
                        tuple(15_331_875_000L, "disconnected"));
        assertThat(events(never, "alice", EventKind.CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .endsWith(tuple(15_331_875_000L, "disconnected"), tuple(25_331_875_000L, "failed"));
        assertThat(events(never, "bob", EventKind.ICE_CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(millis(24), "checking"), tuple(millis(44), "connected"),
                        tuple(15_320_875_000L, "disconnected"));
        assertThat(events(never, "bob", EventKind.CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .endsWith(tuple(15_320_875_000L, "disconnected"), tuple(25_320_875_000L, "failed"));
        assertThat(never.result().number(Metric.DETECT_FAILED_MS)).isEmpty();
        // bob's connectionState fails first, 15.321 s after the cut
        assertThat(never.result().number(Metric.DETECT_CONNECTION_FAILED_MS)).contains(15_320.875);
        assertThat(never.events()).noneMatch(e -> e.kind() == EventKind.RESTART_ICE);
        assertThat(never.result().number(Metric.RECOVERY_MS)).isEmpty();

        // Watching connectionState, the restart at 25.332 s brings media back once signaling is up again.
        RunOutput onConnectionFailed = outputs.get(1);
        assertThat(events(onConnectionFailed, "alice", EventKind.RESTART_ICE))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(25_331_875_000L, "on-failed(connection)"));
        assertThat(events(onConnectionFailed, "alice", EventKind.SELECTED_PAIR))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(millis(55), "0 host/host"), tuple(millis(37_675), "1 host/host"));

        // Watching iceConnectionState, which never shows failed here, the application never restarts.
        RunOutput onIceFailed = outputs.get(2);
        assertThat(onIceFailed.events()).noneMatch(e -> e.kind() == EventKind.RESTART_ICE);
        assertThat(onIceFailed.result().number(Metric.RECOVERY_MS)).isEmpty();
    }

    @Test
    void withEventsEachPeersReceivedMediaIsCountedPerIntervalAndTheLinkCutShowsAsNothingReceived() throws Exception {
        List<RunOutput> outputs = run(LINK_FLAP);
        RunOutput never = outputs.get(0);
        // One sample per peer every 100 ms over the 45 s run, alice then bob at each instant.
        assertThat(never.media()).hasSize(2 * 450);
        for (int i = 0; i < never.media().size(); i++) {
            MediaSample sample = never.media().get(i);
            assertThat(sample.timeNanos()).isEqualTo(millis(100L * (i / 2 + 1)));
            assertThat(sample.intervalNanos()).isEqualTo(millis(100));
            assertThat(sample.peer()).isEqualTo(i % 2 == 0 ? "alice" : "bob");
        }
        // Before the cut, audio at 50 packets/s arrives 5 to an interval, each packet 12 bytes of
        // RTP header (RFC 3550 §5.1), 160 of payload and a 10-byte SRTP tag (RFC 3711 §5.2).
        assertThat(never.media()).filteredOn(s -> s.timeNanos() >= millis(1_000) && s.timeNanos() <= millis(10_000))
                .allSatisfy(s -> assertThat(s).extracting(MediaSample::packets, MediaSample::bytes)
                        .containsExactly(5L, 5L * 182));
        // From the cut at 10 s (packets on the 10 ms link when it went down are lost with it) nothing
        // arrives; without a restart nothing comes back after the link does, at 35 s.
        assertThat(never.media()).filteredOn(s -> s.timeNanos() > millis(10_100))
                .allSatisfy(s -> assertThat(s.packets()).isZero());
        // With on-failed the new pair is selected at 37.675 s and media flows again.
        RunOutput onFailed = outputs.get(1);
        assertThat(onFailed.media()).filteredOn(s -> s.timeNanos() > millis(10_100) && s.timeNanos() <= millis(37_600))
                .allSatisfy(s -> assertThat(s.packets()).isZero());
        assertThat(onFailed.media()).filteredOn(s -> s.timeNanos() >= millis(39_000))
                .allSatisfy(s -> assertThat(s.packets()).isEqualTo(5));
    }

    @Test
    void samplingTheReceivedMediaChangesNoResult() throws Exception {
        Path file = dir.resolve("call.yaml");
        Files.writeString(file, LINK_FLAP);
        ScenarioPoint point = new ScenarioLoader().load(file).get(1);
        RunOutput sampled = new CallRunner().run(point, 1, SuiteChecks.options(true, 0));
        RunOutput plain = new CallRunner().run(point, 1, SuiteChecks.options(false, 0));
        assertThat(plain.media()).isEmpty();
        assertThat(sampled.media()).isNotEmpty();
        for (Metric metric : Metric.values()) {
            assertThat(sampled.result().text(metric)).as(metric.column()).isEqualTo(plain.result().text(metric));
        }
    }

    @Test
    void onNetworkChangeRestartsOnTheHandoverOnlyNotForTheInterfacesThePeerStartedWith() throws Exception {
        RunOutput output = run("""
                name: handover
                duration: 15s
                servers: {sig: {type: signaling}}
                links: {lan: {delay: 5ms}}
                peers:
                  alice: {interfaces: [{name: wifi, link: lan}], policy: on-network-change}
                  bob: {interfaces: [{name: eth, link: lan}], policy: on-network-change}
                media: {audio: {pps: 50, bytes: 160}}
                timeline:
                  - {at: 10s, action: interface-add, peer: alice, interface: {name: cell, link: lan}, announce: true}
                  - {at: 10s, action: interface-remove, peer: alice, interface: wifi, announce: true}
                """).get(0);
        // The application starts on the network it has; only the handover the operating system
        // announces is a change, and its two notices of one instant make one restart.
        assertThat(events(output, "alice", EventKind.RESTART_ICE)).extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(millis(10_000), "on-network-change"));
        assertThat(events(output, "bob", EventKind.RESTART_ICE)).isEmpty();
        assertThat(output.result().text(Metric.REFERENCE_MS)).isEqualTo("10000");
    }

    /** Alice's Wi-Fi goes at 10.005 s, unannounced, while her cellular interface comes; nobody restarts. */
    private static final String SILENT_HANDOVER = """
            name: silent-handover
            duration: 20s
            servers: {sig: {type: signaling}}
            links: {lan: {delay: 5ms}}
            peers:
              alice: {interfaces: [{name: wifi, link: lan}], profile: %1$s}
              bob: {interfaces: [{name: eth, link: lan}], profile: %1$s}
            media: {audio: {pps: 50, bytes: 160}}
            timeline:
              - {at: 10005ms, action: interface-add, peer: alice, interface: {name: cell, link: lan}}
              - {at: 10005ms, action: interface-remove, peer: alice, interface: wifi}
            """;

    @Test
    void firefoxIsDisconnectedByItsFirstMediaSendOnTheVanishedInterfaceLibwebrtcByItsPings_nICEr_nr_ice_media_stream_send()
            throws Exception {
        RunOutput firefox = run(SILENT_HANDOVER.formatted("firefox")).get(0);
        RunOutput libwebrtc = run(SILENT_HANDOVER.formatted("libwebrtc")).get(0);
        // Neither stack is told of the removal. Alice's audio leaves every 20 ms from the call's
        // start; the first packet after the removal, at 10.020 s, is refused by the host, and nICEr
        // turns the refused send into "disconnected" at once (ice_media_stream.c
        // nr_ice_media_stream_send -> ice_component.c nr_ice_component_disconnected).
        assertThat(events(firefox, "alice", EventKind.ICE_CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(millis(36), "checking"), tuple(millis(56), "completed"),
                        tuple(millis(10_020), "disconnected"));
        assertThat(firefox.result().number(Metric.DETECT_DISCONNECTED_MS)).contains(15.0);
        // libwebrtc only counts the discarded packet (connection.cc ProxyConnection::Send): its
        // selected pair, pinged from the check loop every 2.656 s once stable (the same schedule as
        // in libwebrtcFailsWhenNoPairIsActiveAndNeverRecoversWithoutARestart, one millisecond
        // later), turns unwritable at the loop's run 5 s after the first unanswered ping, 10.317 s.
        assertThat(events(libwebrtc, "alice", EventKind.ICE_CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(millis(36), "checking"), tuple(millis(56), "connected"),
                        tuple(15_332_875_000L, "disconnected"));
    }

    @Test
    void aWorldWithoutTurnServerRunsWithLoadSamplingAskedFor() throws Exception {
        Path file = dir.resolve("no-turn.yaml");
        Files.writeString(file, BOTH_PATHS_DIE);
        ScenarioPoint point = new ScenarioLoader().load(file).get(0);
        RunOutput output = new CallRunner().run(point, 1, SuiteChecks.options(false, millis(1000)));
        assertThat(output.load()).isEmpty();
        // as in libwebrtcFailsOnlyWhenTheBackupOnAnotherNetworkHasTimedOutToo: alice disconnected at 15.131 s
        assertThat(output.result().number(Metric.DETECT_DISCONNECTED_MS)).contains(5_130.75);
    }

    private static final String BOTH_PATHS_DIE = """
            name: both-paths-die
            duration: 40s
            servers: {sig: {type: signaling}}
            links: {lan: {delay: 5ms}}
            peers:
              alice: {interfaces: [{name: wifi, link: lan}, {name: eth, link: lan}]}
              bob: {interfaces: [{name: eth, link: lan}]}
            media: {audio: off}
            timeline:
              - {at: 10s, action: link-down, peer: alice, interface: wifi}
              - {at: 10s, action: link-down, peer: alice, interface: eth}
            """;

    @Test
    void libwebrtcFailsOnlyWhenTheBackupOnAnotherNetworkHasTimedOutToo_lwrtc_p2p_transport_channel() throws Exception {
        RunOutput output = run(BOTH_PATHS_DIE).get(0);
        // Alice nominated wifi -> bob with her first check, at 37 ms, answered at 57 ms. Her eth -> bob pair
        // is on another network: a backup, not pruned, pinged every 25 s. Bob has one network, so
        // his pair to alice's eth address is pruned behind his selected pair.
        assertThat(events(output, "alice", EventKind.SELECTED_PAIR)).extracting(RecordedEvent::timeNanos)
                .containsExactly(millis(57));
        // Alice's selected pair is pinged from her check loop, whose runs fall on Chromium's 64 Hz grid:
        // stabilizing pings at 1.084 and 2.146 s, then stable ones 2.656 s apart (10 runs of 265.6 ms):
        // 4.803 and 7.459 s are answered, 10.115 s is not: disconnected at the loop's first run 5 s
        // later, 15.131 s (the runs come 62.5 ms apart once the channel is weak). From then on the
        // backup is pinged at the weak runs in vain: its first unanswered ping, at 10.381 s, is 15 s
        // old at the run at 25.381 s, when the last connection times out.
        assertThat(events(output, "alice", EventKind.CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .endsWith(tuple(15_130_750_000L, "disconnected"), tuple(25_380_750_000L, "failed"));
        // Bob's stable pings (7.651 s answered, 10.307 s the first unanswered): disconnected at his
        // loop's run 5 s later; with his other pair pruned he fails when the selected one times out.
        assertThat(events(output, "bob", EventKind.CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .endsWith(tuple(15_307_250_000L, "disconnected"), tuple(25_307_250_000L, "failed"));
    }
}
