package org.icesim.batch;

/** Hears how a batch progresses, e.g. to draw a progress bar. Called from the threads that record runs. */
public interface BatchListener {

    BatchListener NONE = new BatchListener() {
        @Override
        public void started(int runs, int alreadyFinished, int alreadyFailed) {
        }

        @Override
        public void finished(RunSpec run, RunRecord record) {
        }
    };

    /**
     * @param runs            runs of the batch (of this shard)
     * @param alreadyFinished of those, runs finished by earlier sessions
     * @param alreadyFailed   of those, runs that failed
     */
    void started(int runs, int alreadyFinished, int alreadyFailed);

    /** A run starts; {@code live} tells how far it gets, to be read from any thread until it finishes. */
    default void running(LiveRun live) {
    }

    /** A run finished (or failed) and is durably recorded. */
    void finished(RunSpec run, RunRecord record);
}
