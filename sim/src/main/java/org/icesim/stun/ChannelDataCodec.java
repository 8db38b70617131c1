package org.icesim.stun;

import java.nio.ByteBuffer;
import org.icesim.stun.StunParseException.Defect;

/** TURN ChannelData messages to and from their wire bytes (RFC 8656 §12.4, §12.5). */
public final class ChannelDataCodec {

    private ChannelDataCodec() {
    }

    /**
     * The message's bytes: channel number, data length, data, and over a stream transport
     * (TCP/TLS) zero padding to a multiple of 4 (RFC 8656 §12.5).
     */
    public static byte[] encode(ChannelData message, boolean overStream) {
        byte[] out = new byte[overStream ? message.sizeOverStream() : message.size()];
        int dataLength = message.data().size();
        StunCodec.putShort(out, 0, message.channel());
        StunCodec.putShort(out, 2, dataLength);
        StunCodec.writePayload(message.data(), out, ChannelData.HEADER_BYTES, dataLength);
        return out;
    }

    /** Writes the unpadded (UDP) form at the buffer's position. */
    public static void encode(ChannelData message, ByteBuffer out) {
        out.putShort((short) message.channel());
        out.putShort((short) message.data().size());
        int start = out.position();
        message.data().encode(out);
        if (out.position() - start != message.data().size()) {
            throw new IllegalStateException("payload " + message.data() + " wrote " + (out.position() - start)
                    + " bytes, but its size() is " + message.data().size());
        }
    }

    /**
     * Decodes the ChannelData message at the start of {@code bytes[offset .. offset+length)}.
     * Bytes after the announced data are padding and are ignored (RFC 8656 §12.5); data shorter
     * than announced is refused.
     */
    public static ChannelData decode(byte[] bytes, int offset, int length) throws StunParseException {
        if (length < ChannelData.HEADER_BYTES) {
            throw new StunParseException(Defect.TRUNCATED, 0, "a ChannelData header needs 4 bytes, got " + length);
        }
        int channel = StunCodec.getShort(bytes, offset);
        if (channel < ChannelData.MIN_CHANNEL || channel > ChannelData.MAX_CHANNEL) {
            throw new StunParseException(Defect.BAD_CHANNEL_NUMBER, 0, String.format(
                    "channel number must be in 0x4000..0x4FFF (RFC 8656 §12), was 0x%04X", channel));
        }
        int dataLength = StunCodec.getShort(bytes, offset + 2);
        if (ChannelData.HEADER_BYTES + dataLength > length) {
            throw new StunParseException(Defect.TRUNCATED, 2, "ChannelData length says " + dataLength
                    + " bytes of data, " + (length - ChannelData.HEADER_BYTES) + " were received");
        }
        byte[] data = new byte[dataLength];
        System.arraycopy(bytes, offset + ChannelData.HEADER_BYTES, data, 0, dataLength);
        return new ChannelData(channel, new RawPayload(data));
    }
}
