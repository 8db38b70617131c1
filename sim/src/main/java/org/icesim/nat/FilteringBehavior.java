package org.icesim.nat;

import org.icesim.net.TransportAddress;

/**
 * Which outside endpoints may send through an existing mapping (RFC 4787 §5). Scenario files
 * spell the constants in kebab-case, e.g. {@code address-dependent}.
 */
public enum FilteringBehavior {
    /** Any outside endpoint may use the mapping once it exists. */
    ENDPOINT_INDEPENDENT,
    /** Only IPs the internal endpoint has sent to through the mapping (any port of theirs). */
    ADDRESS_DEPENDENT,
    /** Only the exact IP:port pairs the internal endpoint has sent to through the mapping. */
    ADDRESS_AND_PORT_DEPENDENT;

    /** Parses {@code endpoint-independent}, {@code address-dependent} or {@code address-and-port-dependent}. */
    public static FilteringBehavior parse(String text) {
        return KebabNames.parse("NAT filtering behaviour", values(), text);
    }

    /** The name as written in scenario files. */
    public String kebabName() {
        return KebabNames.of(this);
    }

    /**
     * The part of a remote endpoint the filter remembers and checks: nothing under EIF
     * ({@code null}: no state is kept), its IP under ADF, its IP:port under APDF.
     */
    Object permissionKey(TransportAddress remote) {
        return switch (this) {
            case ENDPOINT_INDEPENDENT -> null;
            case ADDRESS_DEPENDENT -> remote.ip();
            case ADDRESS_AND_PORT_DEPENDENT -> remote;
        };
    }
}
