package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementsTest {

    @Test
    void withoutRootAndToolsTheMessageNamesTheDebianPackages(@TempDir Path empty) {
        List<String> problems = Requirements.missing(Stack.PION, false, false, List.of(empty.toString()));
        assertThat(problems.get(0)).contains("root");
        assertThat(problems.get(1)).contains("apt-get install -y").contains("iptables", "conntrack", "coturn", "gcc",
                "iproute2", "golang-go").doesNotContain("tshark");
    }

    @Test
    void aCaptureNeedsDumpcapFromTshark(@TempDir Path empty) {
        assertThat(Requirements.missing(Stack.CHROMIUM, true, true, List.of(empty.toString())).get(0)).contains("tshark");
    }
}
