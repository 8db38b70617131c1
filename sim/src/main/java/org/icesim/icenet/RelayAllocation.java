package org.icesim.icenet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.net.Ipv4Address;
import org.icesim.net.NetworkInterface;
import org.icesim.net.Payload;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunTransactionConfig;
import org.icesim.turn.TurnClient;
import org.icesim.turn.TurnClientConfig;
import org.icesim.turn.TurnClientListener;
import org.icesim.turn.TurnFailure;
import org.icesim.turn.TurnTransport;

/**
 * The TURN allocation behind one relayed candidate (RFC 8445 §5.1.1.2, RFC 8656): made from one
 * interface to one TURN server, over UDP or, through the peer's TCP stack, TCP or TLS. Checks and
 * media to a peer go through the server (ChannelData once a channel is bound, a Send indication
 * before); what the server relays back is sorted into STUN for the ICE agent and data.
 */
final class RelayAllocation implements LocalEndpoint, TurnClientListener {

    /** Where the allocation stands, as far as gathering is concerned. */
    enum Stage {
        PENDING,
        ALLOCATED,
        ENDED
    }

    private final GatheringSession session;
    private final NetworkInterface networkInterface;
    private final int networkIndex;
    private final int serverIndex;
    private final IceServers.Turn server;
    private final TurnClient client;
    /** Checks waiting for their permission, by peer IP (RFC 8445 §7.2.1). */
    private final Map<Ipv4Address, List<Runnable>> awaitingPermission = new LinkedHashMap<>();
    private Stage stage = Stage.PENDING;
    private TransportAddress relayed;
    private TransportAddress mapped;

    RelayAllocation(GatheringSession session, GatheringContext context, NetworkInterface networkInterface,
            int networkIndex, int serverIndex, IceServers.Turn server, StunTransactionConfig transactions) {
        this.session = session;
        this.networkInterface = networkInterface;
        this.networkIndex = networkIndex;
        this.serverIndex = serverIndex;
        this.server = server;
        TurnClientConfig config = TurnClientConfig.of(server.address(), server.transport(), server.username(),
                server.password()).withTransactions(transactions);
        this.client = server.transport() == TurnTransport.UDP
                ? TurnClient.overUdp(context.scheduler(), context.host(), networkInterface.name(), 0, config,
                        context.random(), this)
                : TurnClient.overTcp(context.scheduler(), context.host(), context.tcp(), networkInterface.name(), 0,
                        config, context.random(), this);
    }

    /** Sends the first Allocate (after the TCP and TLS handshakes when the transport needs them). */
    void start() {
        client.allocate();
    }

    Stage stage() {
        return stage;
    }

    int networkIndex() {
        return networkIndex;
    }

    int serverIndex() {
        return serverIndex;
    }

    IceServers.Turn server() {
        return server;
    }

    /** The transport to the TURN server, which is part of the relayed candidate's foundation (RFC 8445 §5.1.1.3). */
    Protocol protocolToServer() {
        return server.transport() == TurnTransport.UDP ? Protocol.UDP : Protocol.TCP;
    }

    /** The relayed address (the candidate and its base); null until allocated. */
    TransportAddress relayed() {
        return relayed;
    }

    /** This client's address as the TURN server saw it: the relayed candidate's related address. */
    TransportAddress mapped() {
        return mapped;
    }

    /**
     * Runs {@code ready} once the server holds a permission for {@code peer} (CreatePermission,
     * RFC 8656 §9; RFC 8445 §7.2.1). If the permission cannot be had, {@code ready} runs anyway:
     * the check then leaves, the server drops it, and the pair fails on its own timeout.
     */
    void whenPermitted(Ipv4Address peer, Runnable ready) {
        if (stage != Stage.ALLOCATED || client.hasPermission(peer) || !client.state().isUsable()) {
            ready.run();
            return;
        }
        List<Runnable> waiting = awaitingPermission.get(peer);
        if (waiting == null) {
            waiting = new ArrayList<>(2);
            awaitingPermission.put(peer, waiting);
            waiting.add(ready);
            client.createPermission(peer);
        } else {
            waiting.add(ready);
        }
    }

    /** Binds a channel to {@code peer} so that data to it travels as ChannelData (RFC 8445 §12.1, RFC 8656 §12). */
    void bindChannel(TransportAddress peer) {
        if (client.state().isUsable()) {
            client.bindChannel(peer);
        }
    }

    /** Whether data to {@code peer} travels as ChannelData. */
    boolean isChannelBound(TransportAddress peer) {
        return client.isChannelBound(peer);
    }

    /** Ends the allocation (a Refresh with LIFETIME 0 if it exists, RFC 8656 §7.3); returns the stage it had. */
    Stage close() {
        Stage before = stage;
        stage = Stage.ENDED;
        client.close();
        runAllWaiting();
        return before;
    }

    @Override
    public GatheringSession session() {
        return session;
    }

    @Override
    public NetworkInterface networkInterface() {
        return networkInterface;
    }

    @Override
    public boolean send(TransportAddress remote, Payload payload) {
        return client.send(remote, payload);
    }

    // ---- TurnClientListener

    @Override
    public void onAllocated(TurnClient from, TransportAddress relayedAddress, TransportAddress mappedAddress) {
        if (stage != Stage.PENDING) {
            return;
        }
        stage = Stage.ALLOCATED;
        relayed = relayedAddress;
        mapped = mappedAddress;
        session.relayAllocated(this);
    }

    @Override
    public void onFailed(TurnClient from, TurnFailure failure) {
        Stage before = stage;
        if (before == Stage.ENDED) {
            return;
        }
        stage = Stage.ENDED;
        runAllWaiting();
        session.relayEnded(this, before);
    }

    @Override
    public void onData(TurnClient from, TransportAddress peer, Payload payload) {
        NetworkIceTransport owner = session.owner();
        if (payload instanceof StunMessage message) {
            owner.stunArrived(relayed, peer, message);
        } else {
            owner.dataArrived(relayed, peer, payload);
        }
    }

    @Override
    public void onPermissionCreated(TurnClient from, Ipv4Address peer) {
        runWaiting(peer);
    }

    @Override
    public void onPermissionFailed(TurnClient from, Ipv4Address peer, TurnFailure reason) {
        runWaiting(peer);
    }

    private void runWaiting(Ipv4Address peer) {
        List<Runnable> waiting = awaitingPermission.remove(peer);
        if (waiting != null) {
            for (Runnable ready : waiting) {
                ready.run();
            }
        }
    }

    private void runAllWaiting() {
        for (Ipv4Address peer : new ArrayList<>(awaitingPermission.keySet())) {
            runWaiting(peer);
        }
    }
}
