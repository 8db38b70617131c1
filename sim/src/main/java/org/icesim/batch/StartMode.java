package org.icesim.batch;

/** What to do with a results directory that already holds a batch. */
public enum StartMode {
    /** Refuse it: results are never overwritten by accident. */
    NEW,
    /** Continue it (the same batch: same files, options and shard), skipping its finished runs; start afresh if there is none. */
    RESUME,
    /** Delete its result files and start afresh. */
    OVERWRITE
}
