package org.icesim.world;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.icesim.metrics.RunOutput;
import org.icesim.scenario.Scenario;

/**
 * A fleet run split into parts that run in different JVMs (the tasks of a Spark job): each part
 * runs where it is sent and hands back its tally as a few kilobytes of JSON, and the JVM that
 * asked joins the tallies into the run's output — the output a run on one thread gives, for the
 * reasons {@link FleetSplit} lists. How many parts a run may take is {@link FleetSplit#parts}.
 */
public final class DistributedFleet {

    private DistributedFleet() {
    }

    /**
     * Runs part {@code index} of {@code count} of the fleet of {@code scenario} and returns its tally as JSON.
     *
     * @throws IllegalArgumentException if the part does not exist
     */
    public static byte[] runPart(Scenario scenario, long seed, RunOptions options, int index, int count) throws IOException {
        return FleetTallyJson.write(new FleetWorld(scenario, seed, options, new FleetPart(index, count)).run());
    }

    /**
     * The output of a run of {@code scenario} from the tallies of all its parts, in part order.
     *
     * @throws IOException if a tally is not one that {@link #runPart} wrote
     */
    public static RunOutput join(Scenario scenario, List<byte[]> tallies) throws IOException {
        List<FleetTally> parts = new ArrayList<>();
        for (byte[] tally : tallies) {
            parts.add(FleetTallyJson.read(tally));
        }
        return FleetTally.sum(parts).output(FleetSplit.turnServers(scenario));
    }
}
