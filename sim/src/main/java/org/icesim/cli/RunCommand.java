package org.icesim.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code icesim run [FILE]}: the main job. Runs every sweep point × seed of one scenario (the
 * healthy call by default) into a fresh results directory and prints the summary. It is a batch
 * of one file with quick-experiment shortcuts, so its results are read like any batch's.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one scenario (every sweep point × seed) and prints median and p95 of its metrics.",
            "Results go to results/<scenario>-<timestamp>/ (runs.csv, summary.json, manifest.json)."})
public final class RunCommand implements Callable<Integer> {

    /** The scenario run when none is named. */
    static final Path DEFAULT_SCENARIO = Path.of("scenarios", "healthy-call.yaml");

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "scenario file (default: ${DEFAULT-VALUE})")
    private Path file = DEFAULT_SCENARIO;

    @Option(names = "--out", paramLabel = "DIR", description = "results directory (default: results/<scenario>-<timestamp>)")
    private Path out;

    @Option(names = "--seeds", paramLabel = "N", description = "replications per sweep point instead of the file's seeds:")
    private Integer seeds;

    @Option(names = "--seed", paramLabel = "SEED", description = "one run per sweep point with exactly this run seed (replay)")
    private Long seed;

    @Option(names = "--duration", paramLabel = "DURATION", description = "simulated length instead of the file's duration:")
    private String duration;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any scenario key (repeatable)")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--events", description = "also write events.csv")
    private boolean events;

    @Option(names = "--pcap", paramLabel = "FILE", description = "capture one run's packets at the internet core (libpcap)")
    private Path pcap;

    @Option(names = "--check", description = "check the model's invariants while running; a violation fails the run")
    private boolean check;

    @Option(names = "--threads", paramLabel = "N", description = "runs at a time (default: the number of cores)")
    private Integer threads;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path directory = out != null ? out
                : Path.of("results", stem + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> args = new ArrayList<>(List.of(file.toString(), "--out", directory.toString(), "--name", stem));
        if (seeds != null) {
            args.addAll(List.of("--seeds", seeds.toString()));
        }
        if (seed != null) {
            args.add("--seed=" + seed); // seeds may be negative: keep the value attached
        }
        if (duration != null) {
            args.addAll(List.of("--set", "duration=" + duration));
        }
        overrides.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        if (events) {
            args.add("--events");
        }
        if (pcap != null) {
            args.addAll(List.of("--pcap", pcap.toString()));
        }
        if (check) {
            args.add("--check");
        }
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        CommandLine batch = new CommandLine(new BatchCommand().asRun());
        batch.setOut(spec.commandLine().getOut());
        batch.setErr(spec.commandLine().getErr());
        return batch.execute(args.toArray(String[]::new));
    }
}
