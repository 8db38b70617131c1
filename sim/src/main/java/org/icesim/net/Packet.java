package org.icesim.net;

/**
 * An IPv4 datagram in flight. Immutable: a NAT that rewrites an address makes a new packet.
 *
 * @param protocol    the transport protocol
 * @param source      source address and port as currently written in the headers
 * @param destination destination address and port as currently written in the headers
 * @param payload     what the transport carries
 */
public record Packet(Protocol protocol, TransportAddress source, TransportAddress destination, Payload payload) {

    /** The size of the whole datagram on the wire: IPv4 header, transport header and payload. */
    public int wireSize() {
        return Protocol.IPV4_HEADER_BYTES + protocol.headerBytes() + payload.size();
    }

    public Packet withSource(TransportAddress newSource) {
        return new Packet(protocol, newSource, destination, payload);
    }

    public Packet withDestination(TransportAddress newDestination) {
        return new Packet(protocol, source, newDestination, payload);
    }

    @Override
    public String toString() {
        return protocol + " " + source + " -> " + destination + " (" + wireSize() + " B, " + payload + ")";
    }
}
