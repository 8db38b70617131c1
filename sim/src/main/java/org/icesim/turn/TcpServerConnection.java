package org.icesim.turn;

import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.net.Host;
import org.icesim.net.InterfaceListener;
import org.icesim.net.NetworkInterface;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TcpCloseReason;
import org.icesim.net.tcp.TcpConnection;
import org.icesim.net.tcp.TcpListener;
import org.icesim.net.tcp.TcpStack;
import org.icesim.net.tcp.TlsVersion;

/**
 * The path to a TURN server over one TCP connection, with or without TLS (RFC 8656 §3.1): open
 * once the handshakes are done, ChannelData padded to 4 bytes on the stream.
 */
final class TcpServerConnection implements ServerConnection, TcpListener, InterfaceListener {

    private final Host host;
    private final TcpStack stack;
    private final String interfaceName;
    private final TransportAddress server;
    private final TurnTransport transport;
    private final TlsVersion tls;
    private int nextPort;
    private TcpConnection connection;
    private NetworkInterface via;
    private Events events;

    /** {@code firstPort} 0 starts at a port drawn from {@code random} in the ephemeral range. */
    TcpServerConnection(Host host, TcpStack stack, String interfaceName, int firstPort, TransportAddress server,
            TurnTransport transport, TlsVersion tls, RandomGenerator random) {
        this.host = host;
        this.stack = stack;
        this.interfaceName = interfaceName;
        this.server = server;
        this.transport = transport;
        this.tls = tls;
        this.nextPort = firstPort != 0 ? firstPort
                : Host.EPHEMERAL_FIRST + random.nextInt(Host.EPHEMERAL_LAST - Host.EPHEMERAL_FIRST + 1);
    }

    @Override
    public void open(Events newEvents) {
        events = newEvents;
        host.addInterfaceListener(this);
        connect();
    }

    @Override
    public void reopen() {
        TcpConnection previous = connection;
        connection = null;
        previous.close();
        connect();
    }

    @Override
    public void send(Payload payload) {
        if (connection != null && connection.isConnected()) {
            connection.send(ChannelDataOverStream.framed(payload));
        }
    }

    @Override
    public void close() {
        host.removeInterfaceListener(this);
        if (connection != null) {
            TcpConnection closing = connection;
            connection = null;
            closing.close();
        }
    }

    @Override
    public TransportAddress localAddress() {
        return connection == null ? null : connection.localAddress();
    }

    @Override
    public TurnTransport transport() {
        return transport;
    }

    @Override
    public void onConnected(TcpConnection connected) {
        if (connected == connection) {
            events.onOpen();
        }
    }

    @Override
    public void onMessage(TcpConnection from, Payload message) {
        if (from == connection) {
            events.onReceive(ChannelDataOverStream.unframed(message));
        }
    }

    @Override
    public void onClosed(TcpConnection closed, TcpCloseReason reason) {
        if (closed == connection) {
            connection = null;
            events.onLost();
        }
    }

    @Override
    public void interfaceAdded(NetworkInterface added) {
    }

    @Override
    public void interfaceRemoved(NetworkInterface removed) {
        if (removed == via && connection != null) {
            // The system tears down the sockets of a vanished interface at once.
            connection.abort();
        }
    }

    private void connect() {
        via = host.findInterface(interfaceName)
                .orElseThrow(() -> new IllegalStateException(host + " has no interface '" + interfaceName + "'"));
        TransportAddress local = new TransportAddress(via.address(), nextPort);
        nextPort = nextPort == Host.EPHEMERAL_LAST ? Host.EPHEMERAL_FIRST : nextPort + 1;
        connection = stack.connect(local, server, tls, this);
    }
}
