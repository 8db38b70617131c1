package org.icesim.turn;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a TURN server has done, for the capacity planner: allocations live and created, relayed
 * traffic per direction, packets it would not relay by reason, error responses by code. Relayed
 * bytes are the application payload carried (what travels on the peer leg above UDP), so that they
 * do not depend on the client transport's framing. Counts survive a crash; the live count does not.
 */
public final class TurnServerCounters {

    private static final RelayDirection[] DIRECTIONS = RelayDirection.values();
    private static final TurnDropReason[] REASONS = TurnDropReason.values();

    private int liveAllocations;
    private int peakLiveAllocations;
    private long allocationsCreated;
    private long allocationsExpired;
    private long allocationsDeleted;
    private long allocationsLostInCrashes;
    private final long[] relayedPackets = new long[DIRECTIONS.length];
    private final long[] relayedBytes = new long[DIRECTIONS.length];
    private final long[] dropped = new long[REASONS.length];
    private final Map<Integer, Long> errorResponses = new TreeMap<>();

    /** Allocations that exist now. */
    public int liveAllocations() {
        return liveAllocations;
    }

    /** The most allocations that existed at once. */
    public int peakLiveAllocations() {
        return peakLiveAllocations;
    }

    /** Allocations ever created (successful Allocate requests). */
    public long allocationsCreated() {
        return allocationsCreated;
    }

    /** Allocations removed because their lifetime ran out. */
    public long allocationsExpired() {
        return allocationsExpired;
    }

    /** Allocations removed by a Refresh with LIFETIME 0. */
    public long allocationsDeleted() {
        return allocationsDeleted;
    }

    /** Allocations that vanished with a crash of the server. */
    public long allocationsLostInCrashes() {
        return allocationsLostInCrashes;
    }

    public long relayedPackets(RelayDirection direction) {
        return relayedPackets[direction.ordinal()];
    }

    public long relayedBytes(RelayDirection direction) {
        return relayedBytes[direction.ordinal()];
    }

    /** Relayed packets of both directions. */
    public long relayedPackets() {
        return relayedPackets[0] + relayedPackets[1];
    }

    /** Relayed payload bytes of both directions. */
    public long relayedBytes() {
        return relayedBytes[0] + relayedBytes[1];
    }

    public long dropped(TurnDropReason reason) {
        return dropped[reason.ordinal()];
    }

    /** Error responses sent with {@code code}. */
    public long errorResponses(int code) {
        return errorResponses.getOrDefault(code, 0L);
    }

    /** Error responses sent, by code, in ascending code order. */
    public Map<Integer, Long> errorResponses() {
        return Collections.unmodifiableMap(errorResponses);
    }

    @Override
    public String toString() {
        return "live=" + liveAllocations + " created=" + allocationsCreated + " relayed=" + relayedPackets() + " packets/"
                + relayedBytes() + " bytes errors=" + errorResponses;
    }

    void allocationCreated() {
        allocationsCreated++;
        liveAllocations++;
        peakLiveAllocations = Math.max(peakLiveAllocations, liveAllocations);
    }

    void allocationExpired() {
        allocationsExpired++;
        liveAllocations--;
    }

    void allocationDeleted() {
        allocationsDeleted++;
        liveAllocations--;
    }

    void allocationsLostInCrash(int count) {
        allocationsLostInCrashes += count;
        liveAllocations -= count;
    }

    void relayed(RelayDirection direction, int packets, int payloadBytes) {
        relayedPackets[direction.ordinal()] += packets;
        relayedBytes[direction.ordinal()] += payloadBytes;
    }

    void drop(TurnDropReason reason) {
        dropped[reason.ordinal()]++;
    }

    void errorResponse(int code) {
        errorResponses.merge(code, 1L, Long::sum);
    }
}
