package org.icesim.stun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The HMAC key that MESSAGE-INTEGRITY (and MESSAGE-INTEGRITY-SHA256) are computed with. Built
 * once per credential, not per message, so a model message can name its key without hashing.
 * Two keys are equal when their bytes are equal; a simulated receiver checks integrity by
 * comparing the key a message names with the key it expects.
 */
public final class StunKey {

    /**
     * The key of a MESSAGE-INTEGRITY read from the wire: the decoder cannot know which key the
     * sender used, so it names none. A message naming it cannot be encoded; check the received
     * bytes with {@code StunCodec.verifyIntegrity} instead.
     */
    public static final StunKey UNKNOWN = new StunKey(new byte[0]);

    private final byte[] bytes;
    private final int hash;

    private StunKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A key of the given bytes (copied); at least one byte, the empty key being {@link #UNKNOWN}. */
    public static StunKey of(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("key bytes must not be empty");
        }
        return new StunKey(bytes.clone());
    }

    /**
     * The short-term credential key: the password itself in UTF-8 (RFC 8489 §9.1.1; ICE uses the
     * peer's ice-pwd, RFC 8445 §7.2.2). OpaqueString preparation leaves ASCII passwords unchanged.
     */
    public static StunKey shortTerm(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("short-term password must not be empty");
        }
        return new StunKey(password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The long-term credential key with the default MD5 algorithm:
     * MD5(username ":" realm ":" password) (RFC 8489 §9.2.2; TURN uses it, RFC 8656 §5).
     */
    public static StunKey longTerm(String username, String realm, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] input = (username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8);
            return new StunKey(md5.digest(input));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 (java.security.MessageDigest contract).
            throw new IllegalStateException("MD5 is not available on this Java platform", e);
        }
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The key bytes for the codec, not copied; callers must not change them. */
    byte[] rawBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StunKey key && hash == key.hash && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Shows a short prefix only: keys are secrets even in a simulator's logs. */
    @Override
    public String toString() {
        if (this == UNKNOWN) {
            return "StunKey[unknown]";
        }
        String hex = HexFormat.of().formatHex(bytes);
        return "StunKey[" + (hex.length() > 8 ? hex.substring(0, 8) + "…" : hex) + "]";
    }
}
