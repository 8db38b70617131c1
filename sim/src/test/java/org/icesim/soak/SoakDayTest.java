package org.icesim.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RunResult;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.testkit.SuiteChecks;
import org.icesim.world.CallRunner;
import org.icesim.world.WorldProbe;
import org.icesim.world.WorldSizes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One simulated day of a call whose network breaks and whose ICE restarts every ten minutes
 * ({@code scenarios/soak/soak-day.yaml}): every table of the world stays under a ceiling reached
 * in the first hours (a lazily swept table under its sweep trigger), and the whole heap after a
 * full GC stays flat (the media metrics are folded as packets arrive, nothing grows with the
 * call). Run with {@code mvn -B -Psoak verify}; it prints its
 * figures.
 */
@Tag("soak")
class SoakDayTest {

    private static final long MINUTE = 60_000_000_000L;
    private static final long HOUR = 60 * MINUTE;
    /** The tables are sampled 9 minutes into each 10-minute cycle, once its restarts settled. */
    private static final long SAMPLE_EVERY = 10 * MINUTE;

    /**
     * NAT tables are swept lazily, when they reach 256 entries or twice what the last sweep left
     * (nat.SweepTrigger): dead mappings may pile up to that, whatever the length of the call.
     */
    private static final int NAT_SWEEP_FLOOR = 256;
    private static final int NATS = 2;

    private record Sample(WorldSizes sizes, long heapAfterGc) {
    }

    @Test
    void aDayOfFaultsAndRestartsKeepsEveryTableAndTheHeapBounded() throws Exception {
        ScenarioPoint point = new ScenarioLoader().load(Path.of("../scenarios/soak/soak-day.yaml")).get(0);
        List<Sample> samples = new ArrayList<>();
        WorldProbe probe = new WorldProbe() {
            @Override
            public long intervalNanos() {
                return SAMPLE_EVERY;
            }

            @Override
            public void sample(WorldSizes sizes) {
                // A full GC each simulated hour: what is left is what the run holds.
                samples.add(new Sample(sizes, sizes.timeNanos() % HOUR == 0 ? heapAfterGc() : -1));
            }
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        RunResult result = new CallRunner(probe).run(point, 1, SuiteChecks.options(false, 0)).result();
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;

        assertThat(samples).hasSize(24 * 6);
        print(samples, cpuNanos);
        assertThat(result.text(Metric.RECOVERY_MS)).as("the first outage recovers").isNotEmpty();
        // Media flows in the last hour of the day as in the second.
        long secondHour = mediaPacketsAt(samples, 2 * HOUR) - mediaPacketsAt(samples, HOUR);
        assertThat(mediaPacketsAt(samples, 24 * HOUR) - mediaPacketsAt(samples, 23 * HOUR)).isGreaterThan(secondHour * 9 / 10);

        assertThat(max(samples, 0, 24 * HOUR, WorldSizes::natMappings)).isLessThanOrEqualTo(NATS * NAT_SWEEP_FLOOR);
        // Ceilings: the most each table held in hours 1-3; the second half of the day stays under them.
        for (Table table : Table.values()) {
            long early = max(samples, HOUR, 3 * HOUR, table.size);
            long late = max(samples, 12 * HOUR, 24 * HOUR, table.size);
            assertThat(late).as("%s in the second half of the day (ceiling from hours 1-3: %d)", table, early)
                    .isLessThanOrEqualTo(early);
        }
        // The whole heap after GC stays flat.
        long early = sampleAt(samples, 2 * HOUR).heapAfterGc();
        long end = sampleAt(samples, 24 * HOUR).heapAfterGc();
        assertThat(end - early).as("heap growth from hour 2 to 24").isLessThan(8L << 20);
    }

    /** The tables that must stay bounded. */
    private enum Table {
        PENDING_EVENTS(WorldSizes::pendingEvents),
        TURN_ALLOCATIONS(WorldSizes::turnAllocations),
        TURN_PERMISSIONS(WorldSizes::turnPermissions),
        TURN_CHANNELS(WorldSizes::turnChannels),
        UDP_SOCKETS(WorldSizes::udpSockets),
        TCP_CONNECTIONS(WorldSizes::tcpConnections),
        ICE_SESSIONS(WorldSizes::iceSessions),
        ICE_ENDPOINTS(WorldSizes::iceEndpoints),
        REMOTE_GENERATIONS(WorldSizes::remoteGenerations),
        CANDIDATE_PAIRS(WorldSizes::candidatePairs);

        final ToLongFunction<WorldSizes> size;

        Table(ToLongFunction<WorldSizes> size) {
            this.size = size;
        }
    }

    private static long max(List<Sample> samples, long from, long to, ToLongFunction<WorldSizes> size) {
        return samples.stream().filter(s -> s.sizes().timeNanos() >= from && s.sizes().timeNanos() <= to)
                .mapToLong(s -> size.applyAsLong(s.sizes())).max().orElseThrow();
    }

    private static Sample sampleAt(List<Sample> samples, long time) {
        return samples.stream().filter(s -> s.sizes().timeNanos() == time).findFirst().orElseThrow();
    }

    private static long mediaPacketsAt(List<Sample> samples, long time) {
        return sampleAt(samples, time).sizes().mediaPackets();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void print(List<Sample> samples, long cpuNanos) {
        StringBuilder text = new StringBuilder("soak-day: ").append(samples.get(samples.size() - 1).sizes().eventsRun())
                .append(" simulated events in ").append(cpuNanos / 1_000_000).append(" ms CPU\n")
                .append("hour  heapMB  mediaPackets  recEvents  pending  nat  turnAlloc  turnPerm  turnChan  udp  tcp  "
                        + "iceSess  iceEndp  remoteGen  pairs\n");
        for (Sample s : samples) {
            if (s.heapAfterGc() < 0) {
                continue;
            }
            WorldSizes w = s.sizes();
            text.append(String.format("%4d  %6.1f  %12d  %9d  %7d  %3d  %9d  %8d  %8d  %3d  %3d  %7d  %7d  %9d  %5d%n",
                    w.timeNanos() / HOUR, s.heapAfterGc() / 1048576.0, w.mediaPackets(), w.recordedEvents(), w.pendingEvents(),
                    w.natMappings(), w.turnAllocations(), w.turnPermissions(), w.turnChannels(), w.udpSockets(),
                    w.tcpConnections(), w.iceSessions(), w.iceEndpoints(), w.remoteGenerations(), w.candidatePairs()));
        }
        System.out.print(text);
    }
}
