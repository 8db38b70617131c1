package org.icesim.nat;

import org.icesim.net.TransportAddress;

/**
 * Which outbound packets of one internal endpoint share an external address (RFC 4787 §4.1).
 * Scenario files spell the constants in kebab-case, e.g. {@code endpoint-independent}.
 */
public enum MappingBehavior {
    /** One external address for every destination (RFC 4787 §4.1; REQ-1 makes this a MUST). */
    ENDPOINT_INDEPENDENT,
    /** The external address is reused only toward the same destination IP, whatever its port. */
    ADDRESS_DEPENDENT,
    /** The external address is reused only toward the same destination IP and port. */
    ADDRESS_AND_PORT_DEPENDENT;

    /** Parses {@code endpoint-independent}, {@code address-dependent} or {@code address-and-port-dependent}. */
    public static MappingBehavior parse(String text) {
        return KebabNames.parse("NAT mapping behaviour", values(), text);
    }

    /** The name as written in scenario files. */
    public String kebabName() {
        return KebabNames.of(this);
    }

    /**
     * The part of a destination that selects the mapping: nothing for EIM (so {@code null}, one
     * mapping per internal endpoint), the IP for ADM, the whole IP:port for APDM. Returning parts
     * of the packet's own address keeps the per-packet lookup free of allocation.
     */
    Object selector(TransportAddress destination) {
        return switch (this) {
            case ENDPOINT_INDEPENDENT -> null;
            case ADDRESS_DEPENDENT -> destination.ip();
            case ADDRESS_AND_PORT_DEPENDENT -> destination;
        };
    }
}
