package org.icesim.scenario.yaml;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while reading a scenario, so all are reported at once. */
public final class Problems {
    private final List<ScenarioProblem> found = new ArrayList<>();

    public void add(SourceLocation location, String path, String message) {
        found.add(new ScenarioProblem(location, path, message));
    }

    public void addAll(List<ScenarioProblem> problems) {
        found.addAll(problems);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<ScenarioProblem> list() {
        return List.copyOf(found);
    }

    /** Throws if anything was found; problems are ordered by file, line and column. */
    public void throwIfAny() throws ScenarioException {
        if (!found.isEmpty()) {
            List<ScenarioProblem> sorted = new ArrayList<>(found);
            sorted.sort((x, y) -> {
                int byFile = x.location().file().compareTo(y.location().file());
                if (byFile != 0) {
                    return byFile;
                }
                int byLine = Integer.compare(x.location().line(), y.location().line());
                return byLine != 0 ? byLine : Integer.compare(x.location().column(), y.location().column());
            });
            throw new ScenarioException(sorted);
        }
    }
}
