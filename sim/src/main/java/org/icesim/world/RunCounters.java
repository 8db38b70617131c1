package org.icesim.world;

import org.icesim.metrics.Metric;
import org.icesim.metrics.RunResult;

/**
 * The counters every run reports (runs.csv): sums over peers and servers, so the counters of the
 * parts of a split fleet add up to those of the whole fleet.
 *
 * @param stunChecksSent    STUN connectivity checks the peers sent
 * @param turnAllocations   allocations the TURN servers created
 * @param signalingMessages messages the signaling servers relayed
 * @param bytesRelayed      bytes the TURN servers relayed, both directions
 */
public record RunCounters(long stunChecksSent, long turnAllocations, long signalingMessages, long bytesRelayed) {

    static final RunCounters ZERO = new RunCounters(0, 0, 0, 0);

    RunCounters plus(RunCounters other) {
        return new RunCounters(stunChecksSent + other.stunChecksSent, turnAllocations + other.turnAllocations,
                signalingMessages + other.signalingMessages, bytesRelayed + other.bytesRelayed);
    }

    void putInto(RunResult result) {
        result.putCount(Metric.STUN_CHECKS_SENT, stunChecksSent);
        result.putCount(Metric.TURN_ALLOCATIONS, turnAllocations);
        result.putCount(Metric.SIGNALING_MESSAGES, signalingMessages);
        result.putCount(Metric.BYTES_RELAYED, bytesRelayed);
    }
}
