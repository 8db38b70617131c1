package org.icesim.scenario;

import java.util.Map;
import org.icesim.scenario.yaml.YamlNode;

/**
 * One point of a scenario's parameter sweep: the values chosen for each swept key path (as
 * written in the file, in the sweep's key order) and the scenario tree with them applied.
 */
public record SweepPoint(Map<String, String> parameters, YamlNode tree) {
}
