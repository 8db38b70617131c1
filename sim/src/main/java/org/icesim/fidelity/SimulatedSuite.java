package org.icesim.fidelity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.icesim.batch.BatchException;
import org.icesim.batch.BatchListener;
import org.icesim.batch.BatchPlan;
import org.icesim.batch.BatchPlanner;
import org.icesim.batch.BatchRunner;
import org.icesim.batch.PlanOptions;
import org.icesim.batch.Provenance;
import org.icesim.batch.ResultSet;
import org.icesim.batch.ResultStore;
import org.icesim.batch.RunExecutors;
import org.icesim.batch.RunSpec;
import org.icesim.batch.Shard;
import org.icesim.batch.StartMode;
import org.icesim.scenario.InterfaceSpec;
import org.icesim.world.RunOptions;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.yaml.ScenarioException;

/**
 * The fidelity suite simulated with one profile on both peers: an ordinary batch (the same runs
 * as {@code icesim batch SUITE --set peers.alice.profile=P --set peers.bob.profile=P}), read back
 * from its runs.csv, with the round trip of each sweep point.
 *
 * @param roundTrips group id ({@code scenario/pN}) → round trip between the peers in ns
 */
public record SimulatedSuite(String profile, ResultSet results, Map<String, Long> roundTrips) {

    /** The suite's cases name their two peers so, and the profile is set on both. */
    public static final List<String> PEERS = List.of("alice", "bob");

    public SimulatedSuite {
        roundTrips = Map.copyOf(roundTrips);
    }

    /**
     * Runs the suite into {@code out}, replacing the results a previous simulation left there.
     *
     * @param seeds   seeds per sweep point; 0 for the files' own
     */
    public static SimulatedSuite simulate(Path suite, String profile, int seeds, int threads, Path out, Provenance provenance)
            throws IOException, BatchException, ScenarioException, InterruptedException {
        Map<String, String> overrides = new LinkedHashMap<>();
        PEERS.forEach(peer -> overrides.put("peers." + peer + ".profile", profile));
        // In key order, so the batch's plan does not depend on a map's iteration order.
        overrides.putAll(new TreeMap<>(RealStack.withProfile(profile).application()));
        PlanOptions options = new PlanOptions(seeds, List.of(), 0, Shard.WHOLE, RunOptions.METRICS_ONLY, overrides,
                OptionalLong.empty());
        BatchPlan plan = new BatchPlanner().plan("fidelity-" + profile, List.of(suite), options);
        try (ResultStore store = ResultStore.open(out, plan, provenance, threads, StartMode.OVERWRITE)) {
            new BatchRunner(RunExecutors.simulation(), threads).run(plan, store, BatchListener.NONE);
            store.complete();
        }
        Map<String, Long> roundTrips = new LinkedHashMap<>();
        for (RunSpec run : plan.runs()) {
            roundTrips.putIfAbsent(run.group().id(), roundTripNanos(run.scenarioPoint().scenario()));
        }
        return new SimulatedSuite(profile, ResultSet.read(out), roundTrips);
    }

    /**
     * The round trip between the caller and the callee over their first interfaces' access links:
     * twice the sum of the two one-way delays (the core adds none).
     */
    static long roundTripNanos(Scenario scenario) {
        return 2 * (accessDelay(scenario, scenario.call().caller()) + accessDelay(scenario, scenario.call().callee()));
    }

    private static long accessDelay(Scenario scenario, String peer) {
        InterfaceSpec first = scenario.peers().get(peer).interfaces().get(0);
        return scenario.links().get(first.link()).delayNanos();
    }
}
