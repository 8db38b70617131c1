package org.icesim.scenario.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot be run, with every problem found (not just the first). */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<ScenarioProblem> problems;

    public ScenarioException(List<ScenarioProblem> problems) {
        super(problems.stream().map(ScenarioProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ScenarioProblem> problems() {
        return problems;
    }
}
