package org.icesim.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icesim.stats.GroupKey;

/**
 * A group of a batch (a scenario at one sweep point) and its seeds.
 *
 * @param seeds replications of the group in the batch, after {@code --seeds} and {@code --max-runs}:
 *              seed indexes 0 .. seeds-1
 */
public record PlanGroup(String scenario, int point, Map<String, String> parameters, long baseSeed, int seeds) {

    public PlanGroup {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public GroupKey key() {
        return new GroupKey(scenario, point, parameters);
    }
}
