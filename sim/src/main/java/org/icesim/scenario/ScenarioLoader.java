package org.icesim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.icesim.scenario.yaml.Problems;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.SourceLocation;
import org.icesim.scenario.yaml.TreeEdits;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;

/**
 * Reads a scenario file into its checked sweep points: extends are resolved, command-line
 * overrides ({@code --set key=value}) applied, the sweep expanded, and each point bound. All
 * problems of all points are reported together (each once).
 */
public final class ScenarioLoader {

    private final ScenarioFiles files = new ScenarioFiles();
    private final YamlReader reader = new YamlReader();

    public List<ScenarioPoint> load(Path file) throws ScenarioException {
        return load(file, Map.of());
    }

    /**
     * @param overrides key path → YAML value text; a key the file sweeps is taken out of the
     *                  sweep and pinned to the value
     */
    public List<ScenarioPoint> load(Path file, Map<String, String> overrides) throws ScenarioException {
        YamlNode.YamlMap tree = files.read(file);
        Problems problems = new Problems();
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            try {
                YamlNode value = reader.read("--set " + override.getKey(), override.getValue());
                tree = (YamlNode.YamlMap) TreeEdits.set(unswept(tree, override.getKey()), override.getKey(), value);
            } catch (IllegalArgumentException e) {
                problems.add(new SourceLocation("--set", 1, 1), override.getKey(), e.getMessage());
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        problems.throwIfAny();
        List<ScenarioPoint> points = new ArrayList<>();
        Set<ScenarioProblem> found = new LinkedHashSet<>();
        for (SweepPoint point : Sweep.expand(tree)) {
            try {
                points.add(new ScenarioPoint(point.parameters(), ScenarioBinder.bind((YamlNode.YamlMap) point.tree())));
            } catch (ScenarioException e) {
                found.addAll(e.problems());
            }
        }
        if (!found.isEmpty()) {
            throw new ScenarioException(new ArrayList<>(found));
        }
        return List.copyOf(points);
    }

    private static YamlNode.YamlMap unswept(YamlNode.YamlMap tree, String path) {
        if (tree.get("sweep") instanceof YamlNode.YamlMap sweep && sweep.entries().containsKey(path)) {
            return (YamlNode.YamlMap) TreeEdits.set(tree, "sweep", TreeEdits.without(sweep, path));
        }
        return tree;
    }
}
