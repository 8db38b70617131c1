package org.icesim.net;

import java.util.Objects;

/**
 * An IPv4 datagram in flight. Immutable: a NAT that rewrites an address makes a new packet.
 *
 * <p>A value like a record, but it works out its wire size once when built: links, routers, hosts
 * and counters all ask for it on every hop, and the payload's size is a call on one of many
 * payload types (a STUN message sums its attributes).
 */
public final class Packet {

    private final Protocol protocol;
    private final TransportAddress source;
    private final TransportAddress destination;
    private final Payload payload;
    private final int wireSize;

    /**
     * @param protocol    the transport protocol
     * @param source      source address and port as currently written in the headers
     * @param destination destination address and port as currently written in the headers
     * @param payload     what the transport carries
     */
    public Packet(Protocol protocol, TransportAddress source, TransportAddress destination, Payload payload) {
        this(protocol, source, destination, payload,
                Protocol.IPV4_HEADER_BYTES + protocol.headerBytes() + payload.size());
    }

    private Packet(Protocol protocol, TransportAddress source, TransportAddress destination, Payload payload, int wireSize) {
        this.protocol = protocol;
        this.source = source;
        this.destination = destination;
        this.payload = payload;
        this.wireSize = wireSize;
    }

    public Protocol protocol() {
        return protocol;
    }

    public TransportAddress source() {
        return source;
    }

    public TransportAddress destination() {
        return destination;
    }

    public Payload payload() {
        return payload;
    }

    /** The size of the whole datagram on the wire: IPv4 header, transport header and payload. */
    public int wireSize() {
        return wireSize;
    }

    public Packet withSource(TransportAddress newSource) {
        return new Packet(protocol, newSource, destination, payload, wireSize);
    }

    public Packet withDestination(TransportAddress newDestination) {
        return new Packet(protocol, source, newDestination, payload, wireSize);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Packet p && protocol == p.protocol && Objects.equals(source, p.source)
                && Objects.equals(destination, p.destination) && Objects.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, source, destination, payload);
    }

    @Override
    public String toString() {
        return protocol + " " + source + " -> " + destination + " (" + wireSize + " B, " + payload + ")";
    }
}
