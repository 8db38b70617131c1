package org.icesim.scenario;

/** One thing wrong with a scenario: where, which key, and what is allowed instead. */
public record ScenarioProblem(SourceLocation location, String path, String message) {

    @Override
    public String toString() {
        return location + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
