package org.icesim.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.icesim.batch.ResultSet;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.SourceLocation;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;
import org.icesim.stats.Change;
import org.icesim.stats.Comparison;
import org.icesim.stats.GroupKey;
import org.icesim.stats.Tolerances;
import org.icesim.stats.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim compare BASELINE CURRENT}: which metrics changed, and does any change fail. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two result sets; fails on a significant regression beyond tolerance.",
            "Pairs the groups of two result sets (by scenario and swept values) and reports, per numeric "
                + "metric, the change of the median and the p95, with a Mann-Whitney U test (p-values Holm-corrected "
                + "over all tests) and the rank-biserial effect size.",
            "Every metric is a cost: higher is worse. Tolerance rules (a YAML file of lines like "
                + "'restart_latency_ms.p95: +5%%', '*.median: +10%%', 'stun_checks_sent.median: ±2%%', or --rule) say "
                + "which significant changes fail; statistics without a rule are marked but never fail.",
            "Exit status: 0 no failing change, 1 a significant change beyond its tolerance, 2 invalid input."})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE", description = "the reference results directory")
    private Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "the results directory to judge")
    private Path current;

    @Option(names = "--tolerance", paramLabel = "FILE", description = "YAML file of tolerance rules")
    private Path toleranceFile;

    @Option(names = "--rule", paramLabel = "KEY=LIMIT",
            description = "a tolerance rule, e.g. --rule restart_latency_ms.p95=+5%% (replaces the file's rule of that key)")
    private Map<String, String> rules = new LinkedHashMap<>();

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
            description = "significance level (default ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--all", description = "list every statistic, not only the changed ones")
    private boolean all;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return CommandErrors.run("compare", spec, (out, err) -> {
            Tolerances tolerances = (toleranceFile == null ? Tolerances.NONE : readTolerances(toleranceFile))
                    .with(Tolerances.parse(rules));
            ResultSet base = ResultSet.read(baseline);
            ResultSet now = ResultSet.read(current);
            Comparison comparison = Comparison.of(base.groups(), now.groups(), tolerances, alpha);
            print(out, base, now, tolerances, comparison);
            return comparison.failed() ? ExitCodes.FOUND_FAILURES : 0;
        });
    }

    private void print(PrintWriter out, ResultSet base, ResultSet now, Tolerances tolerances, Comparison comparison) {
        out.printf("baseline: %s (batch '%s', %d runs)%n", baseline, base.batch(), base.rows().size());
        out.printf("current:  %s (batch '%s', %d runs)%n", current, now.batch(), now.rows().size());
        out.printf("rules:    %s%n%n", tolerances.rules().isEmpty() ? "none (nothing can fail)" : tolerances.rules());
        TextTable table = new TextTable(3, "group", "metric", "stat", "n", "baseline", "current", "change", "p (Holm)",
                "effect", "rule", "verdict");
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Change change : comparison.changes()) {
            counts.merge(change.verdict(), 1, Integer::sum);
            if (!all && change.verdict() == Verdict.SAME) {
                continue;
            }
            table.row(List.of(change.group().label(), change.metric().column(), change.stat().key(),
                    change.baselineCount() + "→" + change.currentCount(), TextTable.number(change.baseline()),
                    TextTable.number(change.current()), changeText(change), pValue(change.adjustedP()),
                    signed(change.effectSize()), change.rule() == null ? "" : ruleLimit(change), mark(change.verdict())));
        }
        if (table.isEmpty()) {
            out.println("no statistic changed significantly");
        } else {
            table.print(out, "");
        }
        out.println();
        for (GroupKey group : comparison.onlyInBaseline()) {
            out.println("only in the baseline: " + group.label());
        }
        for (GroupKey group : comparison.onlyInCurrent()) {
            out.println("only in the current set: " + group.label());
        }
        List<String> tally = new ArrayList<>();
        counts.forEach((verdict, count) -> tally.add(count + " " + verdict.name().toLowerCase(Locale.ROOT)));
        out.printf("%d statistics compared: %s%n", comparison.changes().size(), String.join(", ", tally));
        out.println(comparison.failed() ? "FAIL: significant changes beyond tolerance (marked FAIL)"
                : "OK: no significant change beyond tolerance");
    }

    /** Reads a YAML map of tolerance rules; its problems carry file, line and column. */
    private static Tolerances readTolerances(Path file) throws ScenarioException {
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
        return Tolerances.parse(rules);
    }

    private static ScenarioException problem(SourceLocation at, String path, String message) {
        return new ScenarioException(List.of(new ScenarioProblem(at, path, message)));
    }

    private static String changeText(Change change) {
        Double relative = change.relativeChange();
        if (relative != null) {
            return (relative >= 0 ? "+" : "") + TextTable.percent(relative);
        }
        if (change.baseline() == null || change.current() == null) {
            return "-";
        }
        return signed(change.current() - change.baseline());
    }

    private static String signed(Double value) {
        if (value == null) {
            return "-";
        }
        return (value > 0 ? "+" : "") + TextTable.number(value);
    }

    private static String pValue(Double p) {
        if (p == null) {
            return "-";
        }
        return p < 0.0001 ? "<0.0001" : new BigDecimal(p).round(new MathContext(2)).toPlainString();
    }

    private static String ruleLimit(Change change) {
        String rule = change.rule().toString();
        return rule.substring(rule.indexOf(':') + 2);
    }

    private static String mark(Verdict verdict) {
        return switch (verdict) {
            case SAME -> "";
            case BETTER -> "better";
            case WORSE -> "worse";
            case FAIL -> "FAIL";
            case UNTESTED -> "untested";
        };
    }
}
