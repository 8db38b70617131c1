package org.icesim.metrics;

/**
 * The media one peer received in one interval of a run: one direction of the call (the other
 * peer sends it), as its sink counted the arrivals. media.csv holds these when a batch keeps its
 * events, so a run's timeline can show when media flowed and at what rate.
 *
 * @param timeNanos     end of the interval
 * @param intervalNanos length of the interval
 * @param peer          the receiving peer
 * @param packets       media packets that arrived in the interval (a fluid-mode sample counts the packets it stands for)
 * @param bytes         their bytes above UDP (RTP header, payload and SRTP tag)
 */
public record MediaSample(long timeNanos, long intervalNanos, String peer, long packets, long bytes) {

    public MediaSample {
        if (intervalNanos <= 0 || packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("interval must be > 0 ns and packets and bytes >= 0, were " + intervalNanos
                    + " ns, " + packets + ", " + bytes);
        }
    }
}
