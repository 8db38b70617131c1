package org.icesim.scenario;

import java.util.Map;

/** One point of a scenario's sweep, bound and checked; its runs are its seeds. */
public record ScenarioPoint(Map<String, String> parameters, Scenario scenario) {
}
