package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestbedLockTest {

    @TempDir
    Path directory;

    @Test
    void aSecondRunIsRefusedWhileTheFirstHoldsTheLockAndNamesIt() throws Exception {
        Path file = directory.resolve("lock");
        try (TestbedLock first = TestbedLock.acquire(file, "icesim testbed a.yaml")) {
            assertThatThrownBy(() -> TestbedLock.acquire(file, "icesim testbed b.yaml"))
                    .isInstanceOf(TestbedException.class)
                    .hasMessageContaining("pid=" + ProcessHandle.current().pid())
                    .hasMessageContaining("icesim testbed a.yaml");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aLockWhoseHolderIsGoneIsTakenOver() throws Exception {
        Path file = directory.resolve("lock");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(file, "pid=" + gone.pid() + "\nstarted=then\ncommand=old\n");
        try (TestbedLock lock = TestbedLock.acquire(file, "icesim testbed c.yaml")) {
            assertThat(Files.readString(file)).contains("c.yaml");
        }
    }
}
