package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icesim.kernel.Invariants;
import org.icesim.net.TrafficCounters;
import org.icesim.world.CallRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check}: invariant checks on in normal runs, with no trace in the results of a run that passes. */
class CheckOptionTest {

    @TempDir
    Path dir;

    @Test
    void checkedRunsWriteTheSameRunsCsvBytes() throws Exception {
        Path checked = dir.resolve("checked");
        Path plain = dir.resolve("plain");
        CliRun first = CliRun.icesim(CallRunner::new, "run", "../scenarios/healthy-call.yaml", "--seeds", "2",
                "--duration", "4s", "--check", "--out", checked.toString());
        CliRun second = CliRun.icesim(CallRunner::new, "run", "../scenarios/healthy-call.yaml", "--seeds", "2",
                "--duration", "4s", "--out", plain.toString());
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(Files.readAllBytes(checked.resolve("runs.csv"))).isEqualTo(Files.readAllBytes(plain.resolve("runs.csv")));
    }

    @Test
    void aViolationFailsItsRunWithTheMessageInTheErrorColumnAndOnTheConsole() throws Exception {
        Path results = dir.resolve("violated");
        Invariants checks = Invariants.on(() -> 12_345_678_000L);
        CliRun run = CliRun.icesim(() -> (point, seed, options) -> {
            throw checks.violation(TrafficCounters.CONSERVATION_INVARIANT, "link alice/wifi",
                    "sent 1040 \u2260 delivered 1010 + dropped 20 (loss 18, queue_full 2) + in flight 9");
        }, "batch", "../scenarios/healthy-call.yaml", "--seeds", "1", "--check", "--out", results.toString());
        assertThat(run.status()).isEqualTo(1);
        String message = "packet conservation violated on link alice/wifi at 12.345678 s: sent 1040 \u2260 delivered 1010 "
                + "+ dropped 20 (loss 18, queue_full 2) + in flight 9";
        List<String> rows = Files.readAllLines(results.resolve("runs.csv"));
        assertThat(rows.get(1)).contains("failed").contains(message);
        assertThat(run.out() + run.err()).contains(message);
    }
}
