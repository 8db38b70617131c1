package org.icesim.nat;

/**
 * How a NAT picks the external port of a new mapping (RFC 4787 §4.2). Scenario files spell the
 * constants in kebab-case, e.g. {@code preserving}.
 */
public enum PortAllocation {
    /**
     * Keep the internal port when it lies in the port range and is free on the chosen public
     * address (port preservation, allowed but not required by RFC 4787 §4.2). When it is taken or
     * out of range, fall back to {@link #SEQUENTIAL}: the next free port after the last one handed
     * out on that address. This is what Linux netfilter did for years (a per-protocol "rover"
     * searched on from the last port used, before later kernels switched to a random start); it
     * keeps the choice predictable and leaves the random stream untouched, so two runs differing
     * only in a collision still draw the same numbers elsewhere.
     */
    PRESERVING,
    /** The next free port after the last one handed out on that public address, wrapping in the range. */
    SEQUENTIAL,
    /**
     * A uniformly drawn port; when it is taken, the next free one above it (wrapping). The probe
     * makes the draw slightly non-uniform on a crowded pool but always terminates in one pass.
     */
    RANDOM;

    /** Parses {@code preserving}, {@code sequential} or {@code random}. */
    public static PortAllocation parse(String text) {
        return KebabNames.parse("NAT port allocation", values(), text);
    }

    /** The name as written in scenario files. */
    public String kebabName() {
        return KebabNames.of(this);
    }
}
