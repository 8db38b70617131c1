package org.icesim.turn;

import org.icesim.net.DatagramHandler;
import org.icesim.net.Host;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;

/** The path to a TURN server over UDP: one socket, datagrams to and from the server's address only. */
final class UdpServerConnection implements ServerConnection, DatagramHandler {

    private final Host host;
    private final String interfaceName;
    private final int firstPort;
    private final TransportAddress server;
    private UdpSocket socket;
    private Events events;

    UdpServerConnection(Host host, String interfaceName, int firstPort, TransportAddress server) {
        this.host = host;
        this.interfaceName = interfaceName;
        this.firstPort = firstPort;
        this.server = server;
    }

    @Override
    public void open(Events newEvents) {
        events = newEvents;
        socket = host.openUdp(interfaceName, firstPort, this);
        events.onOpen();
    }

    @Override
    public void reopen() {
        // Open the new socket before closing the old one, so that the port really changes.
        UdpSocket previous = socket;
        socket = host.openUdp(interfaceName, 0, this);
        previous.close();
        events.onOpen();
    }

    @Override
    public void send(Payload payload) {
        if (socket != null && !socket.isClosed()) {
            socket.send(server, payload);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    public TransportAddress localAddress() {
        return socket == null ? null : socket.localAddress();
    }

    @Override
    public TurnTransport transport() {
        return TurnTransport.UDP;
    }

    @Override
    public void onDatagram(UdpSocket on, TransportAddress from, Payload payload) {
        if (on == socket && from.equals(server)) {
            events.onReceive(payload);
        }
    }

    @Override
    public void onClosed(UdpSocket closed) {
        if (closed == socket) {
            events.onLost();
        }
    }
}
