package org.icesim.world;

import java.util.List;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.Scenario;

/**
 * A fleet run split into parts that run in different JVMs (the tasks of a Spark job): each part
 * runs where it is sent and hands back its {@link FleetPartFigures} (a few kilobytes), and the JVM
 * that asked joins them into the run's output — the output a run on one thread gives, for the
 * reasons {@link FleetSplit} lists. How many parts a run may take is {@link FleetSplit#parts}.
 */
public final class DistributedFleet {

    private DistributedFleet() {
    }

    /**
     * Runs part {@code index} of {@code count} of the fleet of {@code scenario} and returns its figures.
     *
     * @throws IllegalArgumentException if the part does not exist, or the options keep the event log
     */
    public static FleetPartFigures runPart(Scenario scenario, long seed, RunOptions options, int index, int count) {
        return new FleetWorld(scenario, seed, options, new FleetPart(index, count)).run().figures();
    }

    /** The output of a run of {@code scenario} from the figures of all its parts, in part order. */
    public static RunOutput join(Scenario scenario, List<FleetPartFigures> parts) {
        return FleetTally.sum(parts.stream().map(FleetTally::of).toList()).output(FleetSplit.turnServers(scenario));
    }
}
