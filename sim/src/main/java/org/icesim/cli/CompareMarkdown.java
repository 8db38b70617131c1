package org.icesim.cli;

import java.util.ArrayList;
import java.util.List;
import org.icesim.stats.Change;
import org.icesim.stats.Verdict;

/**
 * The comparison as Markdown for a pull-request comment: the verdict first, then the statistics
 * that fail or moved significantly, the warnings, and every statistic in a collapsed section.
 */
final class CompareMarkdown {

    private static final String HEADER = "| group | metric | stat | n | baseline | current | change | p (Holm) | test | detectable "
            + "| rule | verdict |\n|---|---|---|--:|--:|--:|--:|--:|---|--:|--:|---|\n";

    private CompareMarkdown() {
    }

    static String render(CompareOutcome outcome) {
        StringBuilder md = new StringBuilder();
        md.append("### icesim compare: ").append(outcome.failed() ? "❌ " : "✅ ").append(cell(outcome.conclusion()))
                .append("\n\n");
        md.append("Baseline `").append(outcome.baseline().directory()).append("` (").append(outcome.baseline().runs())
                .append(" runs) → current `").append(outcome.current().directory()).append("` (")
                .append(outcome.current().runs()).append(" runs).  \n");
        md.append("Rules: ").append(cell(outcome.tolerances().describe())).append(".  \n");
        md.append(cell(outcome.settingsLine())).append(".\n\n");
        List<Change> notable = outcome.comparison().changes().stream()
                .filter(c -> outcome.comparison().fails(c) || (c.verdict() != Verdict.SAME && c.verdict() != Verdict.UNTESTED))
                .toList();
        if (notable.isEmpty()) {
            md.append("No statistic changed significantly.\n\n");
        } else {
            md.append(HEADER);
            notable.forEach(c -> md.append(row(c)));
            md.append('\n');
        }
        List<String> warnings = outcome.warnings();
        if (!warnings.isEmpty()) {
            md.append("**Warnings**\n\n");
            warnings.forEach(w -> md.append("- ").append(cell(w)).append('\n'));
            md.append('\n');
        }
        md.append("<details><summary>").append(cell(outcome.tally())).append("</summary>\n\n").append(HEADER);
        outcome.comparison().changes().forEach(c -> md.append(row(c)));
        md.append("\n</details>\n");
        return md.toString();
    }

    private static String row(Change c) {
        List<String> cells = new ArrayList<>(List.of(c.group().label(), c.metric(), c.stat().key(),
                c.baselineCount() + "→" + c.currentCount(), CompareOutcome.value(c, c.baseline()),
                CompareOutcome.value(c, c.current()), CompareOutcome.change(c), CompareOutcome.pValue(c.adjustedP()),
                c.test() == null ? "-" : c.test(), CompareOutcome.detectable(c), CompareOutcome.rule(c)));
        StringBuilder row = new StringBuilder("|");
        cells.forEach(cell -> row.append(' ').append(cell(cell)).append(" |"));
        String verdict = cell(CompareOutcome.verdictWithPower(c));
        boolean bold = c.verdict() == Verdict.FAIL || c.verdict() == Verdict.MISSING;
        return row.append(' ').append(bold ? "**" + verdict + "**" : verdict).append(" |\n").toString();
    }

    /** Text safe inside a table cell: pipes escaped, markup characters kept literal. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
    }
}
