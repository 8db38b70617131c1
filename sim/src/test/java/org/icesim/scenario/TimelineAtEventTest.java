package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.icesim.net.InFlight;
import org.icesim.scenario.yaml.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and checking timeline entries at events ({@code at: connected+5s}) and a cut's {@code in-flight}. */
class TimelineAtEventTest {

    private static final String MINIMAL = """
            name: anchors
            duration: 60s
            servers: {sig: {type: signaling}}
            links: {lan: {delay: 5ms}, cell: {delay: 40ms}}
            peers:
              alice: {interfaces: [{name: eth, link: lan}]}
              bob: {interfaces: [{name: eth, link: lan}]}
            timeline:
            """;

    @TempDir
    Path dir;

    private Scenario load(String timeline) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, MINIMAL + timeline);
        return new ScenarioLoader().load(file).get(0).scenario();
    }

    private List<String> problems(String timeline) throws Exception {
        try {
            load(timeline);
        } catch (ScenarioException e) {
            return e.problems().stream().map(p -> p.toString().replace(dir + "/", "")).toList();
        }
        throw new AssertionError("the timeline was accepted:\n" + timeline);
    }

    @Test
    void anEntryAtAnEventNamesTheStateThePeerAndTheOffset() throws Exception {
        Scenario s = load("""
                  - {at: connected+5s, action: link-down, peer: alice, interface: eth}
                  - {at: alice.disconnected + 1.5s, action: link-up, peer: alice, interface: eth}
                  - {at: bob.failed, action: restart-ice, peer: bob}
                  - {at: 30s, action: restart-ice, peer: alice}
                """);
        assertThat(s.timeline()).extracting(TimelineAction::action).containsExactly("restart-ice");
        assertThat(s.anchoredTimeline()).extracting(AnchoredAction::anchor).containsExactly(
                new TimelineAnchor(Optional.empty(), TimelineAnchor.Event.CONNECTED, 5_000_000_000L),
                new TimelineAnchor(Optional.of("alice"), TimelineAnchor.Event.DISCONNECTED, 1_500_000_000L),
                new TimelineAnchor(Optional.of("bob"), TimelineAnchor.Event.FAILED, 0));
        assertThat(s.anchoredTimeline()).extracting(AnchoredAction::describe).containsExactly(
                "link-down alice/eth at connected+5s", "link-up alice/eth at alice.disconnected+1500ms",
                "restart-ice bob at bob.failed+0ms");
        // The action's own instant is the offset after the event.
        assertThat(s.anchoredTimeline().get(1).action().atNanos()).isEqualTo(1_500_000_000L);
    }

    @Test
    void theEventsAreTheW3cIceConnectionStatesWithConnectedCoveringCompleted() {
        TimelineAnchor anyPeer = new TimelineAnchor(Optional.empty(), TimelineAnchor.Event.CONNECTED, 0);
        TimelineAnchor bob = new TimelineAnchor(Optional.of("bob"), TimelineAnchor.Event.DISCONNECTED, 0);
        assertThat(anyPeer.matches("alice", "connected")).isTrue();
        assertThat(anyPeer.matches("bob", "completed")).isTrue();
        assertThat(anyPeer.matches("alice", "checking")).isFalse();
        assertThat(bob.matches("bob", "disconnected")).isTrue();
        assertThat(bob.matches("alice", "disconnected")).isFalse();
        assertThat(bob.matches("bob", "failed")).isFalse();
    }

    @Test
    void badAnchorsAreReportedAtTheirLineAndColumn() throws Exception {
        List<String> problems = problems("""
                  - {at: conected+5s, action: restart-ice, peer: bob}
                  - {at: carol.connected+5s, action: restart-ice, peer: bob}
                  - {at: connected+5 s, action: restart-ice, peer: bob}
                  - {at: connected+five, action: restart-ice, peer: bob}
                  - {at: connected-2s, action: restart-ice, peer: bob}
                  - {at: connected+61s, action: restart-ice, peer: bob}
                  - {at: connected+5s, every: 10s, action: restart-ice, peer: bob}
                """);
        assertThat(problems).containsExactly(
                "s.yaml:9:10: timeline.0.at: 'conected' in 'conected+5s' is not an event (did you mean 'connected'?); "
                        + "expected " + TimelineReader.AT_FORM,
                "s.yaml:10:10: timeline.1.at: 'carol' in 'carol.connected+5s' is not a peer; peers: alice, bob",
                "s.yaml:12:10: timeline.3.at: the offset after 'connected+' in 'connected+five': 'five' is not a duration "
                        + "with a unit: ns, us, ms, s, m or h (e.g. 250ms, 1.5s, 2m)",
                "s.yaml:13:10: timeline.4.at: 'connected-2s' is before its event; an action can only follow its event: "
                        + "write event+duration (e.g. connected+5s)",
                "s.yaml:14:10: timeline.5.at: waits 61s after its event, longer than the run (1m)",
                "s.yaml:15:31: timeline.6.every: repeats only an entry at a fixed instant; an entry at an event "
                        + "(at: connected+5s) runs once");
    }

    @Test
    void theNamesAnEntryAtAnEventUsesMustExistSomewhereInTheTimeline() throws Exception {
        // cell exists only once an entry at an event adds it: a fixed-instant link-down of it cannot be
        // checked before the run, and is not refused; a link that never exists is.
        Scenario s = load("""
                  - {at: connected+5s, action: interface-add, peer: alice, interface: {name: cell, link: cell}}
                  - {at: connected+5s, action: interface-remove, peer: alice, interface: eth}
                  - {at: 30s, action: link-down, peer: alice, interface: cell}
                  - {at: 31s, action: link-down, peer: alice, interface: eth}
                """);
        assertThat(s.anchoredTimeline()).hasSize(2);
        assertThat(s.everyAction()).extracting(TimelineAction::action)
                .containsExactly("link-down", "link-down", "interface-add", "interface-remove");
        assertThat(problems("""
                  - {at: connected+5s, action: link-down, peer: alice, interface: wifi}
                  - {at: connected+5s, action: interface-add, peer: bob, interface: {name: cell, link: lte}}
                  - {at: disconnected, action: nat-flush, nat: home}
                """)).containsExactly(
                "s.yaml:9:3: timeline: link-down at connected+5s: peer 'alice' has no interface 'wifi' then; it has: eth",
                "s.yaml:9:3: timeline: interface-add at connected+5s: 'lte' is not a link",
                "s.yaml:9:3: timeline: nat-flush at disconnected+0ms: 'home' is not a NAT");
    }

    @Test
    void aCutDropsWhatIsInFlightUnlessToldToDeliverIt() throws Exception {
        Scenario s = load("""
                  - {at: 1s, action: link-down, peer: alice, interface: eth}
                  - {at: 2s, action: link-down, peer: bob, interface: eth, in-flight: deliver}
                  - {at: 3s, action: set-link, peer: alice, interface: eth, set: {up: false}, in-flight: deliver}
                """);
        assertThat(s.timeline()).extracting(a -> a instanceof TimelineAction.LinkDown d ? d.inFlight()
                : ((TimelineAction.SetLink) a).inFlight()).containsExactly(InFlight.DROP, InFlight.DELIVER, InFlight.DELIVER);
        assertThat(problems("""
                  - {at: 1s, action: link-down, peer: alice, interface: eth, in-flight: keep}
                  - {at: 2s, action: set-link, peer: alice, interface: eth, set: {delay: 9ms}, in-flight: drop}
                  - {at: 3s, action: interface-remove, peer: alice, interface: eth, in-flight: drop}
                """)).containsExactly(
                "s.yaml:9:73: timeline.0.in-flight: 'keep' is not one of deliver, drop",
                "s.yaml:10:91: timeline.1.in-flight: says what a cut does with the packets on the link: it needs set: {up: false}",
                "s.yaml:11:69: timeline.2.in-flight: unknown key; allowed here: at, every, until, action, peer, interface, announce");
    }
}
