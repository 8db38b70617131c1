package org.icesim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.icesim.batch.BatchException;
import org.icesim.batch.Provenance;
import org.icesim.fidelity.FidelityComparison;
import org.icesim.fidelity.KnownFailure;
import org.icesim.fidelity.RealBaseline;
import org.icesim.fidelity.RealStack;
import org.icesim.fidelity.SimulatedSuite;
import org.icesim.report.FidelityReport;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.stats.CellMedian;
import org.icesim.stats.FidelityCell;
import org.icesim.stats.FidelityTally;
import org.icesim.stats.FidelityVerdict;
import org.icesim.stats.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code icesim fidelity}: the fidelity suite simulated with each stack's profile against the stack's real measurements. */
@Command(name = "fidelity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulates the fidelity suite with the profile of each real stack (libwebrtc for chromium, firefox "
                + "for firefox, pion for pion; both peers) and compares it with the stack's measurements in "
                + "<real>/<stack>-<version>/ (runs.csv and manifest.json written by icesim testbed).",
            "Prints one line per cell (case, RTT, metric, simulated median, real median, verdict) and a total per stack. "
                + "A cell passes within ±10%% of the real median or ±1 RTT, whichever is larger; 'never' must stay "
                + "never and a value must stay a value. Failing cells listed in the baseline's known-failures.yaml, "
                + "each with a reason, are marked 'known' and do not fail the command.",
            "Exit status: 0 every cell passes or is a known failure, 1 a cell fails that is not allow-listed, "
                + "2 invalid input (no baseline, a bad runs.csv, manifest.json or known-failures.yaml)."})
public final class FidelityCommand implements Callable<Integer> {

    private static final String ALL = "all";

    @Option(names = "--stack", paramLabel = "STACK", defaultValue = ALL,
            description = "chromium, firefox, pion or all (default ${DEFAULT-VALUE})")
    private String stack;

    @Option(names = "--real", paramLabel = "DIR", description = "the real baselines (default results/baselines/real)")
    private Path real = RealBaseline.DEFAULT_ROOT;

    @Option(names = "--suite", paramLabel = "DIR", description = "the fidelity suite (default scenarios/fidelity)")
    private Path suite = Path.of("scenarios", "fidelity");

    @Option(names = "--seeds", paramLabel = "N", description = "simulated seeds per sweep point (default: the files' own)")
    private Integer seeds;

