package org.icesim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command tree: {@code icesim <command>}. */
@Command(
        name = "icesim",
        mixinStandardHelpOptions = true,
        versionProvider = IcesimCommand.Version.class,
        description = "Simulates WebRTC calls over faulty networks and measures how long ICE takes to restore media.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, ValidateCommand.class, BatchCommand.class, SummaryCommand.class, CompareCommand.class, FidelityCommand.class, StagesCommand.class, MergeCommand.class, ReportCommand.class, BenchCommand.class, TestbedCommand.class})
public final class IcesimCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The configured command line, shared by {@link Main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new IcesimCommand());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into the jar's resources. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"icesim " + version()};
        }

        static String version() {
            Properties properties = new Properties();
            try (InputStream in = IcesimCommand.class.getResourceAsStream("/icesim-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties.getProperty("version", "unknown");
        }
    }
}
