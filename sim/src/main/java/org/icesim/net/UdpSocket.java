package org.icesim.net;

/** A UDP socket bound to one interface's address and a port. Opened by {@link Host#openUdp}. */
public final class UdpSocket {

    private final NetworkInterface networkInterface;
    private final TransportAddress localAddress;
    private final DatagramHandler handler;
    private boolean closed;

    UdpSocket(NetworkInterface networkInterface, TransportAddress localAddress, DatagramHandler handler) {
        this.networkInterface = networkInterface;
        this.localAddress = localAddress;
        this.handler = handler;
    }

    /** Sends {@code payload} to {@code to}, from this socket's address, out of its interface. */
    public void send(TransportAddress to, Payload payload) {
        if (closed) {
            throw new IllegalStateException("cannot send on closed socket " + this);
        }
        Check.notNull("to", to);
        Check.notNull("payload", payload);
        networkInterface.host().transmit(networkInterface, new Packet(Protocol.UDP, localAddress, to, payload));
    }

    /** Closes the socket and frees its port. Closing twice is harmless. */
    public void close() {
        if (!closed) {
            networkInterface.host().release(this);
        }
    }

    public TransportAddress localAddress() {
        return localAddress;
    }

    public NetworkInterface networkInterface() {
        return networkInterface;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "udp " + localAddress + " on " + networkInterface.host().name() + "/" + networkInterface.name()
                + (closed ? " (closed)" : "");
    }

    DatagramHandler handler() {
        return handler;
    }

    void markClosed() {
        closed = true;
    }
}
