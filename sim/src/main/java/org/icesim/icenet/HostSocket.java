package org.icesim.icenet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.icesim.kernel.Timer;
import org.icesim.net.DatagramHandler;
import org.icesim.net.NetworkInterface;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.stun.ChannelData;
import org.icesim.stun.StunClientTransactions;
import org.icesim.stun.StunClientTransactions.Delivery;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.StunOutcome;
import org.icesim.stun.StunTransactionConfig;
import org.icesim.stun.TransactionId;

/**
 * The UDP socket of one host candidate (RFC 8445 §5.1.1.1). Its server-reflexive candidates are
 * learnt through it with STUN Binding transactions (RFC 8489 §6.2.1 retransmissions), checks and
 * media are sent from it, and what arrives is sorted: a response to one of its Binding requests
 * ends that transaction, any other STUN message goes to the ICE agent, ChannelData (which only a
 * TURN client expects) is dropped, and everything else is data. A learnt server-reflexive
 * binding is kept alive with further Binding requests at the profile's
 * {@link org.icesim.ice.IceProfile#srflxKeepaliveInterval() interval} (RFC 8445 §5.1.1.4).
 */
final class HostSocket implements LocalEndpoint, DatagramHandler {

    private final GatheringSession session;
    private final GatheringContext context;
    private final NetworkInterface networkInterface;
    private final UdpSocket socket;
    private final TransportAddress base;
    private final StunClientTransactions gathering;
    /** Keepalive Binding transactions, apart from gathering's so that they never count as gathering. */
    private final StunClientTransactions keepalives;
    /** The pending keepalive per STUN server, in the order the bindings were learnt. */
    private final Map<TransportAddress, Timer> keepaliveTimers = new LinkedHashMap<>();

    HostSocket(GatheringSession session, GatheringContext context, NetworkInterface networkInterface,
            StunTransactionConfig transactions) {
        this.session = session;
        this.context = context;
        this.networkInterface = networkInterface;
        this.socket = context.host().openUdp(networkInterface.name(), 0, this);
        this.base = socket.localAddress();
        this.gathering = new StunClientTransactions(context.scheduler(), transactions, Delivery.UNRELIABLE,
                (destination, message) -> send(destination, message));
        this.keepalives = new StunClientTransactions(context.scheduler(), transactions, Delivery.UNRELIABLE,
                (destination, message) -> send(destination, message));
    }

    TransportAddress base() {
        return base;
    }

    /** Sends a Binding request to a STUN server (RFC 8489 §6.2); the outcome carries XOR-MAPPED-ADDRESS. */
    void requestMapping(TransportAddress server, Consumer<StunOutcome> handler) {
        gathering.send(server, StunMessage.request(StunMethod.BINDING, TransactionId.random(context.random()), List.of()),
                handler);
    }

    /**
     * Keeps the binding behind {@code server} alive: a Binding request one keepalive interval from
     * now, and the next one an interval after it is answered or given up (libwebrtc stun_port.cc
     * StunBindingRequest::OnResponse, OnTimeout), while the socket is open. Nothing with an interval of 0.
     */
    void keepMappingAlive(TransportAddress server) {
        long interval = context.profile().srflxKeepaliveInterval();
        if (interval == 0 || socket.isClosed()) {
            return;
        }
        keepaliveTimers.put(server, context.scheduler().schedule(interval, () -> keepalives.send(server,
                StunMessage.request(StunMethod.BINDING, TransactionId.random(context.random()), List.of()),
                outcome -> keepMappingAlive(server))));
    }

    /** Cancels the Binding transactions still running (no outcome is reported for them); returns how many. */
    int stopGathering() {
        int running = gathering.runningCount();
        gathering.cancelAll();
        return running;
    }

    void close() {
        stopGathering();
        stopKeepalives();
        socket.close();
    }

    private void stopKeepalives() {
        for (Timer timer : keepaliveTimers.values()) {
            timer.cancel();
        }
        keepaliveTimers.clear();
        keepalives.cancelAll();
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
        if (socket.isClosed()) {
            return false;
        }
        socket.send(remote, payload);
        return true;
    }

    @Override
    public void onDatagram(UdpSocket on, TransportAddress from, Payload payload) {
        NetworkIceTransport owner = session.owner();
        if (payload instanceof StunMessage message) {
            if (!gathering.onResponse(from, message) && !keepalives.onResponse(from, message)) {
                owner.stunArrived(base, from, message);
            }
        } else if (payload instanceof ChannelData) {
            owner.datagramDropped();
        } else {
            owner.dataArrived(base, from, payload);
        }
    }

    /** The host closed the socket (its interface went away): its Binding transactions can no longer finish. */
    @Override
    public void onClosed(UdpSocket closed) {
        stopKeepalives();
        session.gatheringStopped(stopGathering());
    }
}
