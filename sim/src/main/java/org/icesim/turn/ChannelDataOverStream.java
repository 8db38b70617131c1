package org.icesim.turn;

import java.nio.ByteBuffer;
import org.icesim.net.Payload;
import org.icesim.stun.ChannelData;

/**
 * ChannelData as it travels over TCP or TLS: padded to a multiple of 4 bytes so the next message
 * on the stream starts aligned (RFC 8656 §12.5). Over UDP the padding is left out.
 */
record ChannelDataOverStream(ChannelData channelData) implements Payload {

    /** What a stream transport carries for {@code payload}: ChannelData padded, anything else as it is. */
    static Payload framed(Payload payload) {
        return payload instanceof ChannelData channelData ? new ChannelDataOverStream(channelData) : payload;
    }

    /** The message inside what a stream transport delivered. */
    static Payload unframed(Payload message) {
        return message instanceof ChannelDataOverStream padded ? padded.channelData() : message;
    }

    @Override
    public int size() {
        return channelData.sizeOverStream();
    }

    @Override
    public void encode(ByteBuffer out) {
        channelData.encode(out);
        for (int i = channelData.size(); i < size(); i++) {
            out.put((byte) 0);
        }
    }
}
