package org.icesim.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One group of runs: a scenario at one sweep point. {@code parameters} holds the swept key paths
 * and their values as written in the scenario file, in the sweep's order.
 */
public record GroupKey(String scenario, int point, Map<String, String> parameters) {

    public GroupKey {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** "scenario/p1": the prefix of the group's run ids. */
    public String id() {
        return scenario + "/p" + point;
    }

    /** "scenario/p1 links.cell.delay=80ms peers.alice.policy=on-failed". */
    public String label() {
        StringBuilder label = new StringBuilder(id());
        parameters.forEach((key, value) -> label.append(' ').append(key).append('=').append(value));
        return label.toString();
    }
}
