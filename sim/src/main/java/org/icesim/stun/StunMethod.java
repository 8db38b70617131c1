package org.icesim.stun;

import java.util.Optional;

/**
 * The STUN methods icesim speaks, with their 12-bit codes: Binding from RFC 8489 §18.2, the TURN
 * methods from RFC 8656 §17.
 */
public enum StunMethod {
    BINDING(0x001),
    ALLOCATE(0x003),
    REFRESH(0x004),
    SEND(0x006),
    DATA(0x007),
    CREATE_PERMISSION(0x008),
    CHANNEL_BIND(0x009);

    private static final StunMethod[] VALUES = values();

    private final int code;

    StunMethod(int code) {
        this.code = code;
    }

    /** The 12-bit method number. */
    public int code() {
        return code;
    }

    /** The method numbered {@code code}, or empty if icesim does not know it. */
    public static Optional<StunMethod> fromCode(int code) {
        for (StunMethod method : VALUES) {
            if (method.code == code) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