    @Option(names = "--threads", paramLabel = "N", description = "simulation threads (default: the number of cores)")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "DIR",
            description = "where the simulated batches are kept, one simulated-<profile>/ each (default results/fidelity)")
    private Path out = Path.of("results", "fidelity");

    @Option(names = "--report", paramLabel = "DIR", description = "also write DIR/index.html with a chart and table per stack")
    private Path report;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE})")
    private String format;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return CommandErrors.run("fidelity", spec, this::run);
    }

    private int run(PrintWriter out, PrintWriter err) throws IOException, BatchException, ScenarioException, InterruptedException {
        boolean json = switch (format) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new IllegalArgumentException("--format must be text or json, was '" + format + "'");
        };
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
        }
        if (seeds != null && seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, was " + seeds);
        }
        Set<RealStack> stacks = stack.equals(ALL) ? EnumSet.allOf(RealStack.class) : EnumSet.of(RealStack.named(stack));
        List<RealBaseline> baselines = RealBaseline.under(real, stacks);
        if (baselines.isEmpty()) {
            throw new BatchException("no real baseline of " + (stack.equals(ALL) ? "any stack" : stack) + " under " + real
                    + ": measure one with icesim testbed and commit it as " + real + "/<stack>-<version>/ (docs/fidelity.md)");
        }
        List<String> commandLine = new ArrayList<>(List.of("icesim"));
        commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
        Provenance provenance = Provenance.detect(IcesimCommand.Version.version(), commandLine);
        Map<String, SimulatedSuite> simulated = new LinkedHashMap<>();
        List<FidelityComparison> comparisons = new ArrayList<>();
        for (RealBaseline baseline : baselines) {
            String profile = baseline.stack().profile();
            if (!simulated.containsKey(profile)) {
                simulated.put(profile, SimulatedSuite.simulate(suite, profile, seeds == null ? 0 : seeds, threads,
                        this.out.resolve("simulated-" + profile), provenance));
            }
            comparisons.add(FidelityComparison.of(simulated.get(profile), baseline));
        }
        if (json) {
            out.print(new String(Json.bytes(jsonTree(comparisons)), StandardCharsets.UTF_8));
        } else {
            comparisons.forEach(c -> printText(out, c));
        }
        if (report != null) {
            Path index = FidelityReport.write(report, suite.toString(), comparisons.stream().map(FidelityCommand::section).toList());
            (json ? err : out).println("report: " + index);
        }
        boolean failed = comparisons.stream().anyMatch(FidelityComparison::failed);
        if (!json) {
            out.println(failed ? "FAIL: cells outside tolerance that no allow-list names (marked FAIL)"
                    : "OK: every cell passes or is a known failure");
        }
        return failed ? ExitCodes.FOUND_FAILURES : 0;
    }

    private void printText(PrintWriter out, FidelityComparison comparison) {
        RealBaseline baseline = comparison.baseline();
        out.printf("%s (%s, %d runs, testbed stack version '%s') vs profile %s (simulated in %s)%n", baseline.label(),
                baseline.directory(), baseline.runs().rows().size(), baseline.stackVersion(), comparison.profile(), this.out.resolve("simulated-" + comparison.profile()));
        TextTable table = new TextTable(3, "case", "RTT", "metric", "simulated", "real", "runs", "tolerance", "verdict", "why")
                .withTextLast();
        for (FidelityCell cell : comparison.cells()) {
            table.row(List.of(cell.group().scenario(), Quantities.formatDuration(cell.rttNanos()), cell.metric().column(),
                    cell.simulated().text(), cell.real().text(), cell.simulated().runs() + "/" + cell.real().runs(),
                    cell.toleranceMs() == null ? "-" : String.format(Locale.ROOT, "±%.1f", cell.toleranceMs()),
                    cell.verdict().word(), cell.verdict() == FidelityVerdict.KNOWN_FAILURE ? cell.knownReason() : cell.reason()));
        }
        table.print(out, "  ");
        notes(comparison).forEach(note -> out.println("  " + note));
        out.printf("%s: %s%n%n", baseline.label(), comparison.tally());
    }

    /** The allow-list entries no failing cell needed and the real groups the suite does not have. */
    private static List<String> notes(FidelityComparison comparison) {
        List<String> notes = new ArrayList<>();
        for (KnownFailure stale : comparison.unusedKnown()) {
            notes.add(stale.at() + ": allow-list entry for " + stale.scenario() + " covers no failing cell (remove it): "
                    + stale.reason());
        }
        comparison.notInSuite().forEach(group -> notes.add("real group not in the suite (not judged): " + group.label()));
        return notes;
    }

    private static FidelityReport.Section section(FidelityComparison comparison) {
        RealBaseline baseline = comparison.baseline();
        String name = baseline.label() + " vs " + comparison.profile();
        String description = baseline.runs().rows().size() + " real runs from " + baseline.directory() + " against the "
                + "simulated suite with profile " + comparison.profile() + " on both peers. " + comparison.tally() + ".";
        return new FidelityReport.Section(name, description, comparison.cells(), notes(comparison));
    }

    private static Map<String, Object> jsonTree(List<FidelityComparison> comparisons) {
        List<Object> stacks = new ArrayList<>();
        boolean failed = false;
        for (FidelityComparison comparison : comparisons) {
            failed |= comparison.failed();
            List<Object> cells = new ArrayList<>();
            for (FidelityCell cell : comparison.cells()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("case", cell.group().scenario());
                c.put("point", cell.group().point());
                c.put("parameters", cell.group().parameters());
                c.put("rtt_ms", cell.rttMs());
                c.put("metric", cell.metric().column());
                c.put("simulated", medianJson(cell.simulated()));
                c.put("real", medianJson(cell.real()));
                c.put("tolerance_ms", cell.toleranceMs());
                c.put("verdict", cell.verdict().name().toLowerCase(Locale.ROOT));
                c.put("reason", cell.reason());
                c.put("known_reason", cell.knownReason());
                cells.add(c);
            }
            FidelityTally tally = comparison.tally();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("baseline", comparison.baseline().label());
            s.put("stack", comparison.baseline().stack().key());
            s.put("version", comparison.baseline().version());
            s.put("stack_version", comparison.baseline().stackVersion());
            s.put("directory", comparison.baseline().directory().toString());
            s.put("profile", comparison.profile());
            s.put("cells", cells);
            s.put("totals", Map.of("cells", tally.cells(), "pass", tally.pass(), "known_failure", tally.known(), "fail",
                    tally.fail()));
            s.put("notes", notes(comparison));
            stacks.add(s);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("stacks", stacks);
        root.put("failed", failed);
        return root;
    }

    private static Map<String, Object> medianJson(CellMedian median) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median_ms", median.median());
        m.put("never", median.isNever());
        m.put("runs", median.runs());
        m.put("runs_never", median.never());
        return m;
    }
}
