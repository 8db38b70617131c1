package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IcesimCommandTest {

    @Test
    void helpListsTheCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = IcesimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: icesim").contains("--version");
    }

    @Test
    void versionComesFromTheBuild() {
        StringWriter out = new StringWriter();
        CommandLine cli = IcesimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("icesim ").doesNotContain("unknown").doesNotContain("${");
    }
}
