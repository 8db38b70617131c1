package org.icesim.metrics;

/**
 * One interval of a server's load in one run, for capacity planning: live TURN allocations at
 * the end of the interval, and what happened during it.
 *
 * @param timeNanos        end of the interval
 * @param server           server name
 * @param liveAllocations  allocations alive at {@code timeNanos}
 * @param allocations      allocations created in the interval
 * @param relayedBytes     bytes relayed in the interval, both directions
 * @param restarts         restartIce() calls of all peers in the interval
 * @param relayedPackets   packets relayed in the interval, both directions
 */
public record LoadSample(long timeNanos, String server, int liveAllocations, long allocations, long relayedBytes,
        long restarts, long relayedPackets) {
}
