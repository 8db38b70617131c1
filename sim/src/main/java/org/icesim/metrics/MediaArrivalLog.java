package org.icesim.metrics;

/**
 * Where a media sink notes when media arrived: one instant per packet, or a stretch of
 * continuous arrivals for a fluid-mode flow sample (its packets arrived back to back over the
 * stretch, so no gap lies inside it).
 */
public interface MediaArrivalLog {

    /** One packet arrived at {@code timeNanos}. */
    void arrived(long timeNanos);

    /** Packets arrived without a gap from {@code fromNanos} through {@code toNanos} ({@code from ≤ to}). */
    void arrivedThrough(long fromNanos, long toNanos);
}
