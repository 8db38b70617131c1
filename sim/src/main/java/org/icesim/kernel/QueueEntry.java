package org.icesim.kernel;

/**
 * What {@link EventQueue} keeps of an event: its (time, sequence) key and where it is, so that
 * it can be taken out again wherever it waits.
 */
abstract class QueueEntry {
    long time;
    long sequence;
    /** The entry's slot in the queue's heap, or -1. */
    int index = -1;
    /**
     * The index of the ladder rung whose bucket {@link #bucket} holds the entry at {@link #slot},
     * or -1 (an index rather than a reference: storing it then needs no garbage-collector barrier).
     */
    int rung = -1;
    int bucket;
    int slot;

    /** Whether the entry waits in the queue (in its heap or on its ladder). */
    final boolean queued() {
        return index >= 0 || rung >= 0;
    }
}
