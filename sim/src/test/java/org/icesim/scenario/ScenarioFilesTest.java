package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.YamlNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void extendsLaysTheFileOverItsBase() throws Exception {
        write("base/call.yaml", "name: base\nduration: 60s\nlinks: {wifi: {delay: 10ms, loss: 1%}}\n");
        Path variant = write("lossy.yaml", "extends: base/call.yaml\nname: lossy\nlinks: {wifi: {loss: 10%}}\n");
        YamlNode.YamlMap tree = new ScenarioFiles().read(variant);
        assertThat(tree.entries()).doesNotContainKey("extends");
        assertThat(((YamlNode.YamlScalar) tree.get("name")).text()).isEqualTo("lossy");
        YamlNode.YamlMap wifi = (YamlNode.YamlMap) ((YamlNode.YamlMap) tree.get("links")).get("wifi");
        assertThat(((YamlNode.YamlScalar) wifi.get("delay")).text()).isEqualTo("10ms");
        assertThat(((YamlNode.YamlScalar) wifi.get("loss")).text()).isEqualTo("10%");
        assertThat(wifi.get("loss").location().file()).endsWith("lossy.yaml");
        assertThat(wifi.get("delay").location().file()).endsWith("call.yaml");
    }

    @Test
    void cyclesAndMissingBasesAreLocatedErrors() throws Exception {
        write("a.yaml", "extends: b.yaml\n");
        Path b = write("b.yaml", "extends: a.yaml\n");
        assertThatThrownBy(() -> new ScenarioFiles().read(b))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("extends itself");
        Path orphan = write("orphan.yaml", "name: x\nextends: nowhere.yaml\n");
        assertThatThrownBy(() -> new ScenarioFiles().read(orphan))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("nowhere.yaml:1:1: no such file")
                .hasMessageContaining("orphan.yaml:2:10: extends: the base scenario 'nowhere.yaml' has the problems above");
    }

    @Test
    void aScenarioMustBeAMap() throws Exception {
        Path list = write("list.yaml", "- a\n- b\n");
        assertThatThrownBy(() -> new ScenarioFiles().read(list))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("must be a YAML map");
    }
}
