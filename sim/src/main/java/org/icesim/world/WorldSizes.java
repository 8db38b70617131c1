package org.icesim.world;

/**
 * What one run's world holds at an instant: the tables that a long call must keep bounded, summed
 * over all NATs, servers and peers.
 *
 * @param eventsRun         events the simulator has run so far
 * @param pendingEvents     events waiting in the simulator's queue
 * @param natMappings       NAT mappings in memory, expired or not
 * @param turnAllocations   allocations on the TURN servers
 * @param turnPermissions   permissions in those allocations, expired or not
 * @param turnChannels      channel bindings in those allocations, expired or not
 * @param udpSockets        UDP sockets open on all hosts
 * @param tcpConnections    TCP connections on the servers (signaling, TURN over TCP)
 * @param iceSessions       gathering sessions (ICE generations) the peers keep
 * @param iceEndpoints      local endpoints the peers' transports route for
 * @param remoteGenerations remote ICE generations the peers remember
 * @param candidatePairs    candidate pairs in the peers' check lists
 * @param mediaPackets      media packets the peers received so far (a counter: the media metrics
 *                          are folded as packets arrive, nothing is kept per packet)
 * @param recordedEvents    events the recorder kept for the metrics and events.csv
 */
public record WorldSizes(long timeNanos, long eventsRun, int pendingEvents, int natMappings, int turnAllocations,
        int turnPermissions, int turnChannels, int udpSockets, int tcpConnections, int iceSessions, int iceEndpoints,
        int remoteGenerations, int candidatePairs, long mediaPackets, int recordedEvents) {
}
