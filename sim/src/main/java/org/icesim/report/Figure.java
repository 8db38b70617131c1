package org.icesim.report;

/** A chart written as {@code file} (relative to the report directory) with the caption the page shows under it. */
public record Figure(String file, String title, String caption) {
}
