package org.icesim.media;

import org.icesim.kernel.Clock;
import org.icesim.metrics.MediaArrivalLog;
import org.icesim.net.Payload;

/**
 * Receives one direction of a call's media and notes when it arrived: each packet, or for a
 * fluid-mode sample the stretch over which its packets arrived.
 */
public final class MediaSink {
    private final Clock clock;
    private final MediaArrivalLog arrivals;
    private long packetsReceived;
    private long bytesReceived;

    public MediaSink(Clock clock, MediaArrivalLog arrivals) {
        this.clock = clock;
        this.arrivals = arrivals;
    }

    /** Takes a payload that arrived on the call's path; returns false if it was not media. */
    public boolean receive(Payload payload) {
        if (payload instanceof RtpPacket packet) {
            arrivals.arrived(clock.now());
            packetsReceived++;
            bytesReceived += packet.size();
            return true;
        }
        if (payload instanceof MediaFlowSample sample) {
            long now = clock.now();
            // The sample's first packet would have arrived its span before the last one.
            arrivals.arrivedThrough(now - sample.spanNanos(), now);
            packetsReceived += sample.packets();
            bytesReceived += sample.bytes();
            return true;
        }
        return false;
    }

    public long packetsReceived() {
        return packetsReceived;
    }

    public long bytesReceived() {
        return bytesReceived;
    }
}
