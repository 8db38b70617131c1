package org.icesim.fidelity;

import java.util.List;
import org.icesim.metrics.Metric;

/**
 * The metrics a fidelity comparison judges. Each is a time a real stack shows through its own
 * events (state changes, restartIce(), the packet that ends an interruption); failed is judged as
 * both states show it, since Chromium's iceConnectionState never shows it while its connectionState
 * does. media_gap_ms is
 * left out: where media stops it is recovery_ms less the few ms since the last packet before the
 * fault, and where it does not stop it measures the sender's packet pacing and the testbed's
 * timestamping rather than ICE, which a 20 ms round trip's tolerance would judge as noise.
 */
public final class FidelityMetrics {

    public static final List<Metric> COMPARED = List.of(Metric.DETECT_DISCONNECTED_MS, Metric.DETECT_FAILED_MS,
            Metric.DETECT_CONNECTION_FAILED_MS, Metric.RESTART_LATENCY_MS, Metric.RECOVERY_MS);

    private FidelityMetrics() {
    }
}
