package org.icesim.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MapViewTest {

    private MapView view(String yaml, Problems problems) throws ScenarioException {
        return new MapView((YamlNode.YamlMap) new YamlReader().read("t.yaml", yaml), "links.wifi", problems);
    }

    @Test
    void typedGettersParseUnitsAndApplyDefaults() throws Exception {
        Problems problems = new Problems();
        MapView wifi = view("delay: 10ms\nloss: 1%\nbandwidth: 20Mbps\nqueue: 64KB\nup: false\n", problems);
        assertThat(wifi.duration("delay", 0)).isEqualTo(10_000_000L);
        assertThat(wifi.ratio("loss", 0)).isEqualTo(0.01);
        assertThat(wifi.bitRate("bandwidth", 0)).isEqualTo(20_000_000L);
        assertThat(wifi.bytes("queue", 0)).isEqualTo(64_000L);
        assertThat(wifi.bool("up", true)).isFalse();
        assertThat(wifi.duration("jitter", 5)).isEqualTo(5);
        wifi.finish();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void everyProblemIsReportedAtOnceWithLocationPathAndWhatIsAllowed() throws Exception {
        Problems problems = new Problems();
        MapView wifi = view("delay: 10 parsecs\nlos: 1%\nmode: fast\ncount: 99\n", problems);
        wifi.duration("delay", 0);
        wifi.ratio("loss", 0);
        wifi.choice("mode", "fifo", Map.of("fifo", "fifo"));
        wifi.integer("count", 0, 0, 10);
        wifi.finish();
        assertThatThrownBy(problems::throwIfAny)
                .isInstanceOf(ScenarioException.class)
                .hasMessage(String.join("\n",
                        "t.yaml:1:8: links.wifi.delay: '10 parsecs' is not " + Quantities.DURATION_FORM,
                        "t.yaml:2:1: links.wifi.los: unknown key (did you mean 'loss'?); allowed here: delay, loss, mode, count",
                        "t.yaml:3:7: links.wifi.mode: 'fast' is not one of fifo",
                        "t.yaml:4:8: links.wifi.count: 99 is out of range: allowed 0..10"));
    }

    @Test
    void structuralMistakesAreNamed() throws Exception {
        Problems problems = new Problems();
        MapView view = view("delay: [1, 2]\nnested: 5\nitems: {a: 1}\n", problems);
        view.duration("delay", 0);
        assertThat(view.map("nested")).isEmpty();
        assertThat(view.list("items")).isEmpty();
        assertThat(problems.list()).extracting(ScenarioProblem::message).containsExactly(
                "must be a single value, was a list", "must be a map of keys, was a value", "must be a list, was a map");
    }

    @Test
    void requiredKeysAreReportedAtTheMap() throws Exception {
        Problems problems = new Problems();
        MapView view = view("other: 1\n", problems);
        view.required("duration", 0L, Quantities.DURATION_FORM, Quantities::duration);
        assertThat(problems.list()).singleElement().hasToString(
                "t.yaml:1:1: links.wifi.duration: is required: " + Quantities.DURATION_FORM);
    }

    @Test
    void suggestionsCatchTyposButNotUnrelatedWords() {
        assertThat(Suggestions.nearest("dleay", java.util.List.of("delay", "jitter"))).contains("delay");
        assertThat(Suggestions.nearest("bandwith", java.util.List.of("bandwidth", "loss"))).contains("bandwidth");
        assertThat(Suggestions.nearest("colour", java.util.List.of("delay", "loss"))).isEmpty();
    }
}
