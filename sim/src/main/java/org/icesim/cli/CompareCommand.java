package org.icesim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.icesim.batch.ResultSet;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.SourceLocation;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;
import org.icesim.stats.Comparison;
import org.icesim.stats.Tolerances;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim compare BASELINE CURRENT}: did anything get worse, and can these runs tell. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two result sets; fails on a significant worsening beyond tolerance, or on anything missing.",
            "Pairs the groups of two result sets (by scenario and swept values) and tests, per numeric metric, the "
                + "median and the p95 (permutation test of the Harrell-Davis quantile, seeded) and, per share of runs, the share (Fisher's "
                + "exact test); p-values are Holm-corrected within the statistics governed by rules. Each line also shows "
                + "the smallest worsening its runs can detect at the chosen alpha and power.",
            "Each metric has a direction (lower is better, higher is better, or neutral for counts such as "
                + "bytes_relayed). Without rules the headline metrics (detection, restart latency, recovery, media gap "
                + "and loss, fleet restart/recovery, reached_failed and run_failed shares) fail on a significant "
                // picocli formats descriptions: a percent sign is written %%
                + "worsening beyond +" + Tolerances.DEFAULT_MEDIAN_PERCENT + "%% (median), +" + Tolerances.DEFAULT_P95_PERCENT
                + "%% (p95) or " + Tolerances.DEFAULT_SHARE + " (share). Rules (a YAML file of lines like 'restart_latency_ms.p95: +5%%', "
                + "'*.median: +10%%', 'stun_checks_sent.median: ±2%%', or --rule '*=+5%%') take precedence over the defaults.",
            "A baseline group or metric with no value in the current set fails (--allow-missing: warn); comparing "
                + "nothing, or a rule for a metric neither set has, is invalid input.",
            "Exit status: 0 pass, 1 a regression (a significant worsening beyond tolerance, something missing, or with "
                + "--require-power a tolerance the runs cannot detect), 2 invalid input (nothing to compare, bad rules or "
                + "result files), 3 results could not be read or a report not written."})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE", description = "the reference results directory")
    private Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "the results directory to judge")
    private Path current;

    @Option(names = "--tolerance", paramLabel = "FILE", description = "YAML file of tolerance rules")
    private Path toleranceFile;

    @Option(names = "--rule", paramLabel = "KEY=LIMIT",
            description = "a tolerance rule, e.g. --rule restart_latency_ms.p95=+5%% or --rule '*=+5%%' (replaces the "
                    + "file's rule of that key)")
    private Map<String, String> rules = new LinkedHashMap<>();

    @Option(names = "--no-default-rules", description = "judge only the statistics the given rules govern")
    private boolean noDefaultRules;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
            description = "chance that noise alone fails the comparison (default ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--power", paramLabel = "P", defaultValue = "0.8",
            description = "chance with which a change of the 'detectable' size is found (default ${DEFAULT-VALUE})")
    private double power;

    @Option(names = "--allow-missing", description = "groups and metrics of the baseline absent from the current set warn instead of failing")
    private boolean allowMissing;

    @Option(names = "--require-power", description = "fail when a tolerance is below the change the runs can detect")
    private boolean requirePower;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "output on stdout: text, json, junit or markdown (default ${DEFAULT-VALUE})")
    private String format;

    @Option(names = "--write", paramLabel = "FORMAT=FILE",
            description = "also write the verdict in a format to a file, e.g. --write junit=compare.xml (repeatable)")
    private Map<String, Path> writes = new LinkedHashMap<>();

    @Option(names = "--all", description = "list every statistic in the text table, not only governed or changed ones")
    private boolean all;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return CommandErrors.run("compare", spec, (out, err) -> {
            Comparison.Settings settings = new Comparison.Settings(alpha, power, allowMissing, requirePower);
            CompareFormat shown = CompareFormat.parse(format);
            Map<CompareFormat, Path> files = new LinkedHashMap<>();
            writes.forEach((name, file) -> files.put(CompareFormat.parse(name), file));
            Tolerances tolerances = (noDefaultRules ? Tolerances.NONE : Tolerances.DEFAULTS)
                    .with(toleranceFile == null ? Map.of() : readTolerances(toleranceFile)).with(rules);
            ResultSet base = ResultSet.read(baseline);
            ResultSet now = ResultSet.read(current);
            Comparison comparison = Comparison.of(base.groups(), now.groups(), tolerances, settings);
            CompareOutcome outcome = new CompareOutcome(side(baseline, base), side(current, now), tolerances, comparison);
            for (Map.Entry<CompareFormat, Path> file : files.entrySet()) {
                writeAtomically(file.getValue(), file.getKey().render(outcome, all));
            }
            out.print(shown.render(outcome, all));
            return outcome.exitStatus();
        });
    }

    private static CompareOutcome.Side side(Path directory, ResultSet set) {
        return new CompareOutcome.Side(directory.toString(), set.batch(), set.rows().size());
    }

    /** Writes {@code text} to a sibling temporary file and renames it, so a reader never sees half a report. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a YAML map of tolerance rules; its problems carry file, line and column. */
    private static Map<String, String> readTolerances(Path file) throws ScenarioException {
        YamlNode root = new YamlReader().read(file);
        if (!(root instanceof YamlNode.YamlMap map)) {
            throw problem(root.location(), "", "a tolerance file is a YAML map of rules such as "
                    + "'restart_latency_ms.p95: +5%', was " + root.kind());
        }
        Map<String, String> rules = new LinkedHashMap<>();
        List<ScenarioProblem> problems = new ArrayList<>();
        for (Map.Entry<String, YamlNode.Entry> entry : map.entries().entrySet()) {
            YamlNode value = entry.getValue().value();
            if (!(value instanceof YamlNode.YamlScalar scalar) || scalar.text() == null) {
                problems.add(new ScenarioProblem(value.location(), entry.getKey(), "must be a limit such as +5%, was "
                        + value.kind()));
                continue;
            }
            try {
                Tolerances.parse(Map.of(entry.getKey(), scalar.text()));
                rules.put(entry.getKey(), scalar.text());
            } catch (IllegalArgumentException e) {
                problems.add(new ScenarioProblem(entry.getValue().keyLocation(), entry.getKey(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return rules;
    }

    private static ScenarioException problem(SourceLocation at, String path, String message) {
        return new ScenarioException(List.of(new ScenarioProblem(at, path, message)));
    }
}
