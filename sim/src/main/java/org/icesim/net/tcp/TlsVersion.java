package org.icesim.net.tcp;

/**
 * Whether a connection runs TLS over its TCP stream, and which version. The handshake is modelled
 * as flights of realistic sizes ({@link TlsFlight}); application messages then travel in
 * AES-GCM records whose overhead is counted on the wire.
 */
public enum TlsVersion {
    /** Plain TCP: messages go on the stream as they are. */
    NONE(0),
    /**
     * TLS 1.2 full handshake, two round trips before application data (RFC 5246 §7.3). An
     * AES-GCM record adds a 5-byte header, an 8-byte explicit nonce and a 16-byte tag
     * (RFC 5246 §6.2.3.3, RFC 5288 §3).
     */
    TLS_1_2(5 + 8 + 16),
    /**
     * TLS 1.3, one round trip before application data (RFC 8446 §2). A record adds a 5-byte
     * header, the 1-byte inner content type and a 16-byte AES-GCM tag (RFC 8446 §5.2).
     */
    TLS_1_3(5 + 1 + 16);

    /** Largest plaintext one record carries: 2^14 bytes (RFC 8446 §5.1, RFC 5246 §6.2.1). */
    public static final int MAX_RECORD_PLAINTEXT = 1 << 14;

    private final int recordOverhead;

    TlsVersion(int recordOverhead) {
        this.recordOverhead = recordOverhead;
    }

    /** Bytes one protected record adds to the plaintext it carries (0 without TLS). */
    public int recordOverhead() {
        return recordOverhead;
    }

    /** Records needed for a message of {@code plaintextBytes}: at least one, then one per 2^14 bytes. */
    public int records(int plaintextBytes) {
        return Math.max(1, (plaintextBytes + MAX_RECORD_PLAINTEXT - 1) / MAX_RECORD_PLAINTEXT);
    }

    /** Bytes a message of {@code plaintextBytes} occupies on the TCP stream under this version. */
    public int protectedSize(int plaintextBytes) {
        return this == NONE ? plaintextBytes : plaintextBytes + records(plaintextBytes) * recordOverhead;
    }
}
