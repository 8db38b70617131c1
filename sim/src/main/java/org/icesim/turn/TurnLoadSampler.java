package org.icesim.turn;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;

/**
 * Samples the load of TURN servers at a fixed interval of simulated time, for capacity planning:
 * live allocations, allocations per second, relayed packets and bytes per second, per server.
 * Each sample covers the interval since the previous one; the first interval starts at
 * {@link #start()}.
 */
public final class TurnLoadSampler {

    private final Scheduler scheduler;
    private final long intervalNanos;
    private final List<TurnServer> servers;
    private final long[] lastCreated;
    private final long[] lastPackets;
    private final long[] lastBytes;
    private final List<TurnLoadSample> samples = new ArrayList<>();
    private Timer next;

    public TurnLoadSampler(Scheduler scheduler, long intervalNanos, List<TurnServer> servers) {
        if (scheduler == null || servers == null || servers.isEmpty()) {
            throw new IllegalArgumentException("scheduler must not be null and servers must name at least one server, were "
                    + scheduler + ", " + servers);
        }
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("sampling interval must be > 0 ns, was " + intervalNanos + " ns");
        }
        this.scheduler = scheduler;
        this.intervalNanos = intervalNanos;
        this.servers = List.copyOf(servers);
        this.lastCreated = new long[servers.size()];
        this.lastPackets = new long[servers.size()];
        this.lastBytes = new long[servers.size()];
    }

    /** Starts sampling: the first sample is taken one interval from now. */
    public void start() {
        if (next != null && next.isPending()) {
            throw new IllegalStateException("the sampler is already running");
        }
        for (int i = 0; i < servers.size(); i++) {
            TurnServerCounters counters = servers.get(i).counters();
            lastCreated[i] = counters.allocationsCreated();
            lastPackets[i] = counters.relayedPackets();
            lastBytes[i] = counters.relayedBytes();
        }
        next = scheduler.schedule(intervalNanos, this::sample);
    }

    /** Stops sampling; the samples taken so far stay. */
    public void stop() {
        if (next != null) {
            next.cancel();
        }
    }

    /** Every sample so far, in time order, servers in the order given at each instant. */
    public List<TurnLoadSample> samples() {
        return List.copyOf(samples);
    }

    /** The samples of one server, in time order. */
    public List<TurnLoadSample> samples(String server) {
        return samples.stream().filter(sample -> sample.server().equals(server)).toList();
    }

    private void sample() {
        long now = scheduler.now();
        for (int i = 0; i < servers.size(); i++) {
            TurnServer server = servers.get(i);
            TurnServerCounters counters = server.counters();
            samples.add(new TurnLoadSample(server.name(), now, intervalNanos, counters.liveAllocations(),
                    counters.allocationsCreated() - lastCreated[i], counters.relayedPackets() - lastPackets[i],
                    counters.relayedBytes() - lastBytes[i]));
            lastCreated[i] = counters.allocationsCreated();
            lastPackets[i] = counters.relayedPackets();
            lastBytes[i] = counters.relayedBytes();
        }
        next = scheduler.schedule(intervalNanos, this::sample);
    }
}
