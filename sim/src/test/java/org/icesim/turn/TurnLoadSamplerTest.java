package org.icesim.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.List;
import org.junit.jupiter.api.Test;

class TurnLoadSamplerTest {

    private final TurnWorld world = new TurnWorld();

    @Test
    void samplesLiveAllocationsAllocationRateAndRelayedTrafficPerInterval() {
        TurnLoadSampler sampler = new TurnLoadSampler(world.sim, seconds(1), List.of(world.server));
        sampler.start();
        TurnClient first = world.client(world.clientConfig("alice"), 0, new RecordingListener());
        first.allocate();
        world.sim.scheduleAt(millis(1500), () -> world.client(world.clientConfig("bob"), 0, new RecordingListener()).allocate());
        world.sim.scheduleAt(millis(2500), () -> world.client(world.clientConfig("carol"), 0, new RecordingListener()).allocate());
        world.sim.scheduleAt(millis(2500), () -> first.createPermission(world.peer.address().ip()));
        for (int i = 0; i < 10; i++) {
            int seq = i;
            world.sim.scheduleAt(millis(3000 + 50 * i),
                    () -> world.peer.socket.send(first.relayedAddress().orElseThrow(), new TestPayload(seq, 100)));
        }
        world.sim.scheduleAt(millis(4500), first::close);
        world.sim.runUntil(seconds(5));

        assertThat(sampler.samples()).extracting(TurnLoadSample::timeNanos)
                .containsExactly(seconds(1), seconds(2), seconds(3), seconds(4), seconds(5));
        assertThat(sampler.samples()).extracting(TurnLoadSample::liveAllocations).containsExactly(1, 2, 3, 3, 2);
        assertThat(sampler.samples()).extracting(TurnLoadSample::allocationsCreated).containsExactly(1L, 1L, 1L, 0L, 0L);
        TurnLoadSample busy = sampler.samples("turn1").get(3);
        assertThat(busy.relayedPackets()).isEqualTo(10);
        assertThat(busy.relayedBytes()).isEqualTo(1000);
        assertThat(busy.relayedPacketsPerSecond()).isEqualTo(10.0);
        assertThat(busy.relayedBytesPerSecond()).isEqualTo(1000.0);
        assertThat(sampler.samples().get(0).allocationsPerSecond()).isEqualTo(1.0);
        assertThat(world.server.counters().peakLiveAllocations()).isEqualTo(3);
    }

    @Test
    void aHalfSecondIntervalDoublesTheRates() {
        TurnLoadSampler sampler = new TurnLoadSampler(world.sim, millis(500), List.of(world.server));
        sampler.start();
        world.client(world.clientConfig("alice"), 0, new RecordingListener()).allocate();
        world.sim.runUntil(millis(500));
        assertThat(sampler.samples()).singleElement().satisfies(sample -> {
            assertThat(sample.allocationsCreated()).isEqualTo(1);
            assertThat(sample.allocationsPerSecond()).isEqualTo(2.0);
        });
        sampler.stop();
        world.sim.runUntil(seconds(2));
        assertThat(sampler.samples()).hasSize(1);
    }

    @Test
    void invalidSamplersAreRefused() {
        assertThatThrownBy(() -> new TurnLoadSampler(world.sim, 0, List.of(world.server)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sampling interval must be > 0 ns, was 0 ns");
        assertThatThrownBy(() -> new TurnLoadSampler(world.sim, seconds(1), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one server");
        TurnLoadSampler sampler = new TurnLoadSampler(world.sim, seconds(1), List.of(world.server));
        sampler.start();
        assertThatThrownBy(sampler::start).isInstanceOf(IllegalStateException.class);
    }
}
