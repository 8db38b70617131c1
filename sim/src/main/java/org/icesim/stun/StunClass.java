package org.icesim.stun;

/**
 * The class of a STUN message (RFC 8489 §5): the two class bits C1 C0 of the message type.
 */
public enum StunClass {
    REQUEST(0b00),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11),
    INDICATION(0b01);

    private static final StunClass[] BY_BITS = {REQUEST, INDICATION, SUCCESS_RESPONSE, ERROR_RESPONSE};

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** The class as the two-bit number C1 C0 (request 0b00, indication 0b01, success 0b10, error 0b11). */
    public int bits() {
        return bits;
    }

    /** The class whose C1 C0 bits are {@code bits} (0..3). */
    public static StunClass fromBits(int bits) {
        if (bits < 0 || bits > 3) {
            throw new IllegalArgumentException("STUN class bits must be in 0..3, was " + bits);
        }
        return BY_BITS[bits];
    }

    public boolean isResponse() {
        return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
    }
}
