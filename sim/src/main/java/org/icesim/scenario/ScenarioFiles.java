package org.icesim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.SourceLocation;
import org.icesim.scenario.yaml.TreeEdits;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;

/**
 * Reads a scenario file into one tree, resolving {@code extends: base.yaml} (a path relative to
 * the extending file): the base's tree is read first and the file's own keys are laid over it,
 * so a variation states only what differs. Chains are allowed; cycles are errors.
 */
public final class ScenarioFiles {

    /** Deeper chains of {@code extends} are refused. */
    public static final int MAX_EXTENDS_DEPTH = 16;

    private final YamlReader reader = new YamlReader();

    public YamlNode.YamlMap read(Path file) throws ScenarioException {
        return read(file.toAbsolutePath().normalize(), new ArrayList<>());
    }

    private YamlNode.YamlMap read(Path file, List<Path> chain) throws ScenarioException {
        YamlNode root = reader.read(file);
        if (!(root instanceof YamlNode.YamlMap map)) {
            throw problem(root.location(), "", "a scenario must be a YAML map of keys (name, duration, links, peers, ...), was " + root.kind());
        }
        YamlNode parent = map.get("extends");
        if (parent == null) {
            return map;
        }
        if (!(parent instanceof YamlNode.YamlScalar scalar) || scalar.text() == null) {
            throw problem(parent.location(), "extends", "must be the path of a base scenario file, was " + parent.kind());
        }
        chain.add(file);
        Path base = file.resolveSibling(scalar.text()).normalize();
        if (chain.contains(base)) {
            throw problem(parent.location(), "extends", "'" + scalar.text() + "' extends itself through " + chain);
        }
        if (chain.size() > MAX_EXTENDS_DEPTH) {
            throw problem(parent.location(), "extends", "more than " + MAX_EXTENDS_DEPTH + " levels of extends");
        }
        YamlNode.YamlMap baseTree;
        try {
            baseTree = read(base, chain);
        } catch (ScenarioException e) {
            List<ScenarioProblem> problems = new ArrayList<>(e.problems());
            problems.add(new ScenarioProblem(parent.location(), "extends", "the base scenario '" + scalar.text() + "' has the problems above"));
            throw new ScenarioException(problems);
        }
        return (YamlNode.YamlMap) TreeEdits.merge(baseTree, TreeEdits.without(map, "extends"));
    }

    private static ScenarioException problem(SourceLocation at, String path, String message) {
        return new ScenarioException(List.of(new ScenarioProblem(at, path, message)));
    }
}
