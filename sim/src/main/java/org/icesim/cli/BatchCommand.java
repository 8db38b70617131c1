package org.icesim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import org.icesim.batch.BatchException;
import org.icesim.batch.BatchListener;
import org.icesim.batch.BatchPlan;
import org.icesim.batch.BatchPlanner;
import org.icesim.batch.BatchRunner;
import org.icesim.batch.Completion;
import org.icesim.batch.FileChannels;
import org.icesim.batch.OutputDirectory;
import org.icesim.batch.GroupFilter;
import org.icesim.batch.LiveRun;
import org.icesim.batch.PlanOptions;
import org.icesim.batch.Provenance;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.ResultStore;
import org.icesim.batch.RunExecutorFactory;
import org.icesim.batch.RunExecutors;
import org.icesim.batch.RunRecord;
import org.icesim.batch.RunSpec;
import org.icesim.batch.Shard;
import org.icesim.batch.SparkBatchRunner;
import org.icesim.batch.SparkJobException;
import org.icesim.batch.StartMode;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.world.FleetSplit;
import org.icesim.world.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim batch DIR-or-FILE...}: every scenario × sweep point × seed, on all cores, resumable. */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs every scenario × sweep point × seed on all cores into a resumable result set.",
            "Files are taken in the order given; a directory stands for its *.yaml files in name order. Writes "
                + "runs.csv, summary.json and manifest.json (and events.csv, load.csv when asked).",
            "With --engine spark the runs are an Apache Spark job (embedded on local[*], or on a cluster through "
                + "spark-submit); the results are the same bytes as the local engine's.",
            "Results are the same bytes whatever the thread count. Finished runs are kept on disk as they finish: "
                + "a batch stopped in any way continues with --resume.",
            "Exit status: 0 all runs ok, 1 some runs failed (listed with the icesim run command that replays each), "
                + "2 invalid input, 3 results could not be written, Spark is missing or its job failed, "
                + "4 out of memory (the message says how much heap the fleet needs and how to give it)."})
public final class BatchCommand implements Callable<Integer> {

    private static final int FAILURES_LISTED = 10;

    /** How to show progress: AUTO is a bar on a terminal and lines elsewhere; ON a bar; LINES lines; OFF nothing. */
    enum Progress { AUTO, ON, LINES, OFF }

    /** What runs the runs. */
    enum Engine { LOCAL, SPARK }

