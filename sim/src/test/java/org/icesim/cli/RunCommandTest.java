package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

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
    void runsAScenarioWithQuickOverridesAndWritesItsResults() throws Exception {
        Path results = dir.resolve("r");
        int status = icesim("run", "../scenarios/restart-healthy-path.yaml", "--seeds", "2", "--duration", "12s",
                "--set", "peers.alice.profile=rfc", "--out", results.toString());
        assertThat(status).as(err.toString()).isZero();
        List<String> rows = Files.readAllLines(results.resolve("runs.csv"));
        assertThat(rows).hasSize(3); // the sweep over profiles is pinned by --set: one point × 2 seeds
        assertThat(rows.get(1)).startsWith("restart-healthy-path/p0/s0,restart-healthy-path,");
        assertThat(results.resolve("summary.json")).exists();
        assertThat(out.toString()).contains("2 runs, 0 failed");
    }

    @Test
    void aRunCanBeReplayedFromItsSeed() throws Exception {
        Path first = dir.resolve("first");
        Path replay = dir.resolve("replay");
        assertThat(icesim("run", "../scenarios/healthy-call.yaml", "--seeds", "1", "--duration", "5s", "--out", first.toString()))
                .isZero();
        List<String> lines = Files.readAllLines(first.resolve("runs.csv"));
        String row = lines.get(1);
        String seed = row.split(",")[List.of(lines.get(0).split(",")).indexOf("seed")];
        assertThat(icesim("run", "../scenarios/healthy-call.yaml", "--seed=" + seed, "--duration", "5s", "--out", replay.toString()))
                .isZero();
        String replayed = Files.readAllLines(replay.resolve("runs.csv")).get(1);
        assertThat(replayed.substring(replayed.indexOf(",ok,"))).isEqualTo(row.substring(row.indexOf(",ok,")));
    }

    @Test
    void oneRunCanBeCapturedAsPcap() throws Exception {
        Path pcap = dir.resolve("call.pcap");
        assertThat(icesim("run", "../scenarios/healthy-call.yaml", "--seeds", "1", "--duration", "2s", "--pcap", pcap.toString(),
                "--out", dir.resolve("p").toString())).as(err.toString()).isZero();
        byte[] bytes = Files.readAllBytes(pcap);
        // libpcap with nanosecond timestamps (magic a1b23c4d), then many packets of the call
        assertThat(java.nio.ByteBuffer.wrap(bytes, 0, 4).getInt()).isEqualTo(0xa1b23c4d);
        assertThat(bytes.length).isGreaterThan(50_000);
        assertThat(icesim("run", "../scenarios/wifi-to-cellular.yaml", "--pcap", pcap.toString(), "--out",
                dir.resolve("q").toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("--pcap captures one run, but the batch has 15");
    }

    @Test
    void badInputIsALocatedErrorAndNothingIsWritten() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nduration: 10\n");
        Path results = dir.resolve("nothing");
        assertThat(icesim("run", bad.toString(), "--out", results.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("bad.yaml:2:11: duration:").doesNotContain("Exception");
        assertThat(results).doesNotExist();
    }
}
