package org.icesim.testbed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.icesim.batch.BatchException;
import org.icesim.batch.BatchListener;
import org.icesim.batch.BatchPlan;
import org.icesim.batch.BatchPlanner;
import org.icesim.batch.BatchRunner;
import org.icesim.batch.Completion;
import org.icesim.batch.GroupFilter;
import org.icesim.batch.PlanFile;
import org.icesim.batch.PlanOptions;
import org.icesim.batch.Provenance;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.ResultStore;
import org.icesim.batch.RunRecord;
import org.icesim.batch.RunSpec;
import org.icesim.batch.Shard;
import org.icesim.batch.StartMode;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.ScenarioFiles;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.scenario.Sweep;
import org.icesim.scenario.SweepPoint;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.stats.Json;
import org.icesim.world.RunOptions;

/**
 * {@code icesim testbed}: runs scenario files on a real WebRTC stack, one run at a time, and
 * writes the same result files as a simulated batch (with events.csv), plus the raw logs of
 * every run (compressed) and the stack in manifest.json. Checks first (root, tools, keys the
 * testbed cannot reproduce), refuses a second testbed run on the machine, and removes every
 * namespace and process on exit, on error and on Ctrl-C.
 */
public final class Testbed {

    private final Stack stack;
    private final int reps;
    private final Path cache;
    private final PrintWriter out;
    private final boolean capture;
    private final AtomicReference<RealRun> active = new AtomicReference<>();

    /** @param capture record each peer's UDP packets in its run's raw directory ({@code <peer>.pcapng}) */
    public Testbed(Stack stack, int reps, Path cache, PrintWriter out, boolean capture) {
        this.stack = stack;
        this.reps = reps;
        this.cache = cache;
        this.out = out;
        this.capture = capture;
    }

