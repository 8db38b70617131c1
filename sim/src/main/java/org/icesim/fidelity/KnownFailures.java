package org.icesim.fidelity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.icesim.metrics.Metric;
import org.icesim.scenario.yaml.Quantities;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.Suggestions;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;

/**
 * A baseline's {@code known-failures.yaml}: a list of entries
 * {@code {case: <scenario name>, rtt: 80ms, metric: recovery_ms, reason: ...}} ({@code rtt} and
 * {@code metric} optional). Every problem is reported at once with file, line and column.
 */
public final class KnownFailures {

    public static final String FILE = "known-failures.yaml";

    private static final Set<String> KEYS = Set.of("case", "rtt", "metric", "reason");

    private KnownFailures() {
    }

    /** The entries of {@code directory}'s allow-list; none when the file does not exist or holds only comments. */
    public static List<KnownFailure> in(Path directory) throws ScenarioException, IOException {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file) || Files.readAllLines(file).stream().allMatch(KnownFailures::commentOrBlank)) {
            return List.of();
        }
        YamlNode root = new YamlReader().read(file);
        if (!(root instanceof YamlNode.YamlList list)) {
            throw new ScenarioException(List.of(new ScenarioProblem(root.location(), "",
                    "an allow-list is a YAML list of {case, rtt, metric, reason} entries, was " + root.kind())));
        }
        List<KnownFailure> entries = new ArrayList<>();
        List<ScenarioProblem> problems = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            entry(list.items().get(i), "[" + i + "]", problems).ifPresent(entries::add);
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return List.copyOf(entries);
    }

    private static boolean commentOrBlank(String line) {
        return line.isBlank() || line.strip().startsWith("#");
    }

    private static Optional<KnownFailure> entry(YamlNode node, String path, List<ScenarioProblem> problems) {
        if (!(node instanceof YamlNode.YamlMap map)) {
            problems.add(new ScenarioProblem(node.location(), path, "must be a map {case, rtt, metric, reason}, was " + node.kind()));
            return Optional.empty();
        }
        int before = problems.size();
        for (Map.Entry<String, YamlNode.Entry> key : map.entries().entrySet()) {
            if (!KEYS.contains(key.getKey())) {
                problems.add(new ScenarioProblem(key.getValue().keyLocation(), path + "." + key.getKey(),
                        "unknown key" + Suggestions.didYouMean(key.getKey(), KEYS) + "; allowed: case, rtt, metric, reason"));
            }
        }
        String scenario = text(map, "case", path, true, problems);
        String reason = text(map, "reason", path, true, problems);
        String rttText = text(map, "rtt", path, false, problems);
        String metricText = text(map, "metric", path, false, problems);
        OptionalLong rtt = OptionalLong.empty();
        if (rttText != null) {
            try {
                rtt = OptionalLong.of(Quantities.duration(rttText));
            } catch (IllegalArgumentException e) {
                problems.add(new ScenarioProblem(map.get("rtt").location(), path + ".rtt", e.getMessage()));
            }
        }
        Optional<Metric> metric = Optional.empty();
        if (metricText != null) {
            Optional<Metric> named = FidelityMetrics.COMPARED.stream().filter(m -> m.column().equals(metricText)).findFirst();
            if (named.isEmpty()) {
                List<String> columns = FidelityMetrics.COMPARED.stream().map(Metric::column).toList();
                problems.add(new ScenarioProblem(map.get("metric").location(), path + ".metric", "'" + metricText
                        + "' is not a compared metric" + Suggestions.didYouMean(metricText, columns) + "; allowed: "
                        + String.join(", ", columns)));
            }
            metric = named;
        }
        if (reason != null && reason.isBlank()) {
            problems.add(new ScenarioProblem(map.get("reason").location(), path + ".reason", "must say why the cells fail"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new KnownFailure(scenario, rtt, metric, reason, map.location()));
    }

    private static String text(YamlNode.YamlMap map, String key, String path, boolean required, List<ScenarioProblem> problems) {
        YamlNode value = map.get(key);
        if (value == null) {
            if (required) {
                problems.add(new ScenarioProblem(map.location(), path + "." + key, "required"));
            }
            return null;
        }
        if (!(value instanceof YamlNode.YamlScalar scalar) || scalar.text() == null) {
            problems.add(new ScenarioProblem(value.location(), path + "." + key, "must be a value, was " + value.kind()));
            return null;
        }
        return scalar.text();
    }
}
