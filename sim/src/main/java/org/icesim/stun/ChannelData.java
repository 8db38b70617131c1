package org.icesim.stun;

import java.nio.ByteBuffer;
import org.icesim.net.Payload;

/**
 * A TURN ChannelData message (RFC 8656 §12.4): a 4-byte header (channel number, data length) and
 * the application data, the cheap framing used once a channel is bound.
 *
 * <p>Over UDP the data is not padded ({@link #size()}); over TCP or TLS the message is padded to
 * a multiple of 4 bytes so the next one starts aligned ({@link #sizeOverStream()}).
 */
public record ChannelData(int channel, Payload data) implements Payload {

    public static final int HEADER_BYTES = 4;
    /** RFC 8656 §12: channel numbers 0x4000 through 0x4FFF. */
    public static final int MIN_CHANNEL = 0x4000;
    public static final int MAX_CHANNEL = 0x4FFF;

    public ChannelData {
        requireChannel(channel);
        if (data == null) {
            throw new IllegalArgumentException("ChannelData data must not be null");
        }
        if (data.size() > 0xFFFF) {
            throw new IllegalArgumentException("ChannelData data must be at most 65535 bytes, was " + data.size());
        }
    }

    /** Bytes on the wire over UDP: header and data, unpadded. */
    @Override
    public int size() {
        return HEADER_BYTES + data.size();
    }

    /** Bytes on the wire over TCP/TLS: header and data padded to a multiple of 4 (RFC 8656 §12.5). */
    public int sizeOverStream() {
        return HEADER_BYTES + StunAttribute.padded(data.size());
    }

    /** Writes the unpadded (UDP) wire bytes: header, then the data's own bytes. */
    @Override
    public void encode(ByteBuffer out) {
        ChannelDataCodec.encode(this, out);
    }

    static void requireChannel(int channel) {
        if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
            throw new IllegalArgumentException(String.format(
                    "channel number must be in 0x4000..0x4FFF (RFC 8656 §12), was 0x%X", channel));
        }
    }
}
