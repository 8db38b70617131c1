package org.icesim.icenet;

import java.util.List;
import java.util.function.Consumer;
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
 * TURN client expects) is dropped, and everything else is data.
 */
final class HostSocket implements LocalEndpoint, DatagramHandler {

    private final GatheringSession session;
    private final GatheringContext context;
    private final NetworkInterface networkInterface;
    private final UdpSocket socket;
    private final TransportAddress base;
    private final StunClientTransactions gathering;

    HostSocket(GatheringSession session, GatheringContext context, NetworkInterface networkInterface,
            StunTransactionConfig transactions) {
        this.session = session;
        this.context = context;
        this.networkInterface = networkInterface;
        this.socket = context.host().openUdp(networkInterface.name(), 0, this);
        this.base = socket.localAddress();
        this.gathering = new StunClientTransactions(context.scheduler(), transactions, Delivery.UNRELIABLE,
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

    /** Cancels the Binding transactions still running (no outcome is reported for them); returns how many. */
    int stopGathering() {
        int running = gathering.runningCount();
        gathering.cancelAll();
        return running;
    }

    void close() {
        stopGathering();
        socket.close();
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
            if (!gathering.onResponse(from, message)) {
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
        session.gatheringStopped(stopGathering());
    }
}
