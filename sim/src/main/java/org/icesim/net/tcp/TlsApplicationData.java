package org.icesim.net.tcp;

import java.nio.ByteBuffer;
import org.icesim.net.Payload;

/**
 * An application message protected by TLS: one record per 2^14 bytes of plaintext, each adding
 * its version's overhead. When encoded, each record has a real header and carries the message's
 * plaintext where the ciphertext would be (so captures stay readable), with a zero tag.
 */
record TlsApplicationData(TlsVersion version, Payload message) implements Payload {

    private static final int APPLICATION_DATA = 23;

    TlsApplicationData {
        if (version == TlsVersion.NONE) {
            throw new IllegalArgumentException("TLS application data needs a TLS version, was NONE");
        }
    }

    @Override
    public int size() {
        return version.protectedSize(message.size());
    }

    @Override
    public void encode(ByteBuffer out) {
        int plaintextSize = message.size();
        ByteBuffer plaintext = ByteBuffer.allocate(plaintextSize);
        message.encode(plaintext);
        byte[] bytes = plaintext.array();
        int records = version.records(plaintextSize);
        int from = 0;
        for (int r = 0; r < records; r++) {
            int length = Math.min(TlsVersion.MAX_RECORD_PLAINTEXT, plaintextSize - from);
            out.put((byte) APPLICATION_DATA).put((byte) 3).put((byte) 3);
            out.putShort((short) (length + version.recordOverhead() - 5));
            if (version == TlsVersion.TLS_1_2) {
                out.put(new byte[8]); // explicit nonce (RFC 5288 §3)
            }
            out.put(bytes, from, length);
            if (version == TlsVersion.TLS_1_3) {
                out.put((byte) APPLICATION_DATA); // inner content type (RFC 8446 §5.2)
            }
            out.put(new byte[16]); // AES-GCM tag
            from += length;
        }
    }
}
