package org.icesim.stun;

import java.util.Optional;
import org.icesim.stun.StunAttribute.Software;

/**
 * What a STUN server adds to its Binding responses besides XOR-MAPPED-ADDRESS.
 *
 * @param software    a SOFTWARE attribute (RFC 8489 §14.14), if any
 * @param fingerprint whether to end each response with FINGERPRINT (RFC 8489 §14.7)
 */
public record StunServerOptions(Optional<Software> software, boolean fingerprint) {

    /** XOR-MAPPED-ADDRESS only: a 32-byte response. */
    public static final StunServerOptions MINIMAL = new StunServerOptions(Optional.empty(), false);

    public StunServerOptions {
        if (software == null) {
            throw new IllegalArgumentException("software must not be null (use Optional.empty())");
        }
    }
}
