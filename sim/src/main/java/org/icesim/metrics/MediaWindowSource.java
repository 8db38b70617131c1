package org.icesim.metrics;

/** One direction of a call's media, able to tell its {@link MediaContinuity} over a window. */
public interface MediaWindowSource {

    /**
     * The continuity of media from {@code fromNanos} (exclusive: an arrival at that instant is
     * the last one before the window) through {@code endNanos}, with gaps longer than
     * {@code thresholdNanos} counted as interruptions.
     */
    MediaContinuity window(long fromNanos, long endNanos, long thresholdNanos);
}
