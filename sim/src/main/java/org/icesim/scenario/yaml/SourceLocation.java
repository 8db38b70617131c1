package org.icesim.scenario.yaml;

/** Where a value stands in a scenario file; lines and columns count from 1. */
public record SourceLocation(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
