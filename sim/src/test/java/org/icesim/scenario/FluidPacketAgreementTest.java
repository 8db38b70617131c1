package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icesim.ice.IceProfile;
import org.icesim.kernel.Durations;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RunOutput;
import org.icesim.testkit.SuiteChecks;
import org.icesim.world.CallRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fluid media against per-packet media on the relayed library scenarios: the TURN figures
 * (allocations, relayed bytes and packets) and the recovery figures agree within stated
 * tolerances. Recovery may differ by up to one sample interval (100 ms) where the same path
 * comes back. Restart latency by 20 ms (the media that keeps a pair alive arrives in samples
 * instead of packets) plus one delay of libwebrtc's check loop: the new generation's first check
 * waits for the loop's next run, and the loop's phase at the restart differs between the modes
 * (its spacing depends on whether the channel looks weak, which media in samples changes). Relayed volume by 1 % (samples and
 * packets are cut at different instants at the edges of each interruption) plus the media of
 * that loop delay, which one mode relays on the old path while the other has moved on.
 */
class FluidPacketAgreementTest {
    private static final Path LIBRARY = Path.of("../scenarios");

    private static RunOutput run(String scenario, String mode) throws Exception {
        ScenarioPoint point = new ScenarioLoader().load(LIBRARY.resolve(scenario + ".yaml"), Map.of("media.mode", mode)).get(0);
        return new CallRunner().run(point, 11, SuiteChecks.options(false, Durations.seconds(1)));
    }

    /**
     * The longest wait for the check loop's next run: the strong check interval, run at the first
     * tick of the stack's timer grid after it (IceAgent.loopDelay): 250 ms on a 15.625 ms grid,
     * 265.625 ms.
     */
    private static double loopDelayMillis() {
        long tick = IceProfile.LIBWEBRTC.timerAlignment();
        long delay = (IceProfile.LIBWEBRTC.strongCheckInterval() / tick + 1) * tick;
        return delay / 1e6;
    }

    private static double relayed(List<LoadSample> load, boolean packets) {
        return load.stream().mapToLong(s -> packets ? s.relayedPackets() : s.relayedBytes()).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"turn-crash", "symmetric-both", "udp-blocked"})
    void turnAndRecoveryFiguresAgree(String scenario) throws Exception {
        RunOutput packets = run(scenario, "packets");
        RunOutput fluid = run(scenario, "fluid");
        double callMillis = new ScenarioLoader().load(LIBRARY.resolve(scenario + ".yaml"), Map.of()).get(0)
                .scenario().durationNanos() / 1e6;
        double relayedShare = 0.01 + loopDelayMillis() / callMillis;
        assertThat(fluid.result().text(Metric.TURN_ALLOCATIONS)).isEqualTo(packets.result().text(Metric.TURN_ALLOCATIONS));
        double bytes = relayed(packets.load(), false);
        assertThat(bytes).isPositive();
        assertThat(relayed(fluid.load(), false)).isCloseTo(bytes, within(bytes * relayedShare));
        double count = relayed(packets.load(), true);
        assertThat(relayed(fluid.load(), true)).isCloseTo(count, within(count * relayedShare));
        assertThat(fluid.load()).extracting(LoadSample::liveAllocations)
                .containsExactlyElementsOf(packets.load().stream().map(LoadSample::liveAllocations).toList());
        double recovery = packets.result().number(Metric.RECOVERY_MS).orElseThrow();
        assertThat(fluid.result().number(Metric.RECOVERY_MS).orElseThrow()).isCloseTo(recovery, within(100.0));
        packets.result().number(Metric.RESTART_LATENCY_MS).ifPresent(latency ->
                assertThat(fluid.result().number(Metric.RESTART_LATENCY_MS).orElseThrow())
                        .isCloseTo(latency, within(20.0 + loopDelayMillis())));
    }
}
