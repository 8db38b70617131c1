package org.icesim.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.icesim.stats.Change;
import org.icesim.stats.Comparison;
import org.icesim.stats.GroupKey;
import org.icesim.stats.Json;

/** The comparison as JSON (snake_case keys, the result files' conventions). */
final class CompareJson {

    private CompareJson() {
    }

    /** The whole verdict. */
    record Document(CompareOutcome.Side baseline, CompareOutcome.Side current, double alpha, double power,
            boolean allowMissing, boolean requirePower, String rules, String verdict, int exitStatus, String conclusion,
            List<Statistic> statistics, List<String> missingGroups, List<String> onlyInCurrent, List<String> warnings) {
    }

    /** One statistic of one metric in one group; null fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Statistic(String group, String scenario, Map<String, String> parameters, String metric, String stat,
            String direction, int baselineCount, int currentCount, Double baseline, Double current, Double relativeChange,
            String test, Double pValue, Double adjustedP, double level, Double detectable, String rule, Double allowed,
            boolean underpowered, Integer runsNeeded, String verdict, boolean fails) {
    }

    static String render(CompareOutcome outcome) {
        Comparison comparison = outcome.comparison();
        List<Statistic> statistics = comparison.changes().stream().map(c -> statistic(comparison, c)).toList();
        Document document = new Document(outcome.baseline(), outcome.current(), comparison.settings().alpha(),
                comparison.settings().power(), comparison.settings().allowMissing(), comparison.settings().requirePower(),
                outcome.tolerances().describe(), outcome.failed() ? "fail" : "pass", outcome.exitStatus(), outcome.conclusion(),
                statistics, comparison.missingGroups().stream().map(GroupKey::label).toList(),
                comparison.onlyInCurrent().stream().map(GroupKey::label).toList(), outcome.warnings());
        try {
            return new String(Json.bytes(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Statistic statistic(Comparison comparison, Change c) {
        GroupKey group = c.group();
        return new Statistic(group.id(), group.scenario(), group.parameters(), c.metric(), c.stat().key(),
                c.quantity().direction().name().toLowerCase(Locale.ROOT), c.baselineCount(), c.currentCount(), c.baseline(),
                c.current(), c.relativeChange(), c.test(), c.pValue(), c.adjustedP(), c.level(), c.detectable(),
                c.rule() == null ? null : c.rule().limit(), c.allowed(), c.underpowered(), c.runsNeeded(),
                c.verdict().name().toLowerCase(Locale.ROOT), comparison.fails(c));
    }
}
