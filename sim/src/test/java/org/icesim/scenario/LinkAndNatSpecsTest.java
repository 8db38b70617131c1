package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.icesim.nat.FilteringBehavior;
import org.icesim.nat.FirewallPolicy;
import org.icesim.nat.MappingBehavior;
import org.icesim.nat.NatBehavior;
import org.icesim.net.Jitter;
import org.icesim.net.LinkParams;
import org.icesim.net.LossModel;
import org.icesim.scenario.yaml.MapView;
import org.icesim.scenario.yaml.Problems;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;
import org.junit.jupiter.api.Test;

class LinkAndNatSpecsTest {

    private static MapView view(String yaml, Problems problems) throws ScenarioException {
        return new MapView((YamlNode.YamlMap) new YamlReader().read("t.yaml", yaml), "x", problems);
    }

    @Test
    void linksReadEveryProperty() throws Exception {
        Problems problems = new Problems();
        LinkParams link = LinkSpecs.read(view(
                "delay: 10ms\njitter: 2ms\nloss: 0.5%\nbandwidth: 20Mbps\nqueue: 64KB\nreorder: true\n", problems));
        assertThat(problems.list()).isEmpty();
        assertThat(link.delayNanos()).isEqualTo(10_000_000L);
        assertThat(link.jitter()).isEqualTo(new Jitter.HalfNormal(2_000_000L));
        assertThat(link.loss()).isEqualTo(new LossModel.Bernoulli(0.005));
        assertThat(link.bandwidthBitsPerSecond()).isEqualTo(20_000_000L);
        assertThat(link.queueCapacityBytes()).isEqualTo(64_000L);
        assertThat(link.reorder()).isTrue();
    }

    @Test
    void distributionsAndLossModelsAsMaps() throws Exception {
        Problems problems = new Problems();
        LinkParams link = LinkSpecs.read(view(
                "jitter: {dist: lognormal, median: 40ms, p99: 200ms}\nloss: {model: gilbert-elliott, rate: 2%, burst: 4}\n", problems));
        assertThat(problems.list()).isEmpty();
        assertThat(link.jitter()).isInstanceOf(Jitter.LogNormal.class);
        assertThat(link.loss()).isInstanceOf(LossModel.GilbertElliott.class);
        assertThat(((LossModel.GilbertElliott) link.loss()).meanLossRate()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LinkSpecs.read(view("jitter: 0ms\nloss: 0%\n", problems)).jitter()).isEqualTo(Jitter.NONE);
    }

    @Test
    void linkMistakesAreAllReported() throws Exception {
        Problems problems = new Problems();
        LinkSpecs.read(view("delay: -3ms\njitter: {dist: gaussian}\nloss: 150%\nbandwith: 1Mbps\n", problems));
        assertThat(problems.list()).extracting(ScenarioProblem::toString).containsExactly(
                "t.yaml:1:8: x.delay: '-3ms' is not " + Quantities.DURATION_FORM,
                "t.yaml:2:16: x.jitter.dist: 'gaussian' is not one of none, normal, lognormal, pareto",
                "t.yaml:3:7: x.loss: '150%' is more than 100%: expected " + Quantities.RATIO_FORM,
                "t.yaml:4:1: x.bandwith: unknown key (did you mean 'bandwidth'?); allowed here: delay, jitter, reorder, loss, bandwidth, queue, up");
    }

    @Test
    void natsTakeAPresetAndOverrides() throws Exception {
        Problems problems = new Problems();
        NatSpec nat = NatSpecs.read("home", view(
                "preset: symmetric\nfiltering: address-port-dependent\ntimeout: 30s\nhairpinning: false\nbehind: cgn\naddresses: 2\nfirewall: [tcp, udp:3478]\n",
                problems));
        assertThat(problems.list()).isEmpty();
        assertThat(nat.behavior().mapping()).isEqualTo(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(nat.behavior().filtering()).isEqualTo(FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(nat.behavior().udpMappingTimeoutNanos()).isEqualTo(30_000_000_000L);
        assertThat(nat.behavior().hairpinning()).isFalse();
        assertThat(nat.behind()).contains("cgn");
        assertThat(nat.publicAddresses()).isEqualTo(2);
        assertThat(nat.firewall()).isPresent();
        NatSpec plain = NatSpecs.read("plain", view("firewall: tcp-only\n", problems));
        assertThat(plain.behavior()).isEqualTo(NatBehavior.PORT_RESTRICTED_CONE);
        assertThat(plain.firewall()).contains(FirewallPolicy.TCP_ONLY);
    }

    @Test
    void natMistakesListWhatIsAllowed() throws Exception {
        Problems problems = new Problems();
        NatSpecs.read("home", view("preset: full-cones\nmapping: sometimes\n", problems));
        assertThat(problems.list()).hasSize(2);
        assertThat(problems.list().get(0).message()).contains("not one of").contains("did you mean 'full-cone'");
        assertThat(problems.list().get(1).message()).contains("endpoint-independent");
    }
}
