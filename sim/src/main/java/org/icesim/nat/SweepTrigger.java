package org.icesim.nat;

/**
 * Decides when a table whose entries expire lazily should be swept of dead entries. Expired
 * entries are already treated as absent on lookup, so sweeping never changes a result; it only
 * bounds memory. Sweeping whenever the table has doubled since the last sweep keeps the table
 * below twice its live size (plus a floor) at an amortised constant cost per insertion.
 */
final class SweepTrigger {
    /** Tables smaller than this are never swept: too small to matter. */
    static final int FLOOR = 256;

    private int threshold = FLOOR;

    /** Whether a table now holding {@code stored} entries should be swept. */
    boolean due(int stored) {
        return stored >= threshold;
    }

    /** Records that a sweep left {@code remaining} entries. */
    void swept(int remaining) {
        threshold = Math.max(FLOOR, 2 * remaining);
    }
}
