package org.icesim.world;

/**
 * Looks at a run's world every {@link #intervalNanos()} of simulated time; soak tests use it to
 * check that a day-long call keeps its tables bounded. It only reads: a probed run has the same
 * results as one that is not.
 */
public interface WorldProbe {

    /** No probe. */
    WorldProbe NONE = new WorldProbe() {
        @Override
        public long intervalNanos() {
            return 0;
        }

        @Override
        public void sample(WorldSizes sizes) {
            throw new UnsupportedOperationException("the empty probe takes no samples");
        }
    };

    /** How often to sample; 0 for never. */
    long intervalNanos();

    void sample(WorldSizes sizes);
}
