package org.icesim.stun;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.icesim.net.Payload;

/**
 * Bytes whose meaning the decoder leaves to the receiver: the content of a DATA attribute or of a
 * ChannelData message read from the wire.
 */
public record RawPayload(byte[] bytes) implements Payload {

    public RawPayload {
        bytes = bytes.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int size() {
        return bytes.length;
    }

    @Override
    public void encode(ByteBuffer out) {
        out.put(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawPayload that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length <= 16 ? "RawPayload[" + HexFormat.of().formatHex(bytes) + "]"
                : "RawPayload[" + bytes.length + " B]";
    }
}
