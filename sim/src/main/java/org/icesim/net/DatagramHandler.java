package org.icesim.net;

/** The owner of a {@link UdpSocket}: receives its datagrams, and hears when the host closes it. */
@FunctionalInterface
public interface DatagramHandler {

    /** A datagram arrived on {@code socket} from {@code from} (the source as it reached this host). */
    void onDatagram(UdpSocket socket, TransportAddress from, Payload payload);

    /**
     * The host closed {@code socket} because its interface was removed. Not called when the owner
     * closes the socket itself.
     */
    default void onClosed(UdpSocket socket) {
    }
}
