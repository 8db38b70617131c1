package org.icesim.scenario.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {

    private final YamlReader reader = new YamlReader();

    @Test
    void valuesRememberTheirLineAndColumn() throws Exception {
        YamlNode root = reader.read("s.yaml", "name: demo\nlinks:\n  wifi: {delay: 10ms, loss: 1%}\n");
        YamlNode.YamlMap map = (YamlNode.YamlMap) root;
        YamlNode.YamlMap links = (YamlNode.YamlMap) map.get("links");
        YamlNode.YamlMap wifi = (YamlNode.YamlMap) links.get("wifi");
        YamlNode.YamlScalar loss = (YamlNode.YamlScalar) wifi.get("loss");
        assertThat(loss.text()).isEqualTo("1%");
        assertThat(loss.location()).isEqualTo(new SourceLocation("s.yaml", 3, 29));
        assertThat(links.entries().get("wifi").keyLocation()).isEqualTo(new SourceLocation("s.yaml", 3, 3));
    }

    @Test
    void keysKeepFileOrderAndNullsAreNull() throws Exception {
        YamlNode.YamlMap map = (YamlNode.YamlMap) reader.read("s.yaml", "b: 1\na: ~\nc: [x, y]\n");
        assertThat(map.entries().keySet()).containsExactly("b", "a", "c");
        assertThat(((YamlNode.YamlScalar) map.get("a")).text()).isNull();
        assertThat(((YamlNode.YamlList) map.get("c")).items()).hasSize(2);
    }

    @Test
    void duplicateKeysAreReportedWithBothLocations() {
        assertThatThrownBy(() -> reader.read("d.yaml", "a: 1\nb: 2\na: 3\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("d.yaml:3:1: a: duplicate key (first defined at d.yaml:1:1)");
    }

    @Test
    void syntaxErrorsAreLocated() {
        assertThatThrownBy(() -> reader.read("bad.yaml", "a: [1, 2\nb: 3\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("bad.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        assertThatThrownBy(() -> reader.read("laughs.yaml", yaml.toString()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("laughs.yaml:")
                .hasMessageContaining("expands to more than");
    }

    @Test
    void anchorsAndAliasesShareValues() throws Exception {
        YamlNode.YamlMap map = (YamlNode.YamlMap) reader.read("a.yaml", "base: &b {x: 1}\nother: *b\n");
        assertThat(map.get("other")).isSameAs(map.get("base"));
        assertThatThrownBy(() -> reader.read("a.yaml", "other: *nothing\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("a.yaml:1:8").hasMessageContaining("no anchor");
    }

    @Test
    void deepNestingIsRefused() {
        String yaml = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThatThrownBy(() -> reader.read("deep.yaml", yaml))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("deep.yaml:")
                .hasMessageContaining("nesting");
    }

    @Test
    void binaryGarbageAndEmptyFilesAreRefused(@TempDir Path dir) throws Exception {
        Path binary = dir.resolve("bin.yaml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertThatThrownBy(() -> reader.read(binary)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bin.yaml:1:1").hasMessageContaining("UTF-8");
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> reader.read(empty)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> reader.read(dir.resolve("missing.yaml"))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void oversizedFilesAreRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[(int) YamlReader.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> reader.read(big)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("at most");
    }
}
