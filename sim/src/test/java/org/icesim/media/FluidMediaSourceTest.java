package org.icesim.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Simulator;
import org.icesim.metrics.MediaArrivals;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/** Fluid media: one sample per interval stands for exactly the packets a per-packet source would send. */
class FluidMediaSourceTest {
    private static final int AUDIO_PACKET_BYTES = 12 + 160 + 10;

    private final Simulator sim = SuiteChecks.simulator();
    private final List<long[]> sent = new ArrayList<>();
    private boolean pathUp = true;

    private FluidMediaSource audio(long interval) {
        return new FluidMediaSource(sim, MediaSpec.Audio.defaults(), interval, payload -> {
            MediaFlowSample sample = (MediaFlowSample) payload;
            if (pathUp) {
                sent.add(new long[] {sim.now(), sample.packets(), sample.bytes(), sample.spanNanos()});
            }
            return pathUp;
        });
    }

    @Test
    void eachSampleCarriesThePacketsProducedSinceThePreviousOne() {
        FluidMediaSource source = audio(millis(100));
        source.start();
        sim.runUntil(millis(250));
        // 50 pps: packets at 0, 20, ... ms; the sample at 100 ms covers 20..100 ms.
        assertThat(sent).extracting(s -> s[0], s -> s[1], s -> s[2], s -> s[3]).containsExactly(
                tuple(0L, 1L, (long) AUDIO_PACKET_BYTES, 0L),
                tuple(millis(100), 5L, 5L * AUDIO_PACKET_BYTES, millis(80)),
                tuple(millis(200), 5L, 5L * AUDIO_PACKET_BYTES, millis(80)));
        assertThat(source.packetsSent()).isEqualTo(11);
        assertThat(source.bytesSent()).isEqualTo(11L * AUDIO_PACKET_BYTES);
    }

    @Test
    void aPathChangeStartsASegmentWithTheNextPacket() {
        FluidMediaSource source = audio(millis(100));
        source.start();
        sim.scheduleAt(millis(130), source::pathChanged);
        sim.runUntil(millis(250));
        // The next packet after 130 ms is produced at 140 ms: the segment's first sample goes
        // then, standing for the packets of 120 and 140 ms, with a stretch starting at 140 ms.
        assertThat(sent).extracting(s -> s[0], s -> s[1], s -> s[3]).containsExactly(
                tuple(0L, 1L, 0L), tuple(millis(100), 5L, millis(80)), tuple(millis(140), 2L, 0L),
                tuple(millis(240), 5L, millis(80)));
    }

    @Test
    void samplesThePathCannotTakeAreCountedAsUnsent() {
        FluidMediaSource source = audio(millis(100));
        source.start();
        sim.scheduleAt(millis(50), () -> pathUp = false);
        sim.scheduleAt(millis(150), () -> pathUp = true);
        sim.runUntil(millis(250));
        assertThat(source.packetsUnsent()).isEqualTo(5);
        assertThat(source.packetsSent()).isEqualTo(6);
    }

    @Test
    void theSinkSeesAStretchWithoutGapsAndCountsEveryPacket() {
        MediaArrivals arrivals = new MediaArrivals();
        MediaSink sink = new MediaSink(sim, arrivals);
        sim.scheduleAt(millis(180), () -> sink.receive(new MediaFlowSample(5, 5 * AUDIO_PACKET_BYTES, millis(80))));
        sim.runUntil(millis(200));
        assertThat(arrivals.count()).isEqualTo(2);
        assertThat(arrivals.time(0)).isEqualTo(millis(100));
        assertThat(arrivals.time(1)).isEqualTo(millis(180));
        assertThat(arrivals.continuousWithPrevious(1)).isTrue();
        assertThat(sink.packetsReceived()).isEqualTo(5);
        assertThat(sink.bytesReceived()).isEqualTo(5L * AUDIO_PACKET_BYTES);
    }

    @Test
    void invalidParametersAreNamed() {
        assertThatThrownBy(() -> audio(0)).hasMessageContaining("sample interval must be > 0 ns, was 0");
        assertThatThrownBy(() -> new MediaFlowSample(0, 10, 0)).hasMessageContaining("packets must be ≥ 1, was 0");
        assertThatThrownBy(() -> MediaDelivery.fluid(millis(2000)))
                .hasMessageContaining("fluid sample interval must be in [1ms, 1s], was 2000000000 ns");
    }
}
