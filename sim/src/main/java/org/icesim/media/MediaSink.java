package org.icesim.media;

import org.icesim.kernel.Clock;
import org.icesim.metrics.MediaArrivals;
import org.icesim.net.Payload;

/** Receives one direction of a call's media and remembers when each packet arrived. */
public final class MediaSink {
    private final Clock clock;
    private final MediaArrivals arrivals = new MediaArrivals();
    private long bytesReceived;

    public MediaSink(Clock clock) {
        this.clock = clock;
    }

    /** Takes a payload that arrived on the call's path; returns false if it was not media. */
    public boolean receive(Payload payload) {
        if (!(payload instanceof RtpPacket packet)) {
            return false;
        }
        arrivals.arrived(clock.now());
        bytesReceived += packet.size();
        return true;
    }

    public MediaArrivals arrivals() {
        return arrivals;
    }

    public long packetsReceived() {
        return arrivals.count();
    }

    public long bytesReceived() {
        return bytesReceived;
    }
}
