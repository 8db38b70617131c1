package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.RecordedEvent;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;
import org.icesim.testkit.SuiteChecks;
import org.icesim.world.CallRunner;
import org.junit.jupiter.api.Test;

/**
 * The {@code on-network-change} policy restarts on the operating system's announcement of an
 * interface change, and only then: not for the interfaces a host starts with, not for a change
 * the operating system keeps from the application ({@code announce}, by default as the stack's
 * network monitor), and not before the call's ICE has started. What the ICE stack notices is its
 * profile's network monitor alone.
 */
class AnnouncedNetworkChangeTest {

    /** A call on public addresses; alice restarts on network changes; {@code %s} is her extra keys and the timeline. */
    private static final String WORLD = """
            name: handover
            duration: 25s
            servers:
              sig: {type: signaling, link: dc}
            links:
              dc: {delay: 5ms}
              access: {delay: 10ms}
            peers:
              alice: {interfaces: [{name: wifi, link: access}], profile: libwebrtc, policy: on-network-change%s}
              bob: {interfaces: [{name: wifi, link: access}], profile: libwebrtc}
            media: {audio: {pps: 50, bytes: 160}}
            """;

    private static final String HANDOVER = """
            timeline:
              - {at: 10s, action: interface-add, peer: alice, interface: {name: cell, link: access}%1$s}
              - {at: 10s, action: interface-remove, peer: alice, interface: wifi%1$s}
            """;

    @Test
    void theInterfacesAWorldIsBuiltWithAreNoNetworkChange() throws Exception {
        assertThat(run(WORLD.formatted(""))).noneMatch(e -> e.kind() == EventKind.RESTART_ICE);
    }

    @Test
    void anAnnouncedHandoverRestartsOnceAtItsInstant() throws Exception {
        // Removal and addition at one instant are one notification of the operating system.
        assertThat(restarts(run(WORLD.formatted("") + HANDOVER.formatted(", announce: true"))))
                .containsExactly("10000ms on-network-change");
    }

    @Test
    void aSilentStackKeepsTheChangeFromTheApplicationByDefaultAndNoticesByItsPings() throws Exception {
        List<RecordedEvent> events = run(WORLD.formatted("") + HANDOVER.formatted(""));
        assertThat(restarts(events)).isEmpty();
        // libwebrtc is not told: its selected pair goes unanswered, "disconnected" at 5 unanswered
        // pings spanning 5 s (the first comes within one 2.5 s stable interval of the removal).
        long disconnected = first(events, "alice", "disconnected");
        assertThat(disconnected).isBetween(15_000_000_000L, 17_500_000_000L);
    }

    @Test
    void aStackThatIsToldFailsAtOnceEvenWhenTheApplicationIsNot() throws Exception {
        List<RecordedEvent> events = run(WORLD.formatted(", ice: {networkMonitor: announced}")
                + HANDOVER.formatted(", announce: false"));
        assertThat(restarts(events)).isEmpty();
        // Every candidate of the one interface gone, nothing is left to check (RFC 8445 §5.1.1.4).
        // The libwebrtc page shows a failed transport as "disconnected" in iceConnectionState;
        // connectionState shows "failed".
        assertThat(events.stream().filter(e -> e.node().equals("alice") && e.kind() == EventKind.CONNECTION_STATE
                && e.detail().text().equals("failed")).mapToLong(RecordedEvent::timeNanos).findFirst()).hasValue(10_000_000_000L);
    }

    @Test
    void anAnnouncedStacksChangesReachTheApplicationByDefault() throws Exception {
        assertThat(restarts(run(WORLD.formatted(", ice: {networkMonitor: announced}") + HANDOVER.formatted(""))))
                .containsExactly("10000ms on-network-change");
    }

    @Test
    void aChangeBeforeTheCallsIceStartedRestartsNothing() throws Exception {
        String lateCall = WORLD.formatted("") + """
                call: {at: 5s}
                timeline:
                  - {at: 2s, action: interface-add, peer: alice, interface: {name: cell, link: access}, announce: true}
                """;
        assertThat(run(lateCall)).noneMatch(e -> e.kind() == EventKind.RESTART_ICE);
    }

    private static List<RecordedEvent> run(String yaml) throws Exception {
        ScenarioPoint point = new ScenarioPoint(Map.of(),
                ScenarioBinder.bind((YamlNode.YamlMap) new YamlReader().read("handover.yaml", yaml)));
        RunOutput output = new CallRunner().run(point, 1, SuiteChecks.options(true, 0));
        return output.events();
    }

    private static List<String> restarts(List<RecordedEvent> events) {
        return events.stream().filter(e -> e.kind() == EventKind.RESTART_ICE)
                .map(e -> e.timeNanos() / 1_000_000 + "ms " + e.detail().text()).toList();
    }

    private static long first(List<RecordedEvent> events, String peer, String iceConnectionState) {
        return events.stream().filter(e -> e.node().equals(peer) && e.kind() == EventKind.ICE_CONNECTION_STATE
                && e.detail().text().equals(iceConnectionState)).mapToLong(RecordedEvent::timeNanos).findFirst().orElseThrow();
    }
}
