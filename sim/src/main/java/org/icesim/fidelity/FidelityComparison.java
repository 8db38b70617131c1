package org.icesim.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.icesim.metrics.Metric;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.Suggestions;
import org.icesim.stats.CellMedian;
import org.icesim.stats.FidelityCell;
import org.icesim.stats.FidelityRule;
import org.icesim.stats.FidelityTally;
import org.icesim.stats.FidelityVerdict;
import org.icesim.stats.GroupKey;
import org.icesim.stats.GroupRuns;

/**
 * The simulated suite against one real baseline, cell by cell: for each case and sweep point of
 * the simulated batch and each compared metric, the two medians and the fidelity rule's verdict;
 * a failing cell that the baseline's allow-list covers is a known failure. Groups are paired by
 * scenario name and swept values.
 *
 * @param notInSuite  real groups the simulated suite does not have (not judged)
 * @param unusedKnown allow-list entries that cover no failing cell (stale: the cells pass now)
 */
public record FidelityComparison(RealBaseline baseline, String profile, List<FidelityCell> cells, List<GroupKey> notInSuite,
        List<KnownFailure> unusedKnown) {

    public FidelityComparison {
        cells = List.copyOf(cells);
        notInSuite = List.copyOf(notInSuite);
        unusedKnown = List.copyOf(unusedKnown);
    }

    /**
     * @throws ScenarioException an allow-list entry names a case the suite does not have
     */
    public static FidelityComparison of(SimulatedSuite simulated, RealBaseline real) throws ScenarioException {
        Map<String, GroupRuns> realGroups = new LinkedHashMap<>();
        for (GroupRuns group : real.runs().groups()) {
            realGroups.put(pairingKey(group.group()), group);
        }
        List<GroupRuns> simulatedGroups = simulated.results().groups();
        checkCasesExist(real.knownFailures(), simulatedGroups);
        Set<KnownFailure> used = new LinkedHashSet<>();
        List<FidelityCell> cells = new ArrayList<>();
        for (GroupRuns group : simulatedGroups) {
            GroupRuns measured = realGroups.remove(pairingKey(group.group()));
            long rtt = simulated.roundTrips().get(group.group().id());
            for (Metric metric : FidelityMetrics.COMPARED) {
                CellMedian sim = CellMedian.of(group, metric);
                CellMedian measuredMedian = measured == null ? CellMedian.of(new double[0], 0) : CellMedian.of(measured, metric);
                FidelityRule.Judgement judgement = FidelityRule.judge(sim, measuredMedian, rtt / 1e6);
                FidelityCell cell = new FidelityCell(group.group(), rtt, metric, sim, measuredMedian, judgement.toleranceMs(),
                        judgement.verdict(), judgement.reason(), "");
                if (cell.verdict() == FidelityVerdict.FAIL) {
                    Optional<KnownFailure> known = real.knownFailures().stream().filter(k -> k.covers(cell)).findFirst();
                    if (known.isPresent()) {
                        used.add(known.get());
                        cells.add(new FidelityCell(cell.group(), rtt, metric, sim, measuredMedian, cell.toleranceMs(),
                                FidelityVerdict.KNOWN_FAILURE, cell.reason(), known.get().reason()));
                        continue;
                    }
                }
                cells.add(cell);
            }
        }
        List<GroupKey> notInSuite = realGroups.values().stream().map(GroupRuns::group).toList();
        List<KnownFailure> unused = real.knownFailures().stream().filter(k -> !used.contains(k)).toList();
        return new FidelityComparison(real, simulated.profile(), cells, notInSuite, unused);
    }

    public FidelityTally tally() {
        return FidelityTally.of(cells);
    }

    /** Whether a cell fails that the allow-list does not cover. */
    public boolean failed() {
        return tally().fail() > 0;
    }

    /** Scenario and swept values, whatever the order of the swept columns in either runs.csv. */
    private static String pairingKey(GroupKey group) {
        return group.scenario() + " " + new TreeMap<>(group.parameters());
    }

    private static void checkCasesExist(List<KnownFailure> known, List<GroupRuns> simulatedGroups) throws ScenarioException {
        Set<String> cases = new LinkedHashSet<>();
        simulatedGroups.forEach(g -> cases.add(g.group().scenario()));
        List<ScenarioProblem> problems = new ArrayList<>();
        for (KnownFailure entry : known) {
            if (!cases.contains(entry.scenario())) {
                problems.add(new ScenarioProblem(entry.at(), "case", "'" + entry.scenario() + "' is no case of the suite"
                        + Suggestions.didYouMean(entry.scenario(), cases)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }
}
