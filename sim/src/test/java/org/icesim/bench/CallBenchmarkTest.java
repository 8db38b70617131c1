package org.icesim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.RunEffort;
import org.icesim.world.CallRunner;
import org.icesim.world.RunOptions;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.junit.jupiter.api.Test;

class CallBenchmarkTest {

    private static ScenarioPoint shortCall() throws Exception {
        return new ScenarioLoader().load(Path.of("../scenarios/healthy-call.yaml"), Map.of("duration", "3s")).get(0);
    }

    @Test
    void countsTheEventsAndPacketHopsOfTheReplicationsABatchRuns() throws Exception {
        ScenarioPoint point = shortCall();
        long events = 0;
        long hops = 0;
        for (int i = 0; i < 3; i++) {
            RunEffort effort = new CallRunner().run(point, RandomStreams.replicationSeed(point.scenario().baseSeed(), i),
                    RunOptions.METRICS_ONLY).effort();
            assertThat(effort.events()).as("events of replication " + i).isGreaterThan(effort.packetHops());
            assertThat(effort.packetHops()).as("audio and video both ways for 3 s").isGreaterThan(1_000);
            events += effort.events();
            hops += effort.packetHops();
        }

        CallBenchmark.Figures figures = new CallBenchmark(point, new CallRunner()).measure(1, 3, 2, 2);

        assertThat(figures.runs()).isEqualTo(3);
        assertThat(figures.threads()).isEqualTo(2);
        assertThat(figures.events()).isEqualTo(events);
        assertThat(figures.packetHops()).isEqualTo(hops);
        assertThat(figures.cpuNanos()).isPositive();
        assertThat(figures.allocatedBytes()).isPositive();
        assertThat(figures.heapAfterGc()).as("before the runs and after each of 2 slices").hasSize(3);
        assertThat(figures.eventsPerRun()).isEqualTo(events / 3.0);
    }

    @Test
    void invalidCountsAreRefusedByName() throws Exception {
        CallBenchmark benchmark = new CallBenchmark(shortCall(), new CallRunner());
        assertThatThrownBy(() -> benchmark.measure(0, 0, 1, 1)).hasMessage("runs must be >= 1, was 0");
        assertThatThrownBy(() -> benchmark.measure(-1, 1, 1, 1)).hasMessage("warm-up runs must be >= 0, was -1");
        assertThatThrownBy(() -> benchmark.measure(0, 1, 0, 1)).hasMessage("threads must be >= 1, was 0");
    }
}
