package org.icesim.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.icesim.bench.BenchComparison;
import org.icesim.bench.BenchFigure;
import org.icesim.bench.BenchResult;
import org.icesim.bench.CallBenchmark;
import org.icesim.bench.HoldModel;
import org.icesim.metrics.Direction;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.world.CallRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code icesim bench [FILE]}: how fast the simulator runs whole calls (the reference call by
 * default), or with {@code --kernel} how fast its event queue alone is. Times are CPU time of the
 * threads doing the work, so a busy machine slows the wall clock but hardly the figures. The
 * measurement is repeated in rounds; each figure is the median of its rounds and its noise their
 * spread, and {@code --baseline} judges the figures against a stored {@code --json} result.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures simulator speed: runs of one scenario (the reference call by default) × N seeds, "
                + "or with --kernel the event queue alone (hold model), repeated in rounds.",
            "Prints, per figure, the median of the rounds and their spread (min–max, ± half the range): runs/s, CPU per "
                + "run, simulated events per run and per CPU second, allocations per run and per packet hop, and the "
                + "heap after a full GC before, during and after the last round's runs.",
            "--baseline FILE (a stored --json result of the same settings) fails when CPU per run, events per CPU "
                + "second or allocations per run worsened beyond the larger of --tolerance and the two results' "
                + "combined spread. Exit status: 0 pass, 1 slower than the baseline, 2 invalid input."})
public final class BenchCommand implements Callable<Integer> {

