package org.icesim.kernel;

import java.util.Map;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * At the end of a test run, prints how many invariant checks held in it, per invariant: the
 * figure docs/reliability.md ("Invariants") reports. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class InvariantCountReport implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Map<Invariant, Long> counts = Invariants.processCounts();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder("invariant checks held in this test run: ").append(total);
        String separator = " (";
        for (Map.Entry<Invariant, Long> entry : counts.entrySet()) {
            line.append(separator).append(entry.getKey().title()).append(' ').append(entry.getValue());
            separator = ", ";
        }
        System.out.println(line.append(')'));
    }
}
