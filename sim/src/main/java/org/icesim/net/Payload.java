package org.icesim.net;

import java.nio.ByteBuffer;

/**
 * What a packet carries above the transport header. Its size is the exact number of bytes it
 * occupies on the wire, so bandwidth, queues and traffic counters see real figures. The bytes
 * themselves are produced only when somebody asks (a pcap writer), never on the hot path.
 */
public interface Payload {

    /** Bytes this payload occupies on the wire. */
    int size();

    /**
     * Media packets this payload stands for: 1 for a real packet; a fluid-mode flow sample stands
     * for every packet its flow produced since the previous sample, so relay counters that count
     * packets stay right without one event per packet.
     */
    default int packetCount() {
        return 1;
    }

    /**
     * Writes the payload's wire bytes ({@link #size()} of them) at the buffer's position. Payloads
     * whose content does not matter to any decoder (media) write zeros.
     */
    default void encode(ByteBuffer out) {
        for (int i = 0; i < size(); i++) {
            out.put((byte) 0);
        }
    }
}
