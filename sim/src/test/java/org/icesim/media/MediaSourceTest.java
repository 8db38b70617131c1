package org.icesim.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Durations;
import org.icesim.kernel.Simulator;
import org.icesim.net.Payload;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

class MediaSourceTest {

    private final Simulator sim = SuiteChecks.simulator();
    private final List<Long> sentAt = new ArrayList<>();
    private final List<RtpPacket> sent = new ArrayList<>();

    private MediaSource source(MediaSpec spec, boolean pathUp) {
        return new MediaSource(sim, spec, 0x1234, (Payload p) -> {
            if (!pathUp) {
                return false;
            }
            sentAt.add(sim.now());
            sent.add((RtpPacket) p);
            return true;
        });
    }

    @Test
    void audioIsFiftyPacketsASecondOfRealSize() {
        MediaSource audio = source(MediaSpec.Audio.defaults(), true);
        audio.start();
        sim.runUntil(Durations.millis(999));
        assertThat(sentAt).hasSize(50);
        assertThat(sentAt.get(1)).isEqualTo(Durations.millis(20));
        assertThat(sent.get(0).size()).isEqualTo(12 + 160 + 10);
        assertThat(sent.get(49).sequenceNumber()).isEqualTo(49);
        assertThat(sent.get(1).rtpTimestamp()).isEqualTo(960); // 20 ms at 48 kHz
        assertThat(audio.bytesSent()).isEqualTo(50L * 182);
    }

    @Test
    void videoFramesAreSplitIntoPacketsWithTheMarkerOnTheLast() {
        MediaSpec.Video spec = MediaSpec.Video.of(30, 1_500_000);
        assertThat(spec.frameBytes()).isEqualTo(6250);
        assertThat(spec.packetsPerEvent()).isEqualTo(6);
        MediaSource video = source(spec, true);
        video.start();
        sim.runUntil(Durations.millis(40));
        assertThat(sent).hasSize(12);
        assertThat(sent.subList(0, 6)).extracting(RtpPacket::payloadBytes).containsExactly(1200, 1200, 1200, 1200, 1200, 250);
        assertThat(sent.subList(0, 6)).extracting(RtpPacket::marker).containsExactly(false, false, false, false, false, true);
        assertThat(sentAt.get(6)).isEqualTo(33_333_333L);
        assertThat(sent.get(6).rtpTimestamp()).isEqualTo(3000); // one frame of a 90 kHz clock at 30 fps
    }

    @Test
    void withoutAPathPacketsAreCountedUnsent() {
        MediaSource audio = source(MediaSpec.Audio.defaults(), false);
        audio.start();
        sim.runUntil(Durations.millis(100));
        assertThat(audio.packetsSent()).isZero();
        assertThat(audio.packetsUnsent()).isEqualTo(6);
    }

    @Test
    void stopStopsAndStartResumes() {
        MediaSource audio = source(MediaSpec.Audio.defaults(), true);
        audio.start();
        sim.runUntil(Durations.millis(30));
        audio.stop();
        sim.runUntil(Durations.millis(1000));
        assertThat(sentAt).containsExactly(0L, Durations.millis(20));
        audio.start();
        audio.start();
        sim.runUntil(Durations.millis(1000));
        assertThat(sentAt).hasSize(3);
    }

    @Test
    void sinkRecordsMediaArrivalsOnly() {
        MediaSink sink = new MediaSink(sim, new org.icesim.metrics.MediaArrivals());
        assertThat(sink.receive(new RtpPacket(MediaKind.AUDIO, 1, 0, 0, false, 160))).isTrue();
        assertThat(sink.receive(() -> 10)).isFalse();
        assertThat(sink.packetsReceived()).isEqualTo(1);
        assertThat(sink.bytesReceived()).isEqualTo(182);
    }

    @Test
    void invalidSpecsNameTheParameter() {
        assertThatThrownBy(() -> new MediaSpec.Audio(0, 160)).hasMessageContaining("audio packets per second");
        assertThatThrownBy(() -> new MediaSpec.Video(30, 10, 1200)).hasMessageContaining("video bit rate");
    }

    @Test
    void rtpHeaderBytesAreReal() {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(200);
        RtpPacket packet = new RtpPacket(MediaKind.VIDEO, 0xCAFEBABE, 7, 90_000, true, 100);
        packet.encode(out);
        assertThat(out.position()).isEqualTo(packet.size());
        assertThat(out.get(0)).isEqualTo((byte) 0x80);
        assertThat(out.get(1)).isEqualTo((byte) (0x80 | 96));
        assertThat(out.getShort(2)).isEqualTo((short) 7);
        assertThat(out.getInt(4)).isEqualTo(90_000);
        assertThat(out.getInt(8)).isEqualTo(0xCAFEBABE);
    }
}
