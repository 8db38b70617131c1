package org.icesim.media;

import java.nio.ByteBuffer;
import org.icesim.net.Payload;

/**
 * One SRTP packet of media: the RTP header (12 bytes, RFC 3550 §5.1), the codec payload and the
 * SRTP authentication tag (10 bytes, AES_CM_128_HMAC_SHA1_80, RFC 3711 §5.2), so its size is
 * what a browser puts on the wire above UDP.
 */
public record RtpPacket(MediaKind kind, int ssrc, int sequenceNumber, long rtpTimestamp, boolean marker,
        int payloadBytes) implements Payload {

    public static final int RTP_HEADER_BYTES = 12;
    public static final int SRTP_TAG_BYTES = 10;

    @Override
    public int size() {
        return RTP_HEADER_BYTES + payloadBytes + SRTP_TAG_BYTES;
    }

    /** A real RTP header (version 2, no padding, extension or CSRCs) followed by zeros. */
    @Override
    public void encode(ByteBuffer out) {
        out.put((byte) 0x80);
        out.put((byte) ((marker ? 0x80 : 0) | kind.payloadType()));
        out.putShort((short) sequenceNumber);
        out.putInt((int) rtpTimestamp);
        out.putInt(ssrc);
        for (int i = 0; i < payloadBytes + SRTP_TAG_BYTES; i++) {
            out.put((byte) 0);
        }
    }
}
