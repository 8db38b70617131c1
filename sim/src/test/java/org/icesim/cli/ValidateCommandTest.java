package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icesim.world.SplitFleetScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void goodFilesPassAndBadFilesListEveryProblemWithoutAStackTrace() throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, """
                name: good
                duration: 10s
                seeds: 4
                sweep: {links.lan.delay: [5ms, 50ms]}
                servers: {sig: {type: signaling}}
                links: {lan: {delay: 5ms}}
                peers:
                  alice: {interfaces: [{name: eth, link: lan}]}
                  bob: {interfaces: [{name: eth, link: lan}]}
                """);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nduration: soon\nlinkz: {}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = IcesimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute("validate", good.toString(), bad.toString());
        assertThat(status).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(out.toString()).contains("good.yaml: ok (2 sweep points, 8 runs)");
        assertThat(err.toString())
                .contains("bad.yaml:2:11: duration: 'soon' is not a duration")
                .contains("bad.yaml:3:1: linkz: unknown key (did you mean 'links'?)")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void aFleetGetsItsMemoryEstimateFromTheMeasuredHeapPerCall() {
        StringWriter out = new StringWriter();
        CommandLine cli = IcesimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("validate", "../scenarios/capacity/capacity-10k.yaml", "../scenarios/glare.yaml")).isZero();
        // 64 MiB + 10 000 × 140 KB = 1 467 MB live; three times that is 4.1 GiB, so 5g (10 000 calls ran in 4g).
        assertThat(out.toString()).contains("capacity-10k.yaml: ok (1 sweep point, 1 run)\n  memory: a fleet of 10000 "
                + "calls needs about 1467 MB of live heap per run (140 KB per call plus 64 MB, docs/performance.md, "
                + "Scale); with 1 run at a time give Java ICESIM_JAVA_OPTS=-Xmx5g or more");
        assertThat(out.toString()).containsOnlyOnce("memory:");
        assertThat(out.toString()).contains("\n  threads: --fleet-threads and --fleet-parts cannot split the fleet exactly, "
                + "it runs on one thread (as one Spark task): fleet.turn-assignment least-loaded gives a call the server");
    }

    @Test
    void aFleetWithStaticAssignmentIsSaidToSplitOverItsTurnServers() throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, SplitFleetScenario.YAML);
        StringWriter out = new StringWriter();
        CommandLine cli = IcesimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("validate", file.toString())).isZero();
        assertThat(out.toString()).contains("\n  threads: --fleet-threads N (--fleet-parts N on Spark) splits the fleet by "
                + "TURN server over up to 4 threads (Spark tasks), with the results of one\n");
    }

    @Test
    void aDirectoryIsValidatedAsBatchReadsIt() throws Exception {
        Path library = dir.resolve("library");
        Files.createDirectories(library.resolve("nested"));
        String good = """
                name: %s
                duration: 10s
                servers: {sig: {type: signaling}}
                links: {lan: {delay: 5ms}}
                peers:
                  alice: {interfaces: [{name: eth, link: lan}]}
                  bob: {interfaces: [{name: eth, link: lan}]}
                """;
        Files.writeString(library.resolve("b.yml"), good.formatted("b"));
        Files.writeString(library.resolve("a.yaml"), good.formatted("a"));
        Files.writeString(library.resolve("notes.txt"), "not a scenario");
        // Like batch, a directory means its own *.yaml and *.yml files, not its subdirectories'.
        Files.writeString(library.resolve("nested/broken.yaml"), "name: broken\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = IcesimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("validate", library.toString())).isZero();
        assertThat(out.toString()).isEqualTo(library.resolve("a.yaml") + ": ok (1 sweep point, 1 run)\n"
                + library.resolve("b.yml") + ": ok (1 sweep point, 1 run)\n");
        assertThat(err.toString()).isEmpty();

        Path empty = Files.createDirectories(dir.resolve("empty"));
        StringWriter emptyErr = new StringWriter();
        cli.setErr(new PrintWriter(emptyErr));
        assertThat(cli.execute("validate", empty.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(emptyErr.toString()).isEqualTo("icesim validate: directory " + empty
                + " holds no scenario files (*.yaml, *.yml)\n");
    }

    @Test
    void theLibraryDirectoryValidates() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = IcesimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("validate", "../scenarios/fidelity/")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("cut-2s-never.yaml: ok").contains("restart-healthy.yaml: ok").doesNotContain("README");
    }
}
