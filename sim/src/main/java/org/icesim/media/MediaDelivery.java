package org.icesim.media;

import org.icesim.kernel.Scheduler;

/**
 * How media is carried: packet by packet, or as fluid flows sampled every
 * {@code sampleIntervalNanos} (see {@link FluidMediaSource} for what that approximates).
 *
 * @param mode                packets or fluid
 * @param sampleIntervalNanos fluid mode's sample interval, 1 ms … 1 s (ignored for packets)
 */
public record MediaDelivery(Mode mode, long sampleIntervalNanos) {

    /** 100 ms: an interruption edge is placed within 100 ms, at a fifth of per-packet audio's events. */
    public static final long DEFAULT_SAMPLE_INTERVAL_NANOS = 100_000_000L;

    /** Media as packets: every packet is an event on every hop. */
    public static final MediaDelivery PACKETS = new MediaDelivery(Mode.PACKETS, DEFAULT_SAMPLE_INTERVAL_NANOS);

    /** Per-packet or fluid media. */
    public enum Mode {
        PACKETS,
        FLUID
    }

    public MediaDelivery {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be packets or fluid, was null");
        }
        if (sampleIntervalNanos < 1_000_000L || sampleIntervalNanos > 1_000_000_000L) {
            throw new IllegalArgumentException("fluid sample interval must be in [1ms, 1s], was " + sampleIntervalNanos + " ns");
        }
    }

    public static MediaDelivery fluid(long sampleIntervalNanos) {
        return new MediaDelivery(Mode.FLUID, sampleIntervalNanos);
    }

    /** A sender of {@code spec} on {@code path} in this mode; {@code ssrc} names a packet stream. */
    public MediaSender sender(Scheduler scheduler, MediaSpec spec, int ssrc, MediaPath path) {
        return mode == Mode.FLUID ? new FluidMediaSource(scheduler, spec, sampleIntervalNanos, path)
                : new MediaSource(scheduler, spec, ssrc, path);
    }
}
