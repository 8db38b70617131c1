package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementsTest {

    @Test
    void withoutRootAndToolsTheMessageNamesTheDebianPackages(@TempDir Path empty) {
        List<String> problems = Requirements.missing(Stack.PION, false, List.of(empty.toString()));
        assertThat(problems.get(0)).contains("root");
        assertThat(problems.get(1)).contains("apt-get install -y").contains("iptables", "conntrack", "coturn", "gcc",
                "iproute2", "golang-go");
    }
}
