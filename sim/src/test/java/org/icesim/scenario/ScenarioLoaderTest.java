package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.icesim.app.Processing;
import org.icesim.app.RestartPolicy;
import org.icesim.net.LinkChange;
import org.icesim.net.LinkParams;
import org.icesim.net.LossModel;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.signaling.SignalingTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws Exception {
        return Path.of(ScenarioLoaderTest.class.getResource("/scenarios/" + name).toURI());
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String MINIMAL = """
            name: minimal
            duration: 10s
            servers: {sig: {type: signaling}}
            links: {lan: {delay: 5ms}}
            peers:
              alice: {interfaces: [{name: eth, link: lan}]}
              bob: {interfaces: [{name: eth, link: lan}]}
            """;

    @Test
    void aFullScenarioReadsEverySection() throws Exception {
        List<ScenarioPoint> points = new ScenarioLoader().load(resource("full.yaml"));
        assertThat(points).hasSize(2);
        assertThat(points.get(1).parameters()).containsEntry("peers.alice.policy", "on-disconnected(2s)");
        Scenario s = points.get(0).scenario();
        assertThat(s.name()).isEqualTo("full");
        assertThat(s.durationNanos()).isEqualTo(60_000_000_000L);
        assertThat(s.seeds()).isEqualTo(3);
        assertThat(s.baseSeed()).isEqualTo(42);
        assertThat(s.servers()).containsOnlyKeys("stun1", "turn1", "sig");
        assertThat(s.nats().get("home").behind()).contains("cgn");
        assertThat(s.links().get("cell").loss()).isInstanceOf(LossModel.GilbertElliott.class);
        assertThat(s.peers().get("alice").policy()).isEqualTo(new RestartPolicy.OnFailed());
        assertThat(points.get(1).scenario().peers().get("alice").policy()).isEqualTo(new RestartPolicy.OnDisconnected(2_000_000_000L));
        assertThat(s.peers().get("alice").profile().consentInterval()).isEqualTo(3_000_000_000L);
        assertThat(s.peers().get("bob").relayOnly()).isTrue();
        assertThat(s.peers().get("bob").polite()).contains(true);
        assertThat(s.call()).isEqualTo(new CallSpec("alice", "bob", 1_000_000_000L, true));
        assertThat(s.media()).hasSize(2);
        assertThat(s.timeline()).extracting(TimelineAction::action).containsExactly(
                "interface-add", "interface-remove", "set-link", "nat-reboot", "signaling-outage", "restart-ice");
        assertThat(s.timeline()).filteredOn(TimelineAction::isFault).first()
                .extracting(TimelineAction::atNanos).isEqualTo(20_000_000_000L);
        assertThat(s.anchoredTimeline()).isEmpty();
        assertThat(s.interruptionThresholdNanos()).isEqualTo(300_000_000L);
        TimelineAction.SetLink setLink = (TimelineAction.SetLink) s.timeline().get(2);
        // Only the key given is part of the change, read when the file is loaded.
        assertThat(setLink.change()).isEqualTo(new LinkChange(OptionalLong.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new LossModel.Bernoulli(0.05)), OptionalLong.empty(), OptionalLong.empty(), Optional.empty()));
        assertThat(setLink.isFault()).isTrue();
        LinkParams changed = s.links().get("cell").with(setLink.change());
        assertThat(changed.loss()).isEqualTo(new LossModel.Bernoulli(0.05));
        assertThat(changed.delayNanos()).isEqualTo(60_000_000L);
    }

    @Test
    void aMinimalScenarioTakesDefaults() throws Exception {
        Scenario s = new ScenarioLoader().load(write(MINIMAL)).get(0).scenario();
        assertThat(s.seeds()).isEqualTo(1);
        assertThat(s.call().caller()).isEqualTo("alice");
        assertThat(s.call().callee()).isEqualTo("bob");
        assertThat(s.peers().get("alice").profile().name()).isEqualTo("libwebrtc");
        assertThat(s.peers().get("alice").policy()).isEqualTo(new RestartPolicy.Never());
        assertThat(s.media()).hasSize(1);
        assertThat(s.timeline()).isEmpty();
        assertThat(s.anchoredTimeline()).isEmpty();
    }

    @Test
    void theSignalingServerNamesItsClientAndAParameterOfTheOtherClientIsAProblemAtItsLine() throws Exception {
        Scenario plain = new ScenarioLoader().load(write(MINIMAL)).get(0).scenario();
        assertThat(((ServerSpec.Signaling) plain.servers().get("sig")).transport()).isEqualTo(SignalingTransport.STREAM_DEFAULT);
        Scenario poll = new ScenarioLoader().load(write(MINIMAL), Map.of("servers.sig.client", "long-poll",
                "servers.sig.request-timeout", "8s", "servers.sig.network-change", "keep")).get(0).scenario();
        SignalingTransport.LongPoll transport = (SignalingTransport.LongPoll) ((ServerSpec.Signaling) poll.servers().get("sig")).transport();
        assertThat(transport.pollTimeoutNanos()).isEqualTo(8_000_000_000L);
        assertThat(transport.namedPollTimeout()).isEmpty();
        assertThat(transport.holdNanos()).isEqualTo(5_000_000_000L);
        assertThat(transport.retry().jitter()).isZero();
        assertThat(transport.keepAlive()).isTrue();
        assertThat(transport.closeOnNetworkChange()).isFalse();
        assertThat(transport.headThenBody()).isFalse();
        assertThat(transport.clientAckDelayNanos()).isZero();
        Scenario testbed = new ScenarioLoader().load(write(MINIMAL), Map.of("servers.sig.client", "long-poll",
                "servers.sig.response-writes", "head-then-body", "servers.sig.client-ack-delay", "40ms")).get(0).scenario();
        SignalingTransport.LongPoll measured = (SignalingTransport.LongPoll) ((ServerSpec.Signaling) testbed.servers().get("sig")).transport();
        assertThat(measured.headThenBody()).isTrue();
        assertThat(measured.clientAckDelayNanos()).isEqualTo(40_000_000L);
        Path wrong = write(MINIMAL.replace("sig: {type: signaling}", "sig: {type: signaling, ping-interval: 5s, poll-hold: 2s, "
                + "response-writes: head-then-body}") + "timeline: [{at: 1s, action: signaling-outage, duration: 1s, mode: down}]\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(wrong)).isInstanceOfSatisfying(ScenarioException.class, e ->
                assertThat(e.problems()).extracting(ScenarioProblem::path)
                        .containsExactlyInAnyOrder("servers.sig.poll-hold", "servers.sig.response-writes", "timeline.0.mode"));
        Path tooSlow = write(MINIMAL.replace("sig: {type: signaling}", "sig: {type: signaling, client: long-poll, "
                + "client-ack-delay: 500ms, response-writes: twice}"));
        assertThatThrownBy(() -> new ScenarioLoader().load(tooSlow)).isInstanceOfSatisfying(ScenarioException.class, e ->
                assertThat(e.problems()).extracting(ScenarioProblem::path)
                        .containsExactlyInAnyOrder("servers.sig.client-ack-delay", "servers.sig.response-writes"));
    }

    @Test
    void overridesReplaceAnyKey() throws Exception {
        Scenario s = new ScenarioLoader().load(write(MINIMAL), Map.of("links.lan.delay", "25ms", "seeds", "7")).get(0).scenario();
        assertThat(s.links().get("lan").delayNanos()).isEqualTo(25_000_000L);
        assertThat(s.seeds()).isEqualTo(7);
        Path swept = write(MINIMAL + "sweep: {links.lan.delay: [1ms, 2ms, 3ms]}\n");
        List<ScenarioPoint> pinned = new ScenarioLoader().load(swept, Map.of("links.lan.delay", "25ms"));
        assertThat(pinned).singleElement().satisfies(p ->
                assertThat(p.scenario().links().get("lan").delayNanos()).isEqualTo(25_000_000L));
        assertThatThrownBy(() -> new ScenarioLoader().load(write(MINIMAL), Map.of("link.lan.delay", "25ms")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("did you mean 'links'");
    }

    @Test
    void everyKindOfMistakeIsReportedAtOnceWithItsLocation() throws Exception {
        Path file = write("""
                name: broken
                duration: 10s
                servers: {sig: {type: signalling}}
                links: {lan: {delay: 5ms}}
                nats: {home: {preset: full-cone, behind: nowhere}}
                peers:
                  alice: {interfaces: [{name: eth, link: lam, behind: home}], profile: chrome, polcy: never}
                  bob: {interfaces: [{name: eth, link: lan}]}
                timeline:
                  - {at: 20s, action: link-down, peer: alice, interface: eth}
                  - {at: 5s, action: interface-remove, peer: carol, interface: eth}
                  - {at: 6s, action: interface-remove, peer: bob, interface: wifi}
                  - {at: 7s, action: explode}
                """);
        assertThatThrownBy(() -> new ScenarioLoader().load(file))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> {
                    List<String> messages = ((ScenarioException) e).problems().stream().map(ScenarioProblem::toString).toList();
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("s.yaml:3:").contains("servers.sig.type")
                            .contains("did you mean 'signaling'"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("nats.home.behind").contains("'nowhere' is not a NAT"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("interfaces.eth.link").contains("did you mean 'lan'"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("s.yaml:7:").contains("peers.alice.profile")
                            .contains("'chrome' is not one of"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("peers.alice.polcy").contains("did you mean 'policy'"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("timeline.0.at").contains("after the end of the run"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("'carol' is not a peer"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("has no interface 'wifi'"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("timeline.3.action").contains("'explode'"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("needs a signaling server"));
                });
    }

    @Test
    void interfacesMustExistWhenTheTimelineUsesThem() throws Exception {
        Path file = write(MINIMAL + """
                timeline:
                  - {at: 1s, action: interface-remove, peer: alice, interface: eth}
                  - {at: 2s, action: link-down, peer: alice, interface: eth}
                  - {at: 3s, action: interface-add, peer: alice, interface: {name: eth, link: lan}}
                  - {at: 4s, action: interface-add, peer: alice, interface: {name: eth, link: lan}}
                """);
        assertThatThrownBy(() -> new ScenarioLoader().load(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("link-down at 2s: peer 'alice' has no interface 'eth' then")
                .hasMessageContaining("interface-add at 4s: peer 'alice' already has an interface 'eth' then")
                .satisfies(e -> assertThat(((ScenarioException) e).problems()).hasSize(2));
    }

    @Test
    void aPeerTakesItsStacksMeasuredProcessingOnlyWhereTheStackWasMeasured() throws Exception {
        Scenario s = new ScenarioLoader().load(write(MINIMAL.replace("alice: {interfaces: [{name: eth, link: lan}]}",
                "alice: {interfaces: [{name: eth, link: lan}], profile: pion, processing: measured}"))).get(0).scenario();
        assertThat(s.peers().get("alice").processing()).isEqualTo(Processing.MEASURED);
        assertThat(s.peers().get("bob").processing()).isEqualTo(Processing.INSTANT);
        Path unmeasured = write(MINIMAL.replace("alice: {interfaces: [{name: eth, link: lan}]}",
                "alice: {interfaces: [{name: eth, link: lan}], profile: rfc, processing: measured}"));
        assertThatThrownBy(() -> new ScenarioLoader().load(unmeasured))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.yaml:6:").hasMessageContaining("peers.alice.processing")
                .hasMessageContaining("no stack has been measured for profile 'rfc'");
        Scenario sampled = new ScenarioLoader().load(write(MINIMAL.replace("alice: {interfaces: [{name: eth, link: lan}]}",
                "alice: {interfaces: [{name: eth, link: lan}], profile: libwebrtc, processing: sampled}"))).get(0).scenario();
        assertThat(sampled.peers().get("alice").processing()).isEqualTo(Processing.SAMPLED);
        Path unsampled = write(MINIMAL.replace("alice: {interfaces: [{name: eth, link: lan}]}",
                "alice: {interfaces: [{name: eth, link: lan}], profile: rfc, processing: sampled}"));
        assertThatThrownBy(() -> new ScenarioLoader().load(unsampled))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("peers.alice.processing")
                .hasMessageContaining("'measured' and 'sampled' need libwebrtc, firefox or pion");
    }

    @Test
    void anInterfaceChangeSaysWhetherTheApplicationHearsIt() throws Exception {
        Path file = write(MINIMAL + """
                timeline:
                  - {at: 1s, action: interface-add, peer: alice, interface: {name: cell, link: lan}, announce: true}
                  - {at: 2s, action: interface-remove, peer: alice, interface: eth, announce: false}
                  - {at: 3s, action: interface-remove, peer: alice, interface: cell}
                """);
        List<TimelineAction> timeline = new ScenarioLoader().load(file).get(0).scenario().timeline();
        assertThat(timeline).extracting(a -> ((TimelineAction.InterfaceChange) a).announce())
                .containsExactly(Optional.of(true), Optional.of(false), Optional.empty());
        Path wrong = write(MINIMAL + """
                timeline:
                  - {at: 1s, action: interface-remove, peer: alice, interface: eth, announce: loudly}
                """);
        assertThatThrownBy(() -> new ScenarioLoader().load(wrong))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("timeline.0.announce").hasMessageContaining("'loudly' is not true or false");
    }

    @Test
    void aRepeatingEntryRunsAtEveryPeriodUntilItsEnd() throws Exception {
        Path file = write(MINIMAL.replace("duration: 10s", "duration: 1h") + """
                timeline:
                  - {at: 5m, every: 10m, action: link-down, peer: alice, interface: eth}
                  - {at: 303s, every: 10m, until: 30m, action: link-up, peer: alice, interface: eth}
                  - {at: 59m, action: restart-ice, peer: bob}
                """);
        Scenario s = new ScenarioLoader().load(file).get(0).scenario();
        assertThat(s.timeline()).extracting(TimelineAction::atNanos).containsExactly(
                minutes(5), minutes(5) + 3_000_000_000L, minutes(15), minutes(15) + 3_000_000_000L, minutes(25),
                minutes(25) + 3_000_000_000L, minutes(35), minutes(45), minutes(55), minutes(59));
        assertThat(s.timeline()).extracting(TimelineAction::action).startsWith("link-down", "link-up", "link-down");
    }

    @Test
    void aRepetitionIsBoundedAndChecked() throws Exception {
        Path file = write(MINIMAL.replace("duration: 10s", "duration: 24h") + """
                timeline:
                  - {at: 0s, every: 1ms, action: restart-ice, peer: bob}
                  - {at: 1s, every: 0s, action: restart-ice, peer: bob}
                  - {at: 2s, every: 1m, until: 1s, action: restart-ice, peer: bob}
                  - {at: 3s, until: 1m, action: restart-ice, peer: bob}
                  - {at: 4s, every: 1m, until: 25h, action: restart-ice, peer: bob}
                """);
        assertThatThrownBy(() -> new ScenarioLoader().load(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.yaml:9:21: timeline.0.every: repeats the action 86400001 times; an entry may repeat "
                        + "at most " + TimelineReader.MAX_REPEATS + " times")
                .hasMessageContaining("timeline.1.every: must be a duration above zero")
                .hasMessageContaining("timeline.2.until: must be between at (2s) and the end of the run (24h), was 1s")
                .hasMessageContaining("timeline.3.until: ends a repetition: it needs every")
                .hasMessageContaining("timeline.4.until: must be between at (4s) and the end of the run (24h), was 25h")
                .satisfies(e -> assertThat(((ScenarioException) e).problems()).hasSize(5));
    }

    private static long minutes(long m) {
        return m * 60_000_000_000L;
    }
}
