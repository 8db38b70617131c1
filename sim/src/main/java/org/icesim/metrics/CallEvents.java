package org.icesim.metrics;

import org.icesim.metrics.EventDetail.StateChange;

/**
 * The events of one call of a fleet, summarised as they happen instead of logged: whether each
 * of its two peers connected, is connected now and on which pair, and the latency of every
 * restart (restartIce() → connected or completed on a pair of a newer generation, as
 * {@link Metric#RESTART_LATENCY_MS} defines it for one call).
 */
public final class CallEvents implements EventSink {
    private final FleetStats stats;
    private final String[] peers;
    private final boolean[] everUp = new boolean[2];
    private final boolean[] up = new boolean[2];
    private final boolean[] relayed = new boolean[2];
    private final int[] generation = {-1, -1};
    private final long[] restartAt = {-1, -1};
    private final int[] generationBefore = new int[2];
    private final boolean[] newPair = new boolean[2];

    /** @param caller, callee the peers' node names */
    public CallEvents(FleetStats stats, String caller, String callee) {
        this.stats = stats;
        this.peers = new String[] {caller, callee};
    }

    @Override
    public void record(long timeNanos, String node, EventDetail detail) {
        int p = node.equals(peers[0]) ? 0 : node.equals(peers[1]) ? 1 : -1;
        if (p < 0) {
            return;
        }
        if (detail instanceof StateChange state && state.kind() == EventKind.ICE_CONNECTION_STATE) {
            up[p] = state.iceUp();
            everUp[p] |= up[p];
            restartDone(p, timeNanos);
        } else if (detail instanceof SelectedPair pair) {
            generation[p] = pair.generation();
            relayed[p] = pair.relayed();
            if (restartAt[p] >= 0 && pair.generation() > generationBefore[p]) {
                newPair[p] = true;
                restartDone(p, timeNanos);
            }
        } else if (detail instanceof EventDetail.RestartIce) {
            stats.restart(timeNanos);
            // A second restart before the first completed belongs to the first.
            if (restartAt[p] < 0) {
                restartAt[p] = timeNanos;
                generationBefore[p] = generation[p];
                newPair[p] = false;
            }
        }
    }

    private void restartDone(int p, long timeNanos) {
        if (restartAt[p] >= 0 && newPair[p] && up[p]) {
            stats.restartLatency(timeNanos - restartAt[p]);
            restartAt[p] = -1;
        }
    }

    /** Both peers reached connected (or completed) at some point. */
    public boolean connected() {
        return everUp[0] && everUp[1];
    }

    /** Both peers are connected now. */
    public boolean upNow() {
        return up[0] && up[1];
    }

    /** The caller's selected pair now is relayed through TURN. */
    public boolean relayedNow() {
        return relayed[0];
    }
}