    static final Path DEFAULT_SCENARIO = Path.of("scenarios", "reference-call.yaml");
    private static final int[] KERNEL_PENDING = {10, 1_000, 100_000};
    private static final int HEAP_SLICES = 4;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "scenario of one sweep point (default: ${DEFAULT-VALUE})")
    private Path file = DEFAULT_SCENARIO;

    @Option(names = "--seeds", paramLabel = "N", description = "measured runs per round (replications 0..N-1; default ${DEFAULT-VALUE})")
    private int seeds = 1_000;

    @Option(names = "--warmup", paramLabel = "N", description = "unmeasured runs first, for the JIT (default ${DEFAULT-VALUE})")
    private int warmup = 200;

    @Option(names = "--rounds", paramLabel = "N", description = "times the measurement is repeated (default ${DEFAULT-VALUE})")
    private int rounds = 5;

    @Option(names = "--threads", paramLabel = "N", description = "runs at a time (default ${DEFAULT-VALUE})")
    private int threads = 1;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a scenario key (repeatable), e.g. --set duration=30s")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--kernel", description = "measure the event queue alone: the hold model at 10, 1 000 and 100 000 pending events")
    private boolean kernel;

    @Option(names = "--events", paramLabel = "N", description = "with --kernel: events per queue size and round (default ${DEFAULT-VALUE})")
    private long kernelEvents = 20_000_000;

    @Option(names = "--json", description = "print the result as JSON (store it to compare later runs with --baseline)")
    private boolean json;

    @Option(names = "--baseline", paramLabel = "FILE", description = "a stored --json result to compare with")
    private Path baselineFile;

    @Option(names = "--tolerance", paramLabel = "PERCENT", defaultValue = "5",
            description = "worsening allowed beyond the baseline, in percent, at least the measured noise (default ${DEFAULT-VALUE})")
    private double tolerancePercent;

    @Spec
    private CommandSpec spec;

    /** The heap after a full GC during the last round of calls (printed with the figures). */
    private List<Long> heapAfterGc = List.of();

    @Override
    public Integer call() {
        return CommandErrors.run("bench", spec, (out, err) -> {
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be >= 1, was " + rounds);
            }
            BenchResult baseline = baselineFile == null ? null : BenchResult.read(baselineFile);
            BenchResult result = kernel ? benchKernel(out) : benchCalls(out);
            if (json) {
                out.print(new String(result.bytes(), StandardCharsets.UTF_8));
            } else {
                print(out, result);
            }
            if (baseline == null) {
                return 0;
            }
            List<BenchComparison.Line> lines = BenchComparison.of(baseline, result, tolerancePercent / 100);
            printComparison(json ? err : out, lines);
            return lines.stream().anyMatch(BenchComparison.Line::failed) ? ExitCodes.FOUND_FAILURES : 0;
        });
    }

    private BenchResult benchCalls(PrintWriter out) throws ScenarioException, InterruptedException {
        List<ScenarioPoint> points = new ScenarioLoader().load(file, overrides);
        if (points.size() != 1) {
            throw new IllegalArgumentException("bench needs a scenario of one sweep point; " + file + " has " + points.size()
                    + " (pin the swept keys with --set KEY=VALUE)");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        String name = points.get(0).scenario().name();
        if (!json) {
            out.printf(Locale.ROOT, "%s × %d seeds × %d rounds on %d thread(s), %d cores, after %d warm-up runs%n", name, seeds,
                    rounds, threads, cores, warmup);
            out.flush();
        }
        CallBenchmark benchmark = new CallBenchmark(points.get(0), new CallRunner());
        List<CallBenchmark.Figures> measured = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            measured.add(benchmark.measure(round == 0 ? warmup : 0, seeds, threads, HEAP_SLICES));
        }
        heapAfterGc = measured.get(measured.size() - 1).heapAfterGc();
        List<BenchFigure> figures = List.of(
                figure("runs/s (wall)", "", Direction.HIGHER_IS_BETTER, false, measured, CallBenchmark.Figures::runsPerSecond),
                figure("CPU per run", "ms", Direction.LOWER_IS_BETTER, true, measured, CallBenchmark.Figures::cpuMillisPerRun),
                figure("simulated events per run", "", Direction.NEUTRAL, false, measured, CallBenchmark.Figures::eventsPerRun),
                figure("simulated events per CPU second", "M", Direction.HIGHER_IS_BETTER, true, measured,
                        f -> f.eventsPerCpuSecond() / 1e6),
                figure("packet hops per run", "", Direction.NEUTRAL, false, measured, CallBenchmark.Figures::packetHopsPerRun),
                figure("allocated per run", "MB", Direction.LOWER_IS_BETTER, true, measured,
                        f -> f.allocatedBytesPerRun() / 1e6),
                figure("allocated per packet hop", "B", Direction.LOWER_IS_BETTER, false, measured,
                        CallBenchmark.Figures::allocatedBytesPerPacketHop));
        String setup = String.format(Locale.ROOT, "calls %s seeds=%d warmup=%d threads=%d%s", name, seeds, warmup, threads,
                overrides.isEmpty() ? "" : " set=" + overrides);
        return new BenchResult(setup, rounds, figures);
    }

    private BenchResult benchKernel(PrintWriter out) {
        if (kernelEvents < 1) {
            throw new IllegalArgumentException("--events must be >= 1, was " + kernelEvents);
        }
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        if (!json) {
            out.printf(Locale.ROOT, "kernel hold model, %d events per queue size and round × %d rounds after as many warm-up "
                    + "events, %d cores%n", kernelEvents, rounds, Runtime.getRuntime().availableProcessors());
            out.flush();
        }
        List<BenchFigure> figures = new ArrayList<>();
        for (int pending : KERNEL_PENDING) {
            HoldModel model = new HoldModel(pending, 42);
            model.run(kernelEvents);
            List<Double> perRound = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long cpuStart = threadBean.getCurrentThreadCpuTime();
                model.run(kernelEvents);
                long cpu = threadBean.getCurrentThreadCpuTime() - cpuStart;
                perRound.add(kernelEvents / (Math.max(1, cpu) / 1e9) / 1e6);
            }
            figures.add(new BenchFigure(String.format(Locale.ROOT, "%,d pending", pending), "M events per CPU second",
                    Direction.HIGHER_IS_BETTER, true, perRound));
        }
        return new BenchResult("kernel events=" + kernelEvents, rounds, figures);
    }

    private static BenchFigure figure(String name, String unit, Direction direction, boolean gated,
            List<CallBenchmark.Figures> measured, ToDoubleFunction<CallBenchmark.Figures> value) {
        return new BenchFigure(name, unit, direction, gated, measured.stream().map(value::applyAsDouble).toList());
    }

    private void print(PrintWriter out, BenchResult result) {
        TextTable table = new TextTable("figure", "median", "min", "max", "spread");
        for (BenchFigure figure : result.figures()) {
            table.row(List.of(figure.name() + (figure.unit().isEmpty() ? "" : " (" + figure.unit() + ")"),
                    significant(figure.median()), significant(figure.min()), significant(figure.max()),
                    "±" + TextTable.percent(figure.spread())));
        }
        table.print(out, "  ");
        if (!heapAfterGc.isEmpty()) {
            out.printf(Locale.ROOT, "  heap after GC, last round (MB): %s%n", heapAfterGc.stream()
                    .map(bytes -> String.format(Locale.ROOT, "%.1f", bytes / 1e6)).collect(Collectors.joining(" → ")));
        }
    }

    private static void printComparison(PrintWriter out, List<BenchComparison.Line> lines) {
        TextTable table = new TextTable("figure", "baseline", "current", "worse by", "allowed", "verdict");
        for (BenchComparison.Line line : lines) {
            table.row(List.of(line.current().name(), significant(line.baseline().median()), significant(line.current().median()),
                    TextTable.percent(line.worsening()), TextTable.percent(line.threshold()),
                    line.failed() ? "FAIL" : line.worsening() < -line.threshold() ? "better" : "ok"));
        }
        out.println();
        out.println("compared with the baseline (allowed: the larger of --tolerance and both results' spread):");
        table.print(out, "  ");
        out.println(lines.stream().anyMatch(BenchComparison.Line::failed) ? "FAIL: slower than the baseline beyond its noise"
                : "OK: within the baseline's tolerance and noise");
    }

    /** Four significant digits: figures range from 0.01 ms to millions of events. */
    private static String significant(double value) {
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
