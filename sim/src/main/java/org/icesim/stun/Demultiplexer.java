package org.icesim.stun;

import org.icesim.net.Payload;

/**
 * Tells STUN from TURN ChannelData (and from anything else) on a port that carries both, by the
 * first byte (RFC 7983 §7; RFC 8656 §12.4): 0..3 is STUN (first two bits 00), 64..79 is
 * ChannelData (first two bits 01). DTLS (20..63) and RTP/RTCP (128..191) are not decoded here.
 */
public final class Demultiplexer {

    /** What a datagram (or stream message) starting with a given byte is. */
    public enum Kind {
        STUN,
        CHANNEL_DATA,
        OTHER
    }

    private Demultiplexer() {
    }

    /** The kind of message whose first byte is {@code firstByte}. */
    public static Kind kindOf(byte firstByte) {
        int value = firstByte & 0xff;
        if (value <= 3) {
            return Kind.STUN;
        }
        if (value >= 64 && value <= 79) {
            return Kind.CHANNEL_DATA;
        }
        return Kind.OTHER;
    }

    /** Decodes a datagram as a {@link StunMessage} or a {@link ChannelData}, whichever its first byte says. */
    public static Payload decode(byte[] datagram) throws StunParseException {
        if (datagram.length == 0) {
            throw new StunParseException(StunParseException.Defect.TRUNCATED, 0, "empty datagram");
        }
        return switch (kindOf(datagram[0])) {
            case STUN -> StunCodec.decode(datagram);
            case CHANNEL_DATA -> ChannelDataCodec.decode(datagram, 0, datagram.length);
            case OTHER -> throw new StunParseException(StunParseException.Defect.NOT_STUN, 0, String.format(
                    "first byte 0x%02X is neither STUN (0..3) nor ChannelData (64..79) (RFC 7983)", datagram[0] & 0xff));
        };
    }
}
