package org.icesim.cli;

import java.util.Locale;

/** The output formats of {@code icesim compare}. */
enum CompareFormat {
    /** A table for people. */
    TEXT,
    /** Every statistic with its test, power and verdict, for scripts. */
    JSON,
    /** JUnit XML: one test case per group × statistic, so a CI server lists the failing ones. */
    JUNIT,
    /** A Markdown summary for a pull-request comment. */
    MARKDOWN;

    /** The text of {@code outcome} in this format; {@code all} lists unchanged statistics in the text table too. */
    String render(CompareOutcome outcome, boolean all) {
        return switch (this) {
            case TEXT -> CompareText.render(outcome, all);
            case JSON -> CompareJson.render(outcome);
            case JUNIT -> CompareJunit.render(outcome);
            case MARKDOWN -> CompareMarkdown.render(outcome);
        };
    }

    /** The format called {@code name} (any case), or an error listing the formats. */
    static CompareFormat parse(String name) {
        for (CompareFormat format : values()) {
            if (format.toString().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("format must be text, json, junit or markdown, was '" + name + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
