package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.SourceLocation;
import org.icesim.scenario.yaml.TreeEdits;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;
import org.junit.jupiter.api.Test;

class SweepTest {

    private static YamlNode.YamlMap read(String yaml) throws ScenarioException {
        return (YamlNode.YamlMap) new YamlReader().read("s.yaml", yaml);
    }

    private static String text(YamlNode root, String... path) {
        YamlNode node = root;
        for (String step : path) {
            node = ((YamlNode.YamlMap) node).get(step);
        }
        return ((YamlNode.YamlScalar) node).text();
    }

    @Test
    void aScenarioWithoutSweepIsOnePoint() throws Exception {
        List<SweepPoint> points = Sweep.expand(read("links: {cell: {delay: 30ms}}\n"));
        assertThat(points).singleElement().satisfies(p -> {
            assertThat(p.parameters()).isEmpty();
            assertThat(text(p.tree(), "links", "cell", "delay")).isEqualTo("30ms");
        });
    }

    @Test
    void sweepIsTheCartesianProductWithTheLastKeyFastest() throws Exception {
        List<SweepPoint> points = Sweep.expand(read("""
                sweep:
                  links.cell.delay: [30ms, 80ms]
                  peers.alice.policy: [never, on-failed, on-network-change]
                links: {cell: {delay: 1ms}}
                peers: {alice: {policy: never}}
                """));
        assertThat(points).hasSize(6);
        assertThat(points.get(0).parameters()).containsExactly(
                Map.entry("links.cell.delay", "30ms"), Map.entry("peers.alice.policy", "never"));
        assertThat(points.get(1).parameters()).containsEntry("peers.alice.policy", "on-failed");
        assertThat(points.get(3).parameters()).containsEntry("links.cell.delay", "80ms");
        assertThat(text(points.get(5).tree(), "links", "cell", "delay")).isEqualTo("80ms");
        assertThat(text(points.get(5).tree(), "peers", "alice", "policy")).isEqualTo("on-network-change");
        assertThat(((YamlNode.YamlMap) points.get(0).tree()).entries()).doesNotContainKey("sweep");
    }

    @Test
    void sweepMayAddAKeyTheBaseLeavesToItsDefault() throws Exception {
        List<SweepPoint> points = Sweep.expand(read("sweep: {links.cell.loss: [1%, 5%]}\nlinks: {cell: {delay: 1ms}}\n"));
        assertThat(text(points.get(1).tree(), "links", "cell", "loss")).isEqualTo("5%");
    }

    @Test
    void badSweepPathsAreLocatedWithASuggestion() throws Exception {
        YamlNode.YamlMap root = read("sweep:\n  link.cell.delay: [1ms]\n  links.cell.delay: 5ms\nlinks: {cell: {delay: 1ms}}\n");
        assertThatThrownBy(() -> Sweep.expand(root))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(String.join("\n",
                        "s.yaml:2:3: sweep.link.cell.delay: key path 'link.cell.delay': the scenario has no key 'link' (did you mean 'links'?)",
                        "s.yaml:3:21: sweep.links.cell.delay: must be a non-empty list of values, was a value"));
    }

    @Test
    void listItemsAreAddressedByIndex() throws Exception {
        YamlNode root = read("timeline:\n  - {at: 20s, action: link-down}\n");
        YamlNode edited = TreeEdits.set(root, "timeline.0.at", new YamlNode.YamlScalar("25s", new SourceLocation("cli", 1, 1)));
        YamlNode first = ((YamlNode.YamlList) ((YamlNode.YamlMap) edited).get("timeline")).items().get(0);
        assertThat(text(first, "at")).isEqualTo("25s");
        assertThatThrownBy(() -> TreeEdits.set(root, "timeline.3.at", first))
                .hasMessageContaining("list of 1 items");
    }

    @Test
    void mergeLaysMapsOverEachOther() throws Exception {
        YamlNode base = read("links: {wifi: {delay: 10ms, loss: 1%}}\nduration: 60s\n");
        YamlNode overlay = read("links: {wifi: {loss: 5%}}\nname: variant\n");
        YamlNode merged = TreeEdits.merge(base, overlay);
        assertThat(text(merged, "links", "wifi", "delay")).isEqualTo("10ms");
        assertThat(text(merged, "links", "wifi", "loss")).isEqualTo("5%");
        assertThat(((YamlNode.YamlMap) merged).entries().keySet()).containsExactly("links", "duration", "name");
    }
}
