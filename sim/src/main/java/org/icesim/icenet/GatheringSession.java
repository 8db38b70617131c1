package org.icesim.icenet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.icesim.ice.Candidates;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceProfile;
import org.icesim.ice.Priorities;
import org.icesim.ice.TypePreferences;
import org.icesim.net.NetworkInterface;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunOutcome;
import org.icesim.stun.StunTransactionConfig;
import org.icesim.webrtc.IceTransportPolicy;

/**
 * The gathering of one local ICE generation, and the sockets and allocations it owns (libwebrtc
 * makes one port-allocator session per generation in the same way). On each interface it opens a
 * UDP socket (host candidate, RFC 8445 §5.1.1.1), asks every STUN server for the socket's mapping
 * (server-reflexive candidate, §5.1.1.2) and makes an allocation on every TURN server (relayed
 * candidate); with the {@link IceTransportPolicy#RELAY relay} policy only the allocations.
 * Candidates are handed to the transport as they appear; gathering is over when every Binding
 * transaction and allocation has succeeded, failed or timed out.
 *
 * <p>Local preference (RFC 8445 §5.1.2.1) is {@link Priorities#localPreference} of the order in
 * which this session gathered on the interface and the server's rank in {@link IceServers}.
 * Gathering transactions are all sent at once rather than paced at Ta; they are retransmitted on
 * the profile's schedules ({@link IceProfile#srflxTransactions()}, {@link IceProfile#turnTransactions()}).
 * Allocations start {@link IceProfile#relayGatheringDelay()} after the interface's host and
 * server-reflexive gathering (libwebrtc's allocation phases).
 */
final class GatheringSession {

    final int generation;
    final IceCredentials credentials;
    private final NetworkIceTransport owner;
    private final GatheringContext context;
    private final List<HostSocket> sockets = new ArrayList<>();
    private final List<RelayAllocation> relays = new ArrayList<>();
    /** The remote generation this one is paired with (an applied answer); null until then. */
    IceCredentials remote;
    boolean endOfCandidatesSignalled;
    boolean completionRecorded;
    /** Gathering transactions and allocations not finished yet. */
    private int pending;
    /** Interfaces gathered on so far: the next one's network index. */
    private int networks;
    private boolean starting;
    private boolean stopped;
    private boolean closed;

    GatheringSession(NetworkIceTransport owner, GatheringContext context, int generation, IceCredentials credentials) {
        this.owner = owner;
        this.context = context;
        this.generation = generation;
        this.credentials = credentials;
    }

    NetworkIceTransport owner() {
        return owner;
    }

    /** Gathers on every interface in {@code interfaces}, in their order of preference. */
    void start(List<NetworkInterface> interfaces) {
        starting = true;
        for (NetworkInterface networkInterface : interfaces) {
            gatherOn(networkInterface, interfaces.size());
        }
        starting = false;
        checkDone();
    }

    /** Gathers on an interface that appeared after the start (continual gathering). */
    void gatherOnAdded(NetworkInterface networkInterface) {
        if (!stopped) {
            gatherOn(networkInterface, 1);
            checkDone();
        }
    }

    /** Whether some gathering transaction or allocation is still running. */
    boolean isGathering() {
        return !stopped && (starting || pending > 0);
    }

    /**
     * No more candidates for this generation (a newer one took over): Binding transactions are
     * cancelled and allocations still being made are closed. What was gathered stays open, as the
     * generation may still carry data (RFC 8445 §12.1).
     */
    void stopGathering() {
        stopped = true;
        for (HostSocket socket : sockets) {
            socket.stopGathering();
        }
        for (RelayAllocation relay : relays) {
            if (relay.stage() == RelayAllocation.Stage.PENDING) {
                relay.close();
            }
        }
        pending = 0;
    }

