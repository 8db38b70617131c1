package org.icesim.metrics;

/**
 * Which way of moving makes a metric worse. A comparison calls a significant move of a directed
 * metric better or worse; a neutral metric (a count of traffic or of inputs such as calls
 * started) only changed: fewer relayed bytes after packet loss is not an improvement.
 */
public enum Direction {
    /** A cost: times, failures, interruptions. A rise is a regression. */
    LOWER_IS_BETTER,
    /** A benefit: calls that connected. A fall is a regression. */
    HIGHER_IS_BETTER,
    /** Neither: the value describes behaviour (messages, bytes, restarts) without ranking it. */
    NEUTRAL;

    /**
     * How much worse {@code current} is than {@code baseline} (negative when better); for a
     * neutral metric the plain difference, so rules on it bound rises.
     */
    public double worsening(double baseline, double current) {
        return this == HIGHER_IS_BETTER ? baseline - current : current - baseline;
    }
}
