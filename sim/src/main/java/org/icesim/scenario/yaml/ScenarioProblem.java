package org.icesim.scenario.yaml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One thing wrong with a scenario: where, which key, and what is allowed instead. */
public record ScenarioProblem(SourceLocation location, String path, String message) {

    /** Quoted values longer than this are shortened in messages. */
    static final int MAX_QUOTED_CHARS = 120;
    /** A quoted value: no blank just inside its quotes (which tells it from the text between two values). */
    private static final Pattern LONG_QUOTE = Pattern.compile("'([^'\\s][^']{" + (MAX_QUOTED_CHARS - 1) + ",}[^'\\s])'");

    /**
     * Messages quote the offending value; a value of a megabyte would bury the message (and what
     * is allowed instead) under itself, so its middle is left out.
     */
    public ScenarioProblem {
        message = LONG_QUOTE.matcher(message).replaceAll(quote -> Matcher.quoteReplacement("'"
                + quote.group(1).substring(0, 40) + "…(" + quote.group(1).length() + " characters)…"
                + quote.group(1).substring(quote.group(1).length() - 10) + "'"));
    }

    @Override
    public String toString() {
        return location + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