    /** Closes every socket and allocation (TURN Refresh with LIFETIME 0, RFC 8656 §7.3). */
    void close() {
        if (closed) {
            return;
        }
        stopped = true;
        closed = true;
        for (HostSocket socket : sockets) {
            socket.close();
            owner.unregister(socket.base());
        }
        for (RelayAllocation relay : relays) {
            if (relay.close() == RelayAllocation.Stage.ALLOCATED) {
                owner.unregister(relay.relayed());
            }
        }
        sockets.clear();
        relays.clear();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Forgets what this session had on a removed interface (its sockets are already closed) and
     * adds the bases that were candidates' bases to {@code lostBases}.
     */
    void dropInterface(NetworkInterface gone, List<TransportAddress> lostBases) {
        for (Iterator<HostSocket> it = sockets.iterator(); it.hasNext();) {
            HostSocket socket = it.next();
            if (socket.networkInterface() == gone) {
                it.remove();
                pending -= socket.stopGathering();
                owner.unregister(socket.base());
                lostBases.add(socket.base());
            }
        }
        for (Iterator<RelayAllocation> it = relays.iterator(); it.hasNext();) {
            RelayAllocation relay = it.next();
            if (relay.networkInterface() == gone) {
                it.remove();
                RelayAllocation.Stage before = relay.close();
                if (before == RelayAllocation.Stage.PENDING && !stopped) {
                    pending--;
                } else if (before == RelayAllocation.Stage.ALLOCATED) {
                    owner.unregister(relay.relayed());
                    lostBases.add(relay.relayed());
                }
            }
        }
        checkDone();
    }

    /** The bases this session still holds, host sockets first, in the order they were opened. */
    void collectBases(List<TransportAddress> into) {
        for (HostSocket socket : sockets) {
            into.add(socket.base());
        }
        for (RelayAllocation relay : relays) {
            if (relay.stage() == RelayAllocation.Stage.ALLOCATED) {
                into.add(relay.relayed());
            }
        }
    }

    // ---- reports from the endpoints

    /** A host socket's Binding transactions ended unfinished ({@code cancelled} of them). */
    void gatheringStopped(int cancelled) {
        if (!stopped) {
            pending -= cancelled;
            checkDone();
        }
    }

    void relayAllocated(RelayAllocation relay) {
        pending--;
        owner.allocationMade();
        owner.register(relay.relayed(), relay);
        IceProfile profile = context.profile();
        owner.candidateGathered(this, Candidates.relayed(relay.relayed(), relay.networkInterface().address(),
                relay.server().address().ip(), relay.protocolToServer(),
                Priorities.localPreference(relay.networkIndex(), relay.serverIndex()), profile.typePreferences()),
                relay.mapped());
        checkDone();
    }

    /** The allocation failed (or its path to the server broke) while at {@code stage}. */
    void relayEnded(RelayAllocation relay, RelayAllocation.Stage stage) {
        if (stage == RelayAllocation.Stage.PENDING) {
            if (!stopped) {
                pending--;
                checkDone();
            }
        } else if (stage == RelayAllocation.Stage.ALLOCATED) {
            owner.unregister(relay.relayed());
            owner.basesLost(List.of(relay.relayed()));
        }
    }

    // ---- gathering

    private void gatherOn(NetworkInterface networkInterface, int interfacesGathering) {
        int networkIndex = Math.min(networks++, Priorities.MAX_NETWORK_INDEX);
        IceServers servers = context.servers();
        TypePreferences preferences = context.profile().typePreferences();
        if (context.policy() == IceTransportPolicy.ALL) {
            HostSocket socket = new HostSocket(this, context, networkInterface, gatheringTransactions(interfacesGathering));
            sockets.add(socket);
            owner.register(socket.base(), socket);
            owner.candidateGathered(this, Candidates.host(socket.base(), Priorities.localPreference(networkIndex, 0),
                    preferences), null);
            for (int i = 0; i < servers.stun().size(); i++) {
                TransportAddress server = servers.stun().get(i);
                int localPreference = Priorities.localPreference(networkIndex, i);
                pending++;
                socket.requestMapping(server, outcome -> mappingOutcome(socket, server, localPreference, outcome));
            }
        }
        for (int j = 0; j < servers.turn().size(); j++) {
            RelayAllocation relay = new RelayAllocation(this, context, networkInterface, networkIndex, j,
                    servers.turn().get(j), context.profile().turnTransactions()
                            .schedule(context.profile().checkInterval(), candidatesGathered(interfacesGathering)));
            relays.add(relay);
            pending++;
            long delay = context.profile().relayGatheringDelay();
            if (delay == 0) {
                relay.start();
            } else {
                // libwebrtc's relay phase follows the UDP phase one allocation step later; a session
                // stopped or an interface lost meanwhile has closed the allocation, which then never starts.
                context.scheduler().schedule(delay, () -> {
                    if (relay.stage() == RelayAllocation.Stage.PENDING) {
                        relay.start();
                    }
                });
            }
        }
    }

    /** The Binding transactions' schedule on a socket of this session. */
    private StunTransactionConfig gatheringTransactions(int interfacesGathering) {
        return context.profile().srflxTransactions().schedule(context.profile().checkInterval(),
                candidatesGathered(interfacesGathering));
    }

    /** RFC 8445 §14.3's Num-Of-Cands: the server-reflexive and relayed candidates gathered together. */
    private long candidatesGathered(int interfacesGathering) {
        IceServers servers = context.servers();
        return (long) interfacesGathering * (servers.stun().size() + servers.turn().size());
    }

    /** A Binding transaction ended: on success its XOR-MAPPED-ADDRESS is a server-reflexive candidate. */
    private void mappingOutcome(HostSocket socket, TransportAddress server, int localPreference, StunOutcome outcome) {
        if (stopped) {
            return;
        }
        pending--;
        if (outcome instanceof StunOutcome.Success success) {
            success.response().attribute(XorMappedAddress.class).ifPresent(mapped -> {
                owner.candidateGathered(this, Candidates.serverReflexive(mapped.address(), socket.base(), server.ip(),
                        localPreference, context.profile().typePreferences()), socket.base());
                socket.keepMappingAlive(server);
            });
        }
        checkDone();
    }

    private void checkDone() {
        if (!stopped && !starting && pending == 0) {
            owner.gatheringFinished(this);
        }
    }
}
