package org.icesim.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.icesim.metrics.Metric;
import org.icesim.metrics.MetricValue;
import org.icesim.metrics.Share;

/** Computes the {@link GroupSummary} of groups of runs. */
public final class Summaries {

    /** The share of finished runs in which some peer reached iceConnectionState 'failed'. */
    public static final String REACHED_FAILED = Share.REACHED_FAILED.column();
    /** The share of runs that threw instead of finishing. */
    public static final String RUN_FAILED = Share.RUN_FAILED.column();

    private Summaries() {
    }

    public static List<GroupSummary> of(List<GroupRuns> groups) {
        return groups.stream().map(Summaries::of).toList();
    }

    public static GroupSummary of(GroupRuns group) {
        List<Map<Metric, MetricValue>> finished = group.finished();
        Map<String, Distribution> metrics = new LinkedHashMap<>();
        Map<String, Proportion> proportions = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> values = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            switch (metric.kind()) {
                case MILLIS, COUNT -> metrics.put(metric.column(), Distribution.of(group.numbers(metric)));
                case FLAG -> {
                    int trials = 0;
                    int successes = 0;
                    for (Map<Metric, MetricValue> run : finished) {
                        if (run.get(metric) instanceof MetricValue.Flag flag) {
                            trials++;
                            successes += flag.set() ? 1 : 0;
                        }
                    }
                    proportions.put(metric.column(), Proportion.of(successes, trials));
                }
                case TEXT -> {
                    Map<String, Integer> counts = new TreeMap<>();
                    for (Map<Metric, MetricValue> run : finished) {
                        if (run.get(metric) instanceof MetricValue.Text text) {
                            counts.merge(text.text(), 1, Integer::sum);
                        }
                    }
                    values.put(metric.column(), counts);
                }
            }
        }
        // Failed in either state the page sees: Chromium shows it only in connectionState; result
        // sets written before that column existed have only the iceConnectionState one.
        int reachedFailed = (int) finished.stream().filter(run -> run.containsKey(Metric.DETECT_FAILED_MS)
                || run.containsKey(Metric.DETECT_CONNECTION_FAILED_MS)).count();
        proportions.put(REACHED_FAILED, Proportion.of(reachedFailed, finished.size()));
        int failed = group.failed();
        proportions.put(RUN_FAILED, Proportion.of(failed, group.runs().size()));
        GroupKey key = group.group();
        return new GroupSummary(key.scenario(), key.point(), key.parameters(), group.runs().size(), failed, metrics,
                proportions, values);
    }
}
