package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int icesim(String... args) {
        CommandLine cli = IcesimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsTheFiguresOfTheMeasuredRuns() {
        int status = icesim("bench", "../scenarios/restart-healthy-path.yaml", "--seeds", "2", "--warmup", "0",
                "--set", "peers.alice.profile=rfc", "--set", "duration=12s");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("restart-healthy-path × 2 seeds on 1 thread(s)")
                .contains("CPU per run", "simulated events per CPU second", "allocated per packet hop")
                .containsPattern("heap after GC \\(MB\\) +[0-9.]+( → [0-9.]+){4}");
    }

    @Test
    void aScenarioWithSeveralSweepPointsIsRefused() {
        int status = icesim("bench", "../scenarios/restart-healthy-path.yaml", "--seeds", "1");

        assertThat(status).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("bench needs a scenario of one sweep point")
                .contains("restart-healthy-path.yaml has 3");
    }

    @Test
    void kernelModeTimesTheHoldModelAtThreeQueueSizes() {
        int status = icesim("bench", "--kernel", "--events", "2000");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("10 pending +[0-9.]+ M events per CPU second")
                .containsPattern("1,000 pending +[0-9.]+ M")
                .containsPattern("100,000 pending +[0-9.]+ M");
    }
}