    /** The default cache of built helpers: {@code $XDG_CACHE_HOME/icesim-testbed} or {@code ~/.cache/icesim-testbed}. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("icesim-testbed");
    }

    /**
     * @param filters   the groups to run, as {@code batch --filter} (all when empty); unlike an override that
     *                  pins a swept key, a filter keeps each point's number and swept values, so the result
     *                  pairs with the simulated sweep
     * @param overrides key path → value, as {@code batch --set}
     */
    public Completion run(String batchName, List<Path> inputs, List<GroupFilter> filters, Map<String, String> overrides, Path directory,
            String icesimVersion, List<String> commandLine)
            throws TestbedException, ScenarioException, BatchException, IOException, InterruptedException {
        List<String> missing = Requirements.missing(stack, capture, Requirements.isRoot(), Requirements.systemPath());
        if (!missing.isEmpty()) {
            throw new TestbedException(String.join("; ", missing));
        }
        PlanOptions options = new PlanOptions(reps, filters, 0, Shard.WHOLE, new RunOptions(true, 0, null, false),
                overrides, java.util.OptionalLong.empty());
        BatchPlan plan = new BatchPlanner().plan(batchName, inputs, options);
        checkSupported(plan, overrides);
        Map<ScenarioPoint, List<RunSpec>> runs = new IdentityHashMap<>();
        plan.runs().forEach(run -> runs.computeIfAbsent(run.scenarioPoint(), p -> new ArrayList<>()).add(run));
        String load = loadAverage();
        AtomicReference<String> version = new AtomicReference<>("unknown");
        AtomicInteger sequence = new AtomicInteger();
        try (TestbedLock lock = TestbedLock.acquire(TestbedLock.DEFAULT, String.join(" ", commandLine))) {
            Thread cleanup = new Thread(() -> {
                RealRun run = active.get();
                if (run != null) {
                    run.close();
                }
                lock.close();
            }, "testbed-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            raisePriority();
            Provenance provenance = Provenance.detect(icesimVersion, commandLine);
            Completion completion;
            try (ResultStore store = ResultStore.open(directory, plan, provenance, 1, StartMode.NEW)) {
                new BatchRunner((point, seed, runOptions) -> {
                    RunSpec spec = runs.get(point).stream().filter(r -> r.seed() == seed).findFirst().orElseThrow();
                    String prefix = "icesim-" + Long.toHexString(ProcessHandle.current().pid()) + "-" + sequence.incrementAndGet();
                    Path raw = directory.resolve("raw").resolve(spec.runId().replace('/', '_'));
                    out.printf("%s: %s on %s (namespaces %s-*) ...%n", spec.runId(), spec.scenario(), stack.id(), prefix);
                    out.flush();
                    RealRun run = new RealRun(point.scenario(), stack, prefix, raw, cache, capture);
                    active.set(run);
                    try {
                        RunOutput output = run.execute();
                        version.set(run.version());
                        return output;
                    } finally {
                        run.close();
                        active.set(null);
                        compress(raw);
                    }
                }, 1).run(plan, store, listener());
                completion = store.complete();
            } finally {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
            describe(directory, version.get(), load, loadAverage());
            return completion;
        }
    }

    /**
     * Raises this process's priority (nice -10), which every process it starts inherits: a stack
     * or helper that waits for the CPU on a loaded machine shows delays that are not its own.
     */
    private void raisePriority() throws InterruptedException {
        try {
            Process renice = new ProcessBuilder("renice", "-n", "-10", "-p", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            renice.getInputStream().readAllBytes();
            if (renice.waitFor() != 0) {
                out.println("testbed: could not raise the priority (renice); timings are more exposed to the machine's load");
            }
        } catch (IOException e) {
            out.println("testbed: could not raise the priority: " + e.getMessage());
        }
    }

    private BatchListener listener() {
        return new BatchListener() {
            @Override
            public void started(int runs, int alreadyFinished, int alreadyFailed) {
                out.printf("%d runs on %s, one at a time%n", runs, stack.id());
                out.flush();
            }

            @Override
            public void finished(RunSpec run, RunRecord record) {
                out.printf("%s: %s%n", run.runId(), record.failed() ? "failed: " + record.error()
                        : Stream.of(Metric.DETECT_DISCONNECTED_MS, Metric.DETECT_FAILED_MS, Metric.RECOVERY_MS, Metric.MEDIA_GAP_MS)
                                .map(m -> m.column() + "=" + Optional.ofNullable(record.metrics().get(m)).map(MetricValue::text).orElse(""))
                                .collect(Collectors.joining(" ")));
                out.flush();
            }
        };
    }

    /** Every key and value of every file the testbed cannot reproduce, located; nothing runs if there is one. */
    static void checkSupported(BatchPlan plan, Map<String, String> overrides) throws ScenarioException {
        Set<ScenarioProblem> problems = new LinkedHashSet<>();
        ScenarioFiles files = new ScenarioFiles();
        ScenarioLoader loader = new ScenarioLoader();
        for (PlanFile file : plan.files()) {
            Path path = Path.of(file.file());
            List<SweepPoint> trees = Sweep.expand(files.read(path));
            List<ScenarioPoint> points = loader.load(path, overrides);
            for (int i = 0; i < points.size(); i++) {
                try {
                    // The file's own tree gives the locations (an override pins a sweep, so it may have more points).
                    YamlNode tree = trees.get(Math.min(i, trees.size() - 1)).tree();
                    TestbedSupport.check((YamlNode.YamlMap) tree, points.get(i).scenario());
                } catch (ScenarioException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(new ArrayList<>(problems));
        }
    }

    /** Adds the stack, its version and the machine's load to manifest.json. */
    private void describe(Path directory, String version, String loadBefore, String loadAfter) throws IOException {
        Path manifest = directory.resolve(ResultFiles.MANIFEST);
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(manifest.toFile());
        ObjectNode testbed = tree.putObject("testbed");
        testbed.put("stack", stack.id());
        testbed.put("stack_version", version);
        testbed.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")));
        testbed.put("cpus", Runtime.getRuntime().availableProcessors());
        testbed.put("load_average_before", loadBefore);
        testbed.put("load_average_after", loadAfter);
        Path partial = directory.resolve(ResultFiles.MANIFEST + ".tmp");
        Files.write(partial, Json.bytes(tree));
        Files.move(partial, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String loadAverage() {
        return read(Path.of("/proc/loadavg"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Compresses a run's raw logs and drops the browsers' profiles (large, and of no use after the run). */
    private static void compress(Path raw) throws IOException {
        if (!Files.isDirectory(raw)) {
            return;
        }
        try (Stream<Path> entries = Files.list(raw)) {
            for (Path entry : entries.toList()) {
                if (Files.isDirectory(entry)) {
                    deleteTree(entry);
                } else if (!entry.toString().endsWith(".gz")) {
                    try (InputStream in = Files.newInputStream(entry);
                            OutputStream gz = new GZIPOutputStream(Files.newOutputStream(Path.of(entry + ".gz")))) {
                        in.transferTo(gz);
                    }
                    Files.delete(entry);
                }
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
