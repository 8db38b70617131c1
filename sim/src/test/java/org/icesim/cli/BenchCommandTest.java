package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icesim.bench.BenchFigure;
import org.icesim.bench.BenchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int icesim(String... args) {
        CommandLine cli = IcesimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsTheMedianAndSpreadOfEachFigureOverTheRounds() {
        int status = icesim("bench", "../scenarios/restart-healthy-path.yaml", "--seeds", "2", "--warmup", "0", "--rounds", "2",
                "--set", "peers.alice.profile=rfc", "--set", "duration=12s");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("restart-healthy-path × 2 seeds × 2 rounds on 1 thread(s)")
                .containsPattern("figure\\s+median\\s+min\\s+max\\s+spread")
                .containsPattern("CPU per run \\(ms\\)\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\s+±[0-9.]+%")
                .contains("simulated events per CPU second (M)", "allocated per packet hop (B)")
                .containsPattern("heap after GC, last round \\(MB\\): [0-9.]+( → [0-9.]+){4}");
    }

    @Test
    void aScenarioWithSeveralSweepPointsIsRefused() {
        int status = icesim("bench", "../scenarios/restart-healthy-path.yaml", "--seeds", "1");

        assertThat(status).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("bench needs a scenario of one sweep point")
                .contains("restart-healthy-path.yaml has 3 (pin the swept keys with --set KEY=VALUE)");
    }

    @Test
    void kernelModeTimesTheHoldModelAtThreeQueueSizesInRounds() throws Exception {
        int status = icesim("bench", "--kernel", "--events", "2000", "--rounds", "3", "--json");

        assertThat(status).as(err.toString()).isZero();
        Path stored = Files.writeString(dir.resolve("bench.json"), out.toString());
        BenchResult result = BenchResult.read(stored);
        assertThat(result.setup()).isEqualTo("kernel events=2000");
        assertThat(result.figures()).extracting(BenchFigure::name).containsExactly("10 pending", "1,000 pending", "100,000 pending");
        assertThat(result.figures()).allSatisfy(f -> assertThat(f.rounds()).hasSize(3).allSatisfy(r -> assertThat(r).isPositive()));
    }

    @Test
    void aBaselineTenTimesFasterFailsAndOneTenTimesSlowerPasses() throws Exception {
        BenchResult fast = new BenchResult("kernel events=2000", 1, List.of(
                new BenchFigure("10 pending", "M events per CPU second", org.icesim.metrics.Direction.HIGHER_IS_BETTER, true,
                        List.of(1e6))));
        Path baseline = Files.write(dir.resolve("fast.json"), fast.bytes());
        int status = icesim("bench", "--kernel", "--events", "2000", "--rounds", "2", "--baseline", baseline.toString());
        assertThat(status).as(out + err.toString()).isEqualTo(ExitCodes.FOUND_FAILURES);
        assertThat(out.toString()).containsPattern("10 pending\\s+1000000\\s+[0-9.]+\\s+[0-9.]+%\\s+[0-9.]+%\\s+FAIL")
                .contains("FAIL: slower than the baseline beyond its noise");

        BenchResult slow = new BenchResult("kernel events=2000", 1, List.of(
                new BenchFigure("10 pending", "M events per CPU second", org.icesim.metrics.Direction.HIGHER_IS_BETTER, true,
                        List.of(1e-6))));
        Path slower = Files.write(dir.resolve("slow.json"), slow.bytes());
        out.getBuffer().setLength(0);
        assertThat(icesim("bench", "--kernel", "--events", "2000", "--rounds", "2", "--baseline", slower.toString())).isZero();
        assertThat(out.toString()).containsPattern("10 pending.*better").contains("OK: within the baseline's tolerance and noise");

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(icesim("bench", "--kernel", "--events", "3000", "--rounds", "1", "--baseline", slower.toString()))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("the baseline measured 'kernel events=2000', this run 'kernel events=3000'");
        assertThat(new String(Files.readAllBytes(slower), StandardCharsets.UTF_8)).contains("\"setup\" : \"kernel events=2000\"");
    }
}
