package org.icesim.net.tcp;

import java.util.Map;
import java.util.TreeMap;

/**
 * Sequence ranges received beyond a hole, kept merged, so the receiver can acknowledge them all
 * at once when the hole is filled. The bytes themselves need no copy: the sender's message chain
 * already holds them.
 */
final class OutOfOrderRanges {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    void add(long start, long end) {
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            ranges.remove(before.getKey());
        }
        Map.Entry<Long, Long> after = ranges.ceilingEntry(start);
        while (after != null && after.getKey() <= end) {
            end = Math.max(end, after.getValue());
            ranges.remove(after.getKey());
            after = ranges.ceilingEntry(start);
        }
        ranges.put(start, end);
    }

    /** Returns how far in-order data reaches once the ranges touching {@code next} are joined to it. */
    long advance(long next) {
        Map.Entry<Long, Long> first = ranges.firstEntry();
        while (first != null && first.getKey() <= next) {
            next = Math.max(next, first.getValue());
            ranges.pollFirstEntry();
            first = ranges.firstEntry();
        }
        return next;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }
}