    /** A class that is on the class path exactly when Apache Spark is. */
    static final String SPARK_CLASS = "org.apache.spark.SparkContext";

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "scenario files, or directories of them")
    private List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "results directory (default: results/<name>, and results/<name>/shard-<i>-of-<N> for a shard)")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME",
            description = "batch name (default: the first argument's file name without extension)")
    private String name;

    @Option(names = "--threads", paramLabel = "N",
            description = "runs at a time on the local engine (default: the number of cores, ${DEFAULT-VALUE})")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--fleet-threads", paramLabel = "N",
            description = "split each fleet run by TURN server over up to N threads when the split gives exactly the "
                    + "results of one thread (static turn-assignment, no --events or --pcap, ...); otherwise it runs on "
                    + "one and says why (default ${DEFAULT-VALUE})")
    private int fleetThreads = 1;

    @Option(names = "--fleet-parts", paramLabel = "N",
            description = "with --engine spark: split each fleet run by TURN server into up to N tasks, on any executors, "
                    + "when the split gives exactly the results of one thread (as --fleet-threads does on the local engine); "
                    + "otherwise it runs as one task and says why (default ${DEFAULT-VALUE})")
    private int fleetParts = 1;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "local: threads of this JVM (default); spark: an Apache Spark job, on --master")
    private String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master of --engine spark: local[N], spark://host:7077, yarn, ... (default: the one "
                    + "spark-submit was given, else local[*], all cores of this machine)")
    private String master;

    @Option(names = "--resume", description = "continue the batch in the results directory, skipping its finished runs")
    private boolean resume;

    @Option(names = "--overwrite", description = "replace results already in the results directory")
    private boolean overwrite;

    @Option(names = "--seeds", paramLabel = "N", description = "replications per sweep point, instead of each file's seeds:")
    private Integer seeds;

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "run only matching groups: a glob of scenario names (wifi-*), of group ids (wifi/p[0-2]), or "
                    + "key=value of a swept key path or scenario; conditions joined by commas must all hold; "
                    + "repeated, any filter may match")
    private List<String> filters = new ArrayList<>();

    @Option(names = "--max-runs", paramLabel = "N", description = "only the first N runs in run order")
    private Integer maxRuns;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "run only the i-th of N slices (0 <= i < N), e.g. --shard $${SLURM_ARRAY_TASK_ID}/8; "
                    + "combine the shards with icesim merge")
    private String shard;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override any scenario key before the sweep (repeatable), e.g. --set links.wifi.loss=5%%")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "SEED",
            description = "run each sweep point once with exactly this run seed (the seed column of runs.csv), to replay a run")
    private Long runSeed;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "write every packet crossing the internet core to FILE (libpcap; the batch must be one run)")
    private Path pcap;

    @Option(names = "--events", description = "also write events.csv, the time-stamped events of every run")
    private boolean events;

    @Option(names = "--load-interval", paramLabel = "DURATION",
            description = "also write load.csv, server load sampled every DURATION (e.g. 1s)")
    private String loadInterval;

    @Option(names = "--check",
            description = "check the model's invariants while running (packet conservation, event order, ICE and "
                    + "signaling state transitions, TURN permissions, NAT filtering); a violation fails the run")
    private boolean check;

    @Option(names = "--progress", paramLabel = "auto|on|lines|off", defaultValue = "auto",
            description = "progress on standard error: on draws a bar, lines prints a plain line every --progress-every "
                    + "(for CI logs), auto draws the bar on a terminal and prints lines otherwise; a fleet shows its "
                    + "simulated time and events/s as it runs")
    private String progress;

    @Option(names = "--progress-every", paramLabel = "DURATION", defaultValue = "30s",
            description = "how often --progress lines prints a line (default ${DEFAULT-VALUE})")
    private String progressEvery;

    @Spec
    private CommandSpec spec;

    private final RunExecutorFactory executors;
    private final FileChannels files;
    private final ClassLoader classes;
    /** The command the user typed: {@code run} is a batch without --resume, whose messages must not offer it. */
    private String command = "batch";

    /** The command as icesim runs it: with the simulator. */
    public BatchCommand() {
        this(RunExecutors::simulation);
    }

    /** The command with another executor (tests use fakes). */
    public BatchCommand(RunExecutorFactory executors) {
        this(executors, FileChannels.DISK);
    }

    /** The command with another executor and other files (tests fill the disk or slow it down). */
    public BatchCommand(RunExecutorFactory executors, FileChannels files) {
        this(executors, files, BatchCommand.class.getClassLoader());
    }

    /** The command with another executor and files, looking for Spark in {@code classes}. */
    BatchCommand(RunExecutorFactory executors, FileChannels files, ClassLoader classes) {
        this.executors = executors;
        this.files = files;
        this.classes = classes;
    }

    /** This command as the engine of {@code icesim run}: its messages name {@code run} and do not offer --resume. */
    BatchCommand asRun() {
        command = "run";
        return this;
    }

    private boolean resumable() {
        return command.equals("batch");
    }

    @Override
    public Integer call() {
        return CommandErrors.run(command, spec,
                description -> "cannot write the results: " + description + (resumable()
                        ? "; runs finished so far are kept, continue with --resume once the problem is solved" : ""),
                resumable() ? "; continue with --resume" : "", this::runWithinMemory);
    }

    /** The largest fleet of the batch being run (0: none), and how many runs run at once, for the out-of-memory advice. */
    private int largestFleet;
    private int runsAtOnce = 1;

    /**
     * Runs the batch; a lack of heap ends it with advice instead of a stack trace: by then the
     * failed run's world is unreachable, so there is room to say so. Finished runs stay on disk.
     */
    private int runWithinMemory(PrintWriter outText, PrintWriter err)
            throws IOException, BatchException, ScenarioException, InterruptedException {
        try {
            return run(outText, err);
        } catch (OutOfMemoryError e) {
            err.println("icesim " + command + ": " + outOfMemory(largestFleet, runsAtOnce, Runtime.getRuntime().maxMemory(), resumable()));
            return ExitCodes.OUT_OF_MEMORY;
        }
    }

    /** Says, once per scenario, why a fleet of the batch runs whole despite --fleet-threads or --fleet-parts. */
    private void tellUnsplitFleets(BatchPlan plan, RunOptions runOptions, String howAndAsked, PrintWriter err) {
        Set<String> told = new HashSet<>();
        for (RunSpec run : plan.runs()) {
            Scenario scenario = run.scenarioPoint().scenario();
            if (told.add(scenario.name())) {
                FleetSplit.whyNot(scenario, runOptions).ifPresent(why -> err.println("icesim " + command + ": "
                        + scenario.name() + ": the fleet " + howAndAsked + " cannot split it exactly: " + why));
            }
        }
        err.flush();
    }

    /** The message of a batch that ran out of heap. */
    static String outOfMemory(int fleetCalls, int runsAtOnce, long maxHeapBytes, boolean resumable) {
        String heap = "out of memory: Java's heap of " + (maxHeapBytes >> 20) + " MiB is full";
        String advice = fleetCalls > 0 ? "; " + FleetMemory.advice(fleetCalls, runsAtOnce)
                : "; give Java more heap with ICESIM_JAVA_OPTS=-Xmx4g (or more)";
        return heap + advice + (runsAtOnce > 1 ? ", or run fewer at a time with --threads 1" : "")
                + (resumable ? " (runs finished so far are kept: continue with the same command and --resume)" : "");
    }

    private int run(PrintWriter outText, PrintWriter err)
            throws IOException, BatchException, ScenarioException, InterruptedException {
        if (resume && overwrite) {
            throw new BatchException("--resume and --overwrite exclude each other");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
        }
        if (fleetThreads < 1) {
            throw new IllegalArgumentException("--fleet-threads must be >= 1, was " + fleetThreads);
        }
        if (fleetParts < 1) {
            throw new IllegalArgumentException("--fleet-parts must be >= 1, was " + fleetParts);
        }
        Progress progressMode = parseProgress(progress);
        long everyNanos = Quantities.duration(progressEvery);
        if (everyNanos < 1_000_000_000L) {
            throw new IllegalArgumentException("--progress-every must be at least 1s, was " + progressEvery);
        }
        Engine engineChoice = parseEngine(engine);
        if (engineChoice == Engine.LOCAL && master != null) {
            throw new IllegalArgumentException("--master is for --engine spark");
        }
        if (engineChoice == Engine.SPARK && fleetThreads > 1) {
            // A Spark task runs on one core: a fleet is split into tasks instead of threads.
            throw new IllegalArgumentException("--fleet-threads is for --engine local; on Spark, split fleets into tasks "
                    + "with --fleet-parts " + fleetThreads);
        }
        if (engineChoice == Engine.LOCAL && fleetParts > 1) {
            throw new IllegalArgumentException("--fleet-parts is for --engine spark; on the local engine, split fleets "
                    + "over threads with --fleet-threads " + fleetParts);
        }
        if (engineChoice == Engine.SPARK && !sparkPresent(classes)) {
            err.println(SPARK_MISSING);
            return ExitCodes.CANNOT_RUN;
        }
        Shard slice = shard == null ? Shard.WHOLE : Shard.parse(shard);
        long loadNanos = loadInterval == null ? 0 : Quantities.duration(loadInterval);
        // Checks change no result, so they are not part of the plan's identity (a resume may differ).
        RunOptions runOptions = new RunOptions(events, loadNanos, pcap, check).withFleetThreads(fleetThreads);
        PlanOptions options = new PlanOptions(positive("--seeds", seeds), filters.stream().map(GroupFilter::parse).toList(),
                positive("--max-runs", maxRuns), slice, runOptions, overrides,
                runSeed == null ? OptionalLong.empty() : OptionalLong.of(runSeed));
        String batchName = name != null ? name : defaultName(inputs.get(0));
        BatchPlan plan = new BatchPlanner().plan(batchName, inputs, options);
        largestFleet = FleetMemory.largestFleet(plan.runs().stream().map(RunSpec::scenarioPoint).toList());
        runsAtOnce = Math.max(1, Math.min(threads, plan.runs().size()));
        if (fleetThreads > 1) {
            tellUnsplitFleets(plan, runOptions, "runs on one thread, --fleet-threads", err);
        }
        if (fleetParts > 1) {
            tellUnsplitFleets(plan, runOptions, "runs as one task, --fleet-parts", err);
        }
        if (pcap != null && engineChoice == Engine.SPARK) {
            throw new BatchException("--pcap captures one run on this machine; leave out --engine spark");
        }
        if (pcap != null && plan.runs().size() != 1) {
            throw new BatchException("--pcap captures one run, but the batch has " + plan.runs().size()
                    + "; pin the sweep with --set and choose one seed with --seeds 1 or --seed");
        }
        Path directory = OutputDirectory.check(out != null ? out : defaultDirectory(batchName, slice),
                out != null ? "--out" : "--name");
        if (!resumable() && ResultFiles.holdsResults(directory)) {
            throw new BatchException(directory + " already holds results, which icesim run never touches; choose "
                    + "another directory with --out");
        }

        List<String> commandLine = new ArrayList<>(List.of("icesim"));
        commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
        Provenance provenance = Provenance.detect(IcesimCommand.Version.version(), commandLine);
        StartMode mode = resume ? StartMode.RESUME : overwrite ? StartMode.OVERWRITE : StartMode.NEW;

        Completion completion;
        List<RunRecord> failures = new ArrayList<>();
        int storedThreads = engineChoice == Engine.LOCAL ? threads : 0;
        // spark-submit hands its --master to the application as this system property.
        String sparkMaster = master != null ? master : System.getProperty("spark.master", "local[*]");
        try (ResultStore store = ResultStore.open(directory, plan, provenance, storedThreads, mode, files)) {
            if (store.alreadyComplete()) {
                outText.printf("%s: batch '%s' is already complete (%d runs)%n", directory, plan.name(), plan.runs().size());
            } else {
                outText.printf("batch '%s': %d runs%s into %s on %s%n", plan.name(), plan.runs().size(),
                        slice.whole() ? "" : " (shard " + slice + " of " + plan.batchRuns() + " runs)", directory,
                        engineChoice == Engine.LOCAL ? threads + (threads == 1 ? " thread" : " threads")
                                : "Spark, master " + sparkMaster);
                outText.flush();
                ProgressDisplay.Mode shown = switch (progressMode) {
                    case ON -> ProgressDisplay.Mode.BAR;
                    case LINES -> ProgressDisplay.Mode.LINES;
                    case AUTO -> System.console() != null ? ProgressDisplay.Mode.BAR : ProgressDisplay.Mode.LINES;
                    case OFF -> null;
                };
                try (ProgressDisplay display = shown == null ? null
                        : new ProgressDisplay(System.err, shown, Duration.ofNanos(everyNanos), System::nanoTime).withTimer()) {
                    BatchListener listener = collecting(display, failures);
                    Thread interruptNotice = new Thread(() -> System.err.printf(
                            "%nicesim %s: stopped; finished runs are kept in %s%s%n", command, directory,
                            resumable() ? ", continue with the same command and --resume" : ""));
                    Runtime.getRuntime().addShutdownHook(interruptNotice);
                    try {
                        if (engineChoice == Engine.LOCAL) {
                            new BatchRunner(executors.get(), threads).run(plan, store, listener);
                        } else {
                            try {
                                SparkBatchRunner.runOnce(sparkMaster, executors, fleetParts, plan, store, listener);
                            } catch (SparkJobException e) {
                                err.println("icesim batch: " + e.getMessage() + "; runs finished so far are kept, "
                                        + "continue with --resume");
                                return ExitCodes.CANNOT_RUN;
                            }
                        }
                    } finally {
                        Runtime.getRuntime().removeShutdownHook(interruptNotice);
                    }
                }
            }
            completion = store.complete();
        }
        outText.println();
        SummaryTables.compact(outText, completion.groups());
        outText.printf("%n%d runs, %d failed; results in %s%n", completion.runs(), completion.failed(), directory);
        if (!failures.isEmpty()) {
            err.println("failed runs, each with the command that replays it:");
            failures.stream().sorted(Comparator.comparingInt(RunRecord::position)).limit(FAILURES_LISTED)
                    .forEach(f -> err.println("  " + describeFailure(plan, f)));
            if (failures.size() > FAILURES_LISTED) {
                err.printf("  ... and %d more (status=failed in runs.csv)%n", failures.size() - FAILURES_LISTED);
            }
        }
        return completion.failed() == 0 ? 0 : ExitCodes.FOUND_FAILURES;
    }

    private static BatchListener collecting(BatchListener display, List<RunRecord> failures) {
        return new BatchListener() {
            @Override
            public void started(int runs, int alreadyFinished, int alreadyFailed) {
                if (display != null) {
                    display.started(runs, alreadyFinished, alreadyFailed);
                }
            }

            @Override
            public void running(LiveRun live) {
                if (display != null) {
                    display.running(live);
                }
            }

            @Override
            public void finished(RunSpec run, RunRecord record) {
                if (record.failed()) {
                    synchronized (failures) {
                        failures.add(record);
                    }
                }
                if (display != null) {
                    display.finished(run, record);
                }
            }
        };
    }

    private static String describeFailure(BatchPlan plan, RunRecord failure) {
        RunSpec run = plan.runs().stream().filter(r -> r.position() == failure.position()).findFirst().orElseThrow();
        StringBuilder replay = new StringBuilder("icesim run ").append(shellWord(run.file())).append(" --seed=").append(run.seed());
        plan.options().overrides().forEach((key, value) -> replay.append(" --set ").append(shellWord(key + "=" + value)));
        run.scenarioPoint().parameters().forEach((key, value) -> replay.append(" --set ").append(shellWord(key + "=" + value)));
        return run.runId() + ": " + failure.error() + System.lineSeparator() + "    " + replay;
    }

    /** A word as a POSIX shell reads it back: quoted unless it is plain. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9._/=:%+@-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    static final String SPARK_MISSING = "icesim batch: --engine spark needs Apache Spark on the class path, and "
            + "icesim.jar leaves it out. Start it with the ./icesim launcher from the source tree (it adds Spark's jars "
            + "and the JVM flags Spark needs), or on a cluster with spark-submit --class org.icesim.cli.Main "
            + "--master URL sim/target/icesim.jar batch --engine spark ...";

    /** Whether Apache Spark can be loaded by {@code classes}. */
    static boolean sparkPresent(ClassLoader classes) {
        try {
            Class.forName(SPARK_CLASS, false, classes);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Engine parseEngine(String text) {
        for (Engine choice : Engine.values()) {
            if (choice.name().equalsIgnoreCase(text)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("--engine must be local or spark, was '" + text + "'");
    }

    private static Progress parseProgress(String text) {
        for (Progress mode : Progress.values()) {
            if (mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--progress must be auto, on or off, was '" + text + "'");
    }

    private static int positive(String option, Integer value) {
        if (value == null) {
            return 0;
        }
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, was " + value);
        }
        return value;
    }

    /** {@code results/<name>}, and {@code results/<name>/shard-<i>-of-<N>} for a shard. */
    static Path defaultDirectory(String batchName, Shard slice) {
        Path batch = Path.of("results", batchName);
        return slice.whole() ? batch : batch.resolve(slice.directoryName());
    }

    private static String defaultName(Path input) {
        Path fileName = input.toAbsolutePath().normalize().getFileName();
        String text = fileName == null ? "batch" : fileName.toString();
        return text.replaceFirst("\\.ya?ml$", "");
    }

    /** An I/O failure in words: the file and the reason, without a stack trace. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName().replace("Exception", "")
                    .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            return fs.getFile() + ": " + reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
