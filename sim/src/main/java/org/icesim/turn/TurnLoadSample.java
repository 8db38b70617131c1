package org.icesim.turn;

import org.icesim.kernel.Durations;

/**
 * The load of one TURN server over one sampling interval ending at {@code timeNanos}.
 *
 * @param server             the server's name
 * @param timeNanos          end of the interval
 * @param intervalNanos      length of the interval
 * @param liveAllocations    allocations that exist at {@code timeNanos}
 * @param allocationsCreated allocations created during the interval
 * @param relayedPackets     packets relayed during the interval, both directions
 * @param relayedBytes       payload bytes relayed during the interval, both directions
 */
public record TurnLoadSample(String server, long timeNanos, long intervalNanos, int liveAllocations,
        long allocationsCreated, long relayedPackets, long relayedBytes) {

    public double allocationsPerSecond() {
        return perSecond(allocationsCreated);
    }

    public double relayedPacketsPerSecond() {
        return perSecond(relayedPackets);
    }

    public double relayedBytesPerSecond() {
        return perSecond(relayedBytes);
    }

    private double perSecond(long count) {
        return count * (double) Durations.NANOS_PER_SECOND / intervalNanos;
    }
}
