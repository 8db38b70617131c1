package org.icesim.net.tcp;

import java.nio.ByteBuffer;
import org.icesim.net.Payload;

/**
 * One flight of a TLS handshake as it sits on the TCP stream: the records one side sends before
 * waiting for the other. Sizes are those of a typical full handshake with an X25519 key exchange,
 * AES-128-GCM and a two-certificate RSA-2048 chain (Certificate message 3000 bytes), so the server's
 * first flight is about 3.4 KB and spans three segments. When encoded, record headers are real
 * and record bodies are zeros (only a ChangeCipherSpec body carries its value 1).
 *
 * <p>Not modelled: session resumption, 0-RTT, HelloRetryRequest, and the NewSessionTicket a TLS 1.3
 * server sends after the handshake.
 */
record TlsFlight(TlsVersion version, Kind kind) implements Payload {

    enum Kind {
        /** Client → server, opens the handshake. */
        CLIENT_HELLO,
        /** Server → client: ServerHello up to ServerHelloDone (1.2) or up to Finished (1.3). */
        SERVER_FLIGHT,
        /** Client → server: ClientKeyExchange, ChangeCipherSpec, Finished (1.2); ChangeCipherSpec, Finished (1.3). */
        CLIENT_FINISHED,
        /** Server → client in TLS 1.2 only: ChangeCipherSpec, Finished. */
        SERVER_FINISHED
    }

    private static final int RECORD_HEADER = 5;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;

    /** Handshake-message sizes, each including its 4-byte handshake header. */
    private static final int CLIENT_HELLO = 245;      // random, session id, suites, SNI, groups, key share, sig algs
    private static final int CERTIFICATE = 3000;      // two RSA-2048 certificates
    private static final int SERVER_HELLO_13 = 122;   // with supported_versions and an X25519 key_share (RFC 8446 §4.1.3)
    private static final int ENCRYPTED_EXTENSIONS = 6;
    private static final int CERTIFICATE_VERIFY = 264; // 4 + scheme 2 + length 2 + RSA-2048 signature 256
    private static final int FINISHED_13 = 36;        // 4 + HMAC-SHA256 32 (RFC 8446 §4.4.4)
    private static final int SERVER_HELLO_12 = 91;    // with renegotiation_info, ec_point_formats, extended_master_secret
    private static final int SERVER_KEY_EXCHANGE = 300; // 4 + curve 3 + X25519 point 33 + scheme 2 + length 2 + signature 256
    private static final int SERVER_HELLO_DONE = 4;
    private static final int CLIENT_KEY_EXCHANGE = 37; // 4 + X25519 point 33
    private static final int FINISHED_12 = 16;        // 4 + verify_data 12 (RFC 5246 §7.4.9)

    /** Record layouts: pairs of (content type, record body length). */
    private static final int[] CLIENT_HELLO_RECORDS = {HANDSHAKE, CLIENT_HELLO};
    private static final int[] SERVER_FLIGHT_13 = {
        HANDSHAKE, SERVER_HELLO_13,
        CHANGE_CIPHER_SPEC, 1, // middlebox compatibility (RFC 8446 §D.4)
        APPLICATION_DATA, ENCRYPTED_EXTENSIONS + CERTIFICATE + CERTIFICATE_VERIFY + FINISHED_13 + 1 + 16};
    private static final int[] CLIENT_FINISHED_13 = {CHANGE_CIPHER_SPEC, 1, APPLICATION_DATA, FINISHED_13 + 1 + 16};
    private static final int[] SERVER_FLIGHT_12 = {
        HANDSHAKE, SERVER_HELLO_12 + CERTIFICATE + SERVER_KEY_EXCHANGE + SERVER_HELLO_DONE};
    private static final int[] CLIENT_FINISHED_12 = {
        HANDSHAKE, CLIENT_KEY_EXCHANGE,
        CHANGE_CIPHER_SPEC, 1,
        HANDSHAKE, 8 + FINISHED_12 + 16}; // encrypted: explicit nonce + Finished + tag
    private static final int[] SERVER_FINISHED_12 = {CHANGE_CIPHER_SPEC, 1, HANDSHAKE, 8 + FINISHED_12 + 16};

    TlsFlight {
        if (version == TlsVersion.NONE) {
            throw new IllegalArgumentException("a TLS flight needs a TLS version, was NONE");
        }
        if (version == TlsVersion.TLS_1_3 && kind == Kind.SERVER_FINISHED) {
            throw new IllegalArgumentException("TLS 1.3 has no separate server Finished flight");
        }
    }

    private int[] records() {
        boolean v13 = version == TlsVersion.TLS_1_3;
        return switch (kind) {
            case CLIENT_HELLO -> CLIENT_HELLO_RECORDS;
            case SERVER_FLIGHT -> v13 ? SERVER_FLIGHT_13 : SERVER_FLIGHT_12;
            case CLIENT_FINISHED -> v13 ? CLIENT_FINISHED_13 : CLIENT_FINISHED_12;
            case SERVER_FINISHED -> SERVER_FINISHED_12;
        };
    }

    @Override
    public int size() {
        int[] records = records();
        int total = 0;
        for (int i = 1; i < records.length; i += 2) {
            total += RECORD_HEADER + records[i];
        }
        return total;
    }

    @Override
    public void encode(ByteBuffer out) {
        int[] records = records();
        for (int i = 0; i < records.length; i += 2) {
            int type = records[i];
            int length = records[i + 1];
            out.put((byte) type);
            // The first ClientHello carries legacy record version 0x0301 (RFC 8446 §5.1).
            out.put((byte) 3).put((byte) (kind == Kind.CLIENT_HELLO ? 1 : 3));
            out.putShort((short) length);
            if (type == CHANGE_CIPHER_SPEC) {
                out.put((byte) 1);
            } else {
                out.put(new byte[length]);
            }
        }
    }
}
