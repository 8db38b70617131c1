package org.icesim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.icesim.stats.Change;
import org.icesim.stats.Verdict;

/** The comparison as a plain-text table: every statistic a rule governs and every significant change. */
final class CompareText {

    private CompareText() {
    }

    static String render(CompareOutcome outcome, boolean all) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        side(out, "baseline:", outcome.baseline());
        side(out, "current: ", outcome.current());
        out.printf("rules:    %s%n", outcome.tolerances().describe());
        out.printf("tests:    %s%n%n", outcome.settingsLine());
        TextTable table = new TextTable(3, "group", "metric", "stat", "n", "baseline", "current", "change", "p (Holm)", "test",
                "detectable", "rule", "verdict");
        for (Change change : outcome.comparison().changes()) {
            if (all || change.rule() != null || change.verdict() != Verdict.SAME) {
                table.row(List.of(change.group().label(), change.metric(), change.stat().key(),
                        change.baselineCount() + "→" + change.currentCount(), CompareOutcome.value(change, change.baseline()),
                        CompareOutcome.value(change, change.current()), CompareOutcome.change(change),
                        CompareOutcome.pValue(change.adjustedP()), change.test() == null ? "-" : change.test(),
                        CompareOutcome.detectable(change), CompareOutcome.rule(change), CompareOutcome.verdictWithPower(change)));
            }
        }
        if (table.isEmpty()) {
            out.println("no statistic is governed by a rule or changed significantly");
        } else {
            table.print(out, "");
        }
        out.println();
        outcome.warnings().forEach(warning -> out.println("warning: " + warning));
        out.println(outcome.tally());
        out.println(outcome.conclusion());
        out.flush();
        return text.toString();
    }

    private static void side(PrintWriter out, String label, CompareOutcome.Side side) {
        out.printf("%s %s (batch '%s', %d runs)%n", label, side.directory(), side.batch(), side.runs());
    }
}
