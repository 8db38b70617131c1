package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.icesim.kernel.Durations.millis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls run end to end through {@link CallRunner}, at exact instants. The worlds are small: no
 * NAT, no STUN server, 5 ms access links (10 ms one way, 20 ms round trip between the peers)
 * without jitter, so every instant follows from the libwebrtc constants: selected pair pinged
 * every 2.5 s from its nominating check while strong, every 48 ms once unwritable or nothing
 * arrived for 2.5 s; unwritable ("disconnected") 5 s and timed out 15 s after its first
 * unanswered ping; "failed" while no pair is active.
 */
class CallRunnerTest {

    @TempDir
    Path dir;

    private List<RunOutput> run(String yaml) throws Exception {
        Path file = dir.resolve("call.yaml");
        Files.writeString(file, yaml);
        List<RunOutput> outputs = new ArrayList<>();
        for (ScenarioPoint point : new ScenarioLoader().load(file)) {
            outputs.add(new CallRunner().run(point, 1, new RunOptions(true, 0)));
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
              peers.alice.policy: [never, on-failed]
            timeline:
              - {at: 10s, action: link-down, peer: alice, interface: eth}
              - {at: 35s, action: link-up, peer: alice, interface: eth}
            """;

    @Test
    void libwebrtcFailsWhenNoPairIsActiveAndNeverRecoversWithoutARestart_lwrtc_p2p_transport_channel_HandleAllTimedOut()
            throws Exception {
        List<RunOutput> outputs = run(LINK_FLAP);
        RunOutput never = outputs.get(0);
        // Alice nominated host/host with a check at 83 ms, answered at 103 ms; bob checked it
        // first at 24 ms. The relayed pairs are on the same network and not better: pruned once
        // the selected pair is strong, so they are not active connections.
        assertThat(events(never, "alice", EventKind.SELECTED_PAIR))
                .extracting(RecordedEvent::timeNanos, RecordedEvent::detail)
                .containsExactly(tuple(millis(103), "0 host/host"));
        // Alice's pings at 83 ms + k x 2.5 s, bob's at 24 ms + k x 2.5 s; the first unanswered ones
        // at 10.083 s and 10.024 s: disconnected 5 s and failed 15 s later, no pair being active.
        // Every connection has then timed out, so every one is destroyed (HandleAllTimedOut): when
        // the link returns at 35 s nothing pings, and nothing comes back without a restart.
        assertThat(events(never, "alice", EventKind.ICE_CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, RecordedEvent::detail)
                .containsExactly(tuple(millis(35), "checking"), tuple(millis(103), "connected"),
                        tuple(millis(15_083), "disconnected"), tuple(millis(25_083), "failed"));
        assertThat(events(never, "bob", EventKind.ICE_CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, RecordedEvent::detail)
                .containsExactly(tuple(millis(24), "checking"), tuple(millis(93), "connected"),
                        tuple(millis(15_024), "disconnected"), tuple(millis(25_024), "failed"));
        assertThat(never.result().number(Metric.DETECT_FAILED_MS)).contains(15_024.0);
        assertThat(never.events()).noneMatch(e -> e.kind() == EventKind.RESTART_ICE);
        assertThat(never.result().number(Metric.RECOVERY_MS)).isEmpty();

        // With on-failed the restart at 25.083 s brings media back once signaling is up again.
        RunOutput onFailed = outputs.get(1);
        assertThat(events(onFailed, "alice", EventKind.RESTART_ICE))
                .extracting(RecordedEvent::timeNanos, RecordedEvent::detail)
                .containsExactly(tuple(millis(25_083), "on-failed"));
        assertThat(events(onFailed, "alice", EventKind.SELECTED_PAIR))
                .extracting(RecordedEvent::timeNanos, RecordedEvent::detail)
                .containsExactly(tuple(millis(103), "0 host/host"), tuple(millis(37_723), "1 host/host"));
    }

    @Test
    void aWorldWithoutTurnServerRunsWithLoadSamplingAskedFor() throws Exception {
        Path file = dir.resolve("no-turn.yaml");
        Files.writeString(file, BOTH_PATHS_DIE);
        ScenarioPoint point = new ScenarioLoader().load(file).get(0);
        RunOutput output = new CallRunner().run(point, 1, new RunOptions(false, millis(1000)));
        assertThat(output.load()).isEmpty();
        assertThat(output.result().number(Metric.DETECT_DISCONNECTED_MS)).contains(5_026.0);
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
        // Alice nominated wifi -> bob with a check at 85 ms, answered at 105 ms. Her eth -> bob pair
        // is on another network: a backup, not pruned, pinged every 25 s. Bob has one network, so
        // his pair to alice's eth address is pruned behind his selected pair.
        assertThat(events(output, "alice", EventKind.SELECTED_PAIR)).extracting(RecordedEvent::timeNanos)
                .containsExactly(millis(105));
        // Alice's pings: 2.585, 5.085, 7.585 s (answered at 7.605 s), 10.085 s unanswered:
        // disconnected at 15.085 s, the selected pair timed out at 25.085 s. The channel turned
        // weak at 10.105 s, 2.5 s after the last arrival; from then on the backup is pinged at
        // every 48 ms tick in vain, and it times out at the tick 15 s later: 10.105 s + 313 x 48 ms.
        assertThat(events(output, "alice", EventKind.ICE_CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, RecordedEvent::detail)
                .containsExactly(tuple(millis(37), "checking"), tuple(millis(105), "connected"),
                        tuple(millis(15_085), "disconnected"), tuple(millis(10_105) + 313 * millis(48), "failed"));
        // Bob (first check at 26 ms, pings every 2.5 s from then): his ping of 10.026 s is the first
        // unanswered; with his other pair pruned he fails when the selected one times out.
        assertThat(events(output, "bob", EventKind.ICE_CONNECTION_STATE))
                .extracting(RecordedEvent::timeNanos, RecordedEvent::detail)
                .endsWith(tuple(millis(15_026), "disconnected"), tuple(millis(25_026), "failed"));
    }
}
