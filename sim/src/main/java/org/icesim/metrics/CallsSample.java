package org.icesim.metrics;

/**
 * The state of a fleet's calls at the end of one load interval, for the calls-over-time curve.
 *
 * @param timeNanos end of the interval
 * @param started   calls started so far
 * @param connected calls whose two peers both reached ICE connected or completed at some point so far
 * @param up        calls whose two peers are connected or completed now
 * @param relayed   calls up now whose caller's selected pair is relayed through TURN
 * @param restarts  restartIce() calls of all peers in the interval (the restart storm curve)
 */
public record CallsSample(long timeNanos, int started, int connected, int up, int relayed, long restarts) {
}
