package org.icesim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.icesim.batch.Completion;
import org.icesim.batch.GroupFilter;
import org.icesim.testbed.Stack;
import org.icesim.testbed.Testbed;
import org.icesim.testbed.TestbedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim testbed}: the scenario on a real WebRTC stack in Linux network namespaces (docs/testbed.md). */
@Command(name = "testbed", mixinStandardHelpOptions = true,
        description = {"Runs scenarios on a real WebRTC stack (Chromium, Firefox or pion) in Linux network namespaces, "
                + "in real time, and writes the same result files as a batch (runs.csv, events.csv, summary.json).",
                "Needs root and the Debian packages chromium firefox-esr coturn golang-go "
                        + "golang-github-pion-webrtc.v3-dev libnetfilter-queue-dev iptables conntrack gcc."})
public final class TestbedCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files or directories of them")
    private List<Path> inputs = new ArrayList<>();

    @Option(names = "--stack", paramLabel = "chromium|firefox|pion", defaultValue = "chromium",
            description = "the real WebRTC stack (default: ${DEFAULT-VALUE})")
    private String stack;

    @Option(names = "--reps", paramLabel = "N", description = "repetitions per sweep point (the seeds of a batch); "
            + "default: each file's seeds")
    private Integer reps;

    @Option(names = "--out", paramLabel = "DIR", description = "results directory (default: results/<first file>-<stack>)")
    private Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a key of every file, as batch --set does (e.g. --set links.access.delay=20ms)")
    private java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "run only matching groups, as batch --filter does (e.g. --filter links.access.delay=20ms runs "
                    + "one point of a sweep and keeps its point number and swept value); repeated, any filter may match")
    private List<String> filters = new ArrayList<>();

    @Option(names = "--capture", description = "also record each peer's UDP packets as its host namespace sees them, "
            + "in raw/<run>/<peer>.pcapng.gz (dumpcap, Debian package tshark): the real stack's checks, pings and answers, "
            + "at the instants its socket sends them")
    private boolean capture;

    @Option(names = "--cache", paramLabel = "DIR", description = "where the helpers are built (default: ~/.cache/icesim-testbed)")
    private Path cache;

    @Override
    public Integer call() {
        return CommandErrors.run("testbed", spec, (outText, err) -> {
            Stack chosen = Stack.parse(stack);
            if (reps != null && reps < 1) {
                throw new IllegalArgumentException("--reps must be >= 1, was " + reps);
            }
            Path first = inputs.get(0).toAbsolutePath().normalize().getFileName();
            String name = (first == null ? "testbed" : first.toString().replaceFirst("\\.ya?ml$", "")) + "-" + chosen.id();
            Path directory = out != null ? out : Path.of("results", name);
            List<String> commandLine = new ArrayList<>(List.of("icesim"));
            commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
            try {
                Completion completion = new Testbed(chosen, reps == null ? 0 : reps, cache != null ? cache : Testbed.defaultCache(),
                        outText, capture).run(name, inputs, filters.stream().map(GroupFilter::parse).toList(), overrides, directory, IcesimCommand.Version.version(), commandLine);
                outText.printf("%n%d runs (%d failed) in %s%n", completion.runs(), completion.failed(), completion.directory());
                return completion.failed() > 0 ? ExitCodes.FOUND_FAILURES : 0;
            } catch (TestbedException e) {
                err.println("icesim testbed: " + e.getMessage());
                return ExitCodes.CANNOT_RUN;
            }
        });
    }
}
