package org.icesim.net;

import org.icesim.kernel.Durations;

/**
 * What one link does to the packets it carries, the same in both directions.
 *
 * @param delayNanos             propagation delay, in [0, {@link #MAX_DELAY_NANOS}]
 * @param jitter                 extra per-packet delay drawn on top of the propagation delay
 * @param reorder                false: each direction is FIFO, a packet never overtakes the one
 *                               sent before it (its arrival is held until the previous arrival);
 *                               true: each packet keeps its own jittered arrival time
 * @param loss                   random loss
 * @param bandwidthBitsPerSecond serialization rate; {@link #UNLIMITED_BANDWIDTH} (0) means
 *                               packets take no time to serialize
 * @param queueCapacityBytes     drop-tail buffer for packets waiting to be serialized (the
 *                               packet being serialized is not in it);
 *                               {@link #UNLIMITED_QUEUE} means it never overflows
 * @param up                     false: the link drops everything
 */
public record LinkParams(
        long delayNanos,
        Jitter jitter,
        boolean reorder,
        LossModel loss,
        long bandwidthBitsPerSecond,
        long queueCapacityBytes,
        boolean up) {

    /** One day: longer delays are a configuration error, and the bound keeps time arithmetic exact. */
    public static final long MAX_DELAY_NANOS = 86_400L * Durations.NANOS_PER_SECOND;
    public static final long UNLIMITED_BANDWIDTH = 0;
    public static final long UNLIMITED_QUEUE = Long.MAX_VALUE;

    public LinkParams {
        Check.inRange("delay", delayNanos, 0, MAX_DELAY_NANOS, "ns");
        Check.notNull("jitter", jitter);
        Check.notNull("loss", loss);
        Check.atLeast("bandwidth", bandwidthBitsPerSecond, 0, "bit/s");
        Check.atLeast("queue capacity", queueCapacityBytes, 0, "bytes");
    }

    /** A link that only delays: no jitter, no loss, unlimited bandwidth and queue, up. */
    public static LinkParams ideal(long delayNanos) {
        return new LinkParams(delayNanos, Jitter.NONE, false, LossModel.NONE, UNLIMITED_BANDWIDTH, UNLIMITED_QUEUE, true);
    }

    public LinkParams withDelay(long newDelayNanos) {
        return new LinkParams(newDelayNanos, jitter, reorder, loss, bandwidthBitsPerSecond, queueCapacityBytes, up);
    }

    public LinkParams withJitter(Jitter newJitter) {
        return new LinkParams(delayNanos, newJitter, reorder, loss, bandwidthBitsPerSecond, queueCapacityBytes, up);
    }

    public LinkParams withReorder(boolean newReorder) {
        return new LinkParams(delayNanos, jitter, newReorder, loss, bandwidthBitsPerSecond, queueCapacityBytes, up);
    }

    public LinkParams withLoss(LossModel newLoss) {
        return new LinkParams(delayNanos, jitter, reorder, newLoss, bandwidthBitsPerSecond, queueCapacityBytes, up);
    }

    public LinkParams withBandwidth(long newBitsPerSecond) {
        return new LinkParams(delayNanos, jitter, reorder, loss, newBitsPerSecond, queueCapacityBytes, up);
    }

    public LinkParams withQueueCapacity(long newBytes) {
        return new LinkParams(delayNanos, jitter, reorder, loss, bandwidthBitsPerSecond, newBytes, up);
    }

    public LinkParams withUp(boolean newUp) {
        return new LinkParams(delayNanos, jitter, reorder, loss, bandwidthBitsPerSecond, queueCapacityBytes, newUp);
    }

    /** These properties with those {@code change} gives replacing them. */
    public LinkParams with(LinkChange change) {
        return new LinkParams(change.delayNanos().orElse(delayNanos), change.jitter().orElse(jitter),
                change.reorder().orElse(reorder), change.loss().orElse(loss),
                change.bandwidthBitsPerSecond().orElse(bandwidthBitsPerSecond),
                change.queueCapacityBytes().orElse(queueCapacityBytes), change.up().orElse(up));
    }

    /**
     * Time to put {@code wireBytes} on the wire: wireBytes·8 / bandwidth, rounded up to a whole
     * nanosecond so that no packet is ever free on a finite link; 0 when bandwidth is unlimited.
     */
    public long serializationNanos(int wireBytes) {
        if (bandwidthBitsPerSecond == UNLIMITED_BANDWIDTH) {
            return 0;
        }
        long bitNanos = wireBytes * 8L * Durations.NANOS_PER_SECOND;
        long whole = bitNanos / bandwidthBitsPerSecond;
        return bitNanos % bandwidthBitsPerSecond == 0 ? whole : whole + 1;
    }
}
