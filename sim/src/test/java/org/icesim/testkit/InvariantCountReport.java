package org.icesim.testkit;

import java.util.Map;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * At the end of a test run, prints how many invariant checks held in it, per invariant: the
 * figure docs/reliability.md ("Invariants") reports, summed over every simulator and run built
 * through {@link SuiteChecks}. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class InvariantCountReport implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Map<String, Long> counts = SuiteChecks.heldSoFar();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder("invariant checks held in this test run: ").append(total);
        String separator = " (";
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            line.append(separator).append(entry.getKey()).append(' ').append(entry.getValue());
            separator = ", ";
        }
        System.out.println(line.append(counts.isEmpty() ? "" : ")"));
    }
}
