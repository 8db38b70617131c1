package org.icesim.media;

import org.icesim.net.Payload;

/**
 * Fluid media mode: one datagram that stands for every media packet a stream produced since its
 * previous sample. It travels the selected path like a packet (so NAT mappings are refreshed,
 * links and TURN relays carry its bytes, and a broken path loses it), but costs one event per
 * sample interval instead of one per packet.
 *
 * @param packets   the media packets it stands for (≥ 1)
 * @param bytes     their total size above UDP (RTP header, payload and SRTP tag of each)
 * @param spanNanos from the first of those packets to the last: the receiver counts media as
 *                  arriving without a gap over that stretch ending at the sample's arrival
 */
public record MediaFlowSample(int packets, int bytes, long spanNanos) implements Payload {

    public MediaFlowSample {
        if (packets < 1) {
            throw new IllegalArgumentException("packets must be ≥ 1, was " + packets);
        }
        if (bytes < packets) {
            throw new IllegalArgumentException("bytes must be ≥ packets (" + packets + "), was " + bytes);
        }
        if (spanNanos < 0) {
            throw new IllegalArgumentException("spanNanos must be ≥ 0, was " + spanNanos);
        }
    }

    @Override
    public int size() {
        return bytes;
    }

    @Override
    public int packetCount() {
        return packets;
    }
}
