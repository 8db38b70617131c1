package org.icesim.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.icesim.bench.CallBenchmark;
import org.icesim.bench.HoldModel;
import org.icesim.world.CallRunner;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code icesim bench [FILE]}: how fast the simulator runs whole calls (the reference call by
 * default), or with {@code --kernel} how fast its event queue alone is. Times are CPU time of the
 * threads doing the work, so a busy machine slows the wall clock but hardly the figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures simulator speed: runs of one scenario (the reference call by default) × N seeds, "
                + "or with --kernel the event queue alone (hold model).",
            "Prints runs/s, CPU per run, simulated events per run and per CPU second, allocations per run and per "
                + "packet hop, and the heap after a full GC before, during and after the runs."})
public final class BenchCommand implements Callable<Integer> {

    static final Path DEFAULT_SCENARIO = Path.of("scenarios", "reference-call.yaml");
    private static final int[] KERNEL_PENDING = {10, 1_000, 100_000};
    private static final int HEAP_SLICES = 4;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "scenario of one sweep point (default: ${DEFAULT-VALUE})")
    private Path file = DEFAULT_SCENARIO;

    @Option(names = "--seeds", paramLabel = "N", description = "measured runs (replications 0..N-1; default ${DEFAULT-VALUE})")
    private int seeds = 1_000;

    @Option(names = "--warmup", paramLabel = "N", description = "unmeasured runs first, for the JIT (default ${DEFAULT-VALUE})")
    private int warmup = 200;

    @Option(names = "--threads", paramLabel = "N", description = "runs at a time (default ${DEFAULT-VALUE})")
    private int threads = 1;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a scenario key (repeatable), e.g. --set duration=30s")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--kernel", description = "measure the event queue alone: the hold model at 10, 1 000 and 100 000 pending events")
    private boolean kernel;

    @Option(names = "--events", paramLabel = "N", description = "with --kernel: events per queue size (default ${DEFAULT-VALUE})")
    private long kernelEvents = 20_000_000;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return CommandErrors.run("bench", spec, (out, err) -> {
            if (kernel) {
                benchKernel(out);
            } else {
                benchCalls(out);
            }
            return 0;
        });
    }

    private void benchCalls(PrintWriter out) throws ScenarioException, InterruptedException {
        List<ScenarioPoint> points = new ScenarioLoader().load(file, overrides);
        if (points.size() != 1) {
            throw new IllegalArgumentException("bench needs a scenario of one sweep point; " + file + " has " + points.size());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "%s × %d seeds on %d thread(s), %d cores, after %d warm-up runs%n",
                points.get(0).scenario().name(), seeds, threads, cores, warmup);
        out.flush();
        CallBenchmark.Figures f = new CallBenchmark(points.get(0), new CallRunner()).measure(warmup, seeds, threads, HEAP_SLICES);
        row(out, "runs/s (wall)", "%.1f", f.runsPerSecond());
        row(out, "CPU per run", "%.2f ms", f.cpuMillisPerRun());
        row(out, "simulated events per run", "%.0f", f.eventsPerRun());
        row(out, "simulated events per CPU second", "%.2f M", f.eventsPerCpuSecond() / 1e6);
        row(out, "packet hops per run", "%.0f", f.packetHopsPerRun());
        row(out, "allocated per run", "%.2f MB", f.allocatedBytesPerRun() / 1e6);
        row(out, "allocated per packet hop", "%.0f B", f.allocatedBytesPerPacketHop());
        row(out, "heap after GC (MB)", "%s", f.heapAfterGc().stream()
                .map(bytes -> String.format(Locale.ROOT, "%.1f", bytes / 1e6)).collect(Collectors.joining(" → ")));
    }

    private void benchKernel(PrintWriter out) {
        if (kernelEvents < 1) {
            throw new IllegalArgumentException("--events must be >= 1, was " + kernelEvents);
        }
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        out.printf(Locale.ROOT, "kernel hold model, %d events per queue size after as many warm-up events, %d cores%n",
                kernelEvents, Runtime.getRuntime().availableProcessors());
        for (int pending : KERNEL_PENDING) {
            HoldModel model = new HoldModel(pending, 42);
            model.run(kernelEvents);
            long cpuStart = threadBean.getCurrentThreadCpuTime();
            model.run(kernelEvents);
            long cpu = threadBean.getCurrentThreadCpuTime() - cpuStart;
            row(out, String.format(Locale.ROOT, "%,d pending", pending), "%.2f M events per CPU second",
                    kernelEvents / (cpu / 1e9) / 1e6);
            out.flush();
        }
    }

    private static void row(PrintWriter out, String label, String format, Object value) {
        out.printf(Locale.ROOT, "  %-32s " + format + "%n", label, value);
    }
}
