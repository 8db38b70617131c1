package org.icesim.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.scenario.yaml.Problems;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.TreeEdits;
import org.icesim.scenario.yaml.YamlNode;

/**
 * Expands a scenario's {@code sweep:} section into the cartesian product of its values. The
 * first key varies slowest and the last fastest, so points come in a stable, readable order.
 */
public final class Sweep {

    /** Sweeps larger than this are refused: a typo should not start a million runs. */
    public static final int MAX_POINTS = 100_000;

    private Sweep() {
    }

    /** The sweep points of {@code root} (a scenario map); one point with no parameters if it has no sweep. */
    public static List<SweepPoint> expand(YamlNode.YamlMap root) throws ScenarioException {
        YamlNode sweepNode = root.get("sweep");
        YamlNode.YamlMap base = TreeEdits.without(root, "sweep");
        if (sweepNode == null || sweepNode instanceof YamlNode.YamlScalar s && s.text() == null) {
            return List.of(new SweepPoint(Map.of(), base));
        }
        Problems problems = new Problems();
        if (!(sweepNode instanceof YamlNode.YamlMap sweep)) {
            problems.add(sweepNode.location(), "sweep", "must be a map from key path to a list of values, was " + sweepNode.kind());
            problems.throwIfAny();
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        List<List<YamlNode>> values = new ArrayList<>();
        long points = 1;
        for (Map.Entry<String, YamlNode.Entry> entry : sweep.entries().entrySet()) {
            String path = entry.getKey();
            YamlNode node = entry.getValue().value();
            if (!(node instanceof YamlNode.YamlList list) || list.items().isEmpty()) {
                problems.add(node.location(), "sweep." + path, "must be a non-empty list of values, was " + node.kind());
                continue;
            }
            try {
                TreeEdits.set(base, path, list.items().get(0));
            } catch (IllegalArgumentException e) {
                problems.add(entry.getValue().keyLocation(), "sweep." + path, e.getMessage());
                continue;
            }
            for (YamlNode item : list.items()) {
                if (!(item instanceof YamlNode.YamlScalar)) {
                    problems.add(item.location(), "sweep." + path, "swept values must be single values, was " + item.kind());
                }
            }
            paths.add(path);
            values.add(list.items());
            points *= list.items().size();
            if (points > MAX_POINTS) {
                problems.add(sweep.location(), "sweep", "expands to more than " + MAX_POINTS + " points");
                break;
            }
        }
        problems.throwIfAny();
        List<SweepPoint> result = new ArrayList<>();
        expand(base, paths, values, 0, new LinkedHashMap<>(), result);
        return Collections.unmodifiableList(result);
    }

    private static void expand(YamlNode tree, List<String> paths, List<List<YamlNode>> values, int depth,
            LinkedHashMap<String, String> chosen, List<SweepPoint> out) {
        if (depth == paths.size()) {
            out.add(new SweepPoint(Collections.unmodifiableMap(new LinkedHashMap<>(chosen)), tree));
            return;
        }
        for (YamlNode value : values.get(depth)) {
            chosen.put(paths.get(depth), ((YamlNode.YamlScalar) value).text());
            expand(TreeEdits.set(tree, paths.get(depth), value), paths, values, depth + 1, chosen, out);
        }
        chosen.remove(paths.get(depth));
    }
}
