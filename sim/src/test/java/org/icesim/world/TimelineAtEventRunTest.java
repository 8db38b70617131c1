package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.icesim.kernel.Durations.millis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timeline entries at events, run end to end: an action runs exactly its offset after the first
 * {@code iceConnectionState} change that is its event, and the run is then the same, byte for byte,
 * as one with the action written at that fixed instant. An entry whose event never happens never
 * runs and says so in the event log. The world is CallRunnerTest's: two public peers on 5 ms
 * links, no jitter, so every instant is exact.
 */
class TimelineAtEventRunTest {

    @TempDir
    Path dir;

    private static final String CALL = """
            name: at-event
            duration: 30s
            servers: {sig: {type: signaling}, turn: {type: turn}}
            links: {lan: {delay: 5ms}}
            peers:
              alice: {interfaces: [{name: eth, link: lan}], policy: on-disconnected(1s)}
              bob: {interfaces: [{name: eth, link: lan}]}
            media: {audio: {pps: 50, bytes: 160}}
            timeline:
            """;

    private RunOutput run(String timeline) throws Exception {
        Path file = dir.resolve("call.yaml");
        Files.writeString(file, CALL + timeline);
        return new CallRunner().run(new ScenarioLoader().load(file).get(0), 1, SuiteChecks.options(true, 0));
    }

    private static List<RecordedEvent> events(RunOutput output, String node, EventKind kind) {
        return output.events().stream().filter(e -> e.node().equals(node) && e.kind() == kind).toList();
    }

    private static long first(RunOutput output, String node, String iceConnectionState) {
        return events(output, node, EventKind.ICE_CONNECTION_STATE).stream()
                .filter(e -> e.detail().text().equals(iceConnectionState)).findFirst().orElseThrow().timeNanos();
    }

    @Test
    void anActionAtAnEventRunsItsOffsetAfterTheFirstPeerToReachItAndTheRunEqualsOneWrittenAtThatInstant()
            throws Exception {
        RunOutput anchored = run("""
                  - {at: connected+5s, action: link-down, peer: alice, interface: eth}
                  - {at: bob.disconnected+1500ms, action: link-up, peer: alice, interface: eth}
                """);
        long connected = Math.min(first(anchored, "alice", "connected"), first(anchored, "bob", "connected"));
        long bobDisconnected = first(anchored, "bob", "disconnected");
        // Bob answers alice's first nominating check: his side is connected first, at 44 ms (CallRunnerTest).
        assertThat(connected).isEqualTo(millis(44)).isEqualTo(first(anchored, "bob", "connected"));
        assertThat(events(anchored, "world", EventKind.FAULT)).extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(millis(5_044), "link-down alice/eth"));
        assertThat(events(anchored, "world", EventKind.REPAIR)).extracting(RecordedEvent::timeNanos)
                .containsExactly(bobDisconnected + millis(1_500));
        assertThat(events(anchored, "world", EventKind.NOT_APPLIED)).isEmpty();
        // The fault is the run's reference instant, as a fixed one would be.
        assertThat(anchored.result().text(Metric.REFERENCE_MS)).isEqualTo("5044");

        RunOutput fixed = run("""
                  - {at: 5044ms, action: link-down, peer: alice, interface: eth}
                  - {at: %dns, action: link-up, peer: alice, interface: eth}
                """.formatted(bobDisconnected + millis(1_500)));
        assertThat(anchored.events()).isEqualTo(fixed.events());
        assertThat(anchored.result().values()).isEqualTo(fixed.result().values());
    }

    @Test
    void anActionWhoseEventNeverHappensNeverRunsAndTheLogSaysWhy() throws Exception {
        RunOutput output = run("""
                  - {at: alice.failed+1s, action: restart-ice, peer: bob}
                  - {at: connected+29999ms, action: link-down, peer: bob, interface: eth}
                  - {at: 20s, action: restart-ice, peer: alice}
                """);
        // Nothing breaks, so nobody fails; the link-down falls due 29.999 s after 44 ms, past the end at 30 s.
        assertThat(events(output, "world", EventKind.NOT_APPLIED))
                .extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(
                        tuple(millis(30_000), "restart-ice bob at alice.failed+1s: alice's "
                                + "first iceConnectionState failed never happened"),
                        tuple(millis(30_000), "link-down bob/eth at connected+29999ms: due "
                                + "at 30043ms, after the end of the run"));
        assertThat(events(output, "world", EventKind.FAULT)).isEmpty();
        assertThat(events(output, "bob", EventKind.RESTART_ICE)).isEmpty();
        // Without a fault the figures count from the first restart, as for a timeline without one.
        assertThat(output.result().text(Metric.REFERENCE_MS)).isEqualTo("20000");
    }

    @Test
    void anActionAtAnEventOnAnInterfaceThatIsGoneThenIsNotAppliedAndLogged() throws Exception {
        RunOutput output = run("""
                  - {at: 2s, action: interface-remove, peer: bob, interface: eth}
                  - {at: alice.disconnected, action: link-down, peer: bob, interface: eth}
                """);
        // Alice notices bob is gone by her pings going unanswered; bob's interface is gone by then.
        long disconnected = first(output, "alice", "disconnected");
        assertThat(events(output, "world", EventKind.NOT_APPLIED)).extracting(RecordedEvent::timeNanos, e -> e.detail().text())
                .containsExactly(tuple(disconnected, "link-down bob/eth at "
                        + Quantities.formatDuration(disconnected) + ": bob has no interface 'eth' then"));
    }
}
