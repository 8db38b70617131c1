package org.icesim.net;

/** A test payload of a given size that carries a sequence number, so tests can tell packets apart. */
record Numbered(int seq, int size) implements Payload {

    /** The UDP payload size that makes a datagram of {@code wireBytes} on the wire. */
    static int udpPayloadFor(int wireBytes) {
        return wireBytes - Protocol.IPV4_HEADER_BYTES - Protocol.UDP.headerBytes();
    }

    static Packet udp(int seq, int wireBytes) {
        return new Packet(Protocol.UDP, TransportAddress.of("192.0.2.1", 5000), TransportAddress.of("198.51.100.1", 6000),
                new Numbered(seq, udpPayloadFor(wireBytes)));
    }
}
