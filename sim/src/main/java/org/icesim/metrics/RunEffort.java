package org.icesim.metrics;

/**
 * How much simulation one run took, for throughput figures (not a result of the experiment).
 *
 * @param events     simulator events run
 * @param packetHops packets handed to a link (every packet counts once per link it enters,
 *                   dropped ones included)
 * @param invariantChecks invariant checks that held in the run (0 for a run without checks)
 */
public record RunEffort(long events, long packetHops, long invariantChecks) {

    /** For a run that was not simulated. */
    public static final RunEffort NONE = new RunEffort(0, 0, 0);

    public RunEffort {
        if (events < 0 || packetHops < 0 || invariantChecks < 0) {
            throw new IllegalArgumentException("events, packet hops and invariant checks must be >= 0, were " + events
                    + ", " + packetHops + " and " + invariantChecks);
        }
    }
}
