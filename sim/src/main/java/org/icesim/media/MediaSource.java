package org.icesim.media;

import org.icesim.kernel.Durations;
import org.icesim.kernel.ReusableEvent;
import org.icesim.kernel.Scheduler;

/**
 * Sends one stream of media at its nominal rate from {@link #start()} to {@link #stop()}. A
 * packet produced while the path has nowhere to go is counted as unsent, as a browser's encoder
 * keeps running while ICE has no pair. Video frames go out as a burst of packets at the frame's
 * instant (no pacer).
 */
public final class MediaSource implements MediaSender {
    private final Scheduler scheduler;
    private final MediaSpec spec;
    private final int ssrc;
    private final MediaPath path;
    private final long intervalNanos;

    /**
     * The next emission: one event armed again for every interval, so a stream allocates no
     * event per packet or sample, and the kernel moves it in place when {@link #emit} re-arms it.
     */
    private final ReusableEvent next;
    private int sequence;
    private long frames;
    private long packetsSent;
    private long packetsUnsent;
    private long bytesSent;

    public MediaSource(Scheduler scheduler, MediaSpec spec, int ssrc, MediaPath path) {
        this.scheduler = scheduler;
        this.next = scheduler.reusableEvent(this::emit);
        this.spec = spec;
        this.ssrc = ssrc;
        this.path = path;
        this.intervalNanos = Durations.NANOS_PER_SECOND / spec.eventsPerSecond();
    }

    @Override
    public void start() {
        if (!next.isPending()) {
            next.armAt(scheduler.now(), scheduler.claimSequence());
        }
    }

    @Override
    public void stop() {
        next.cancel();
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long packetsUnsent() {
        return packetsUnsent;
    }

    public long bytesSent() {
        return bytesSent;
    }

    private void emit() {
        long rtpTimestamp = frames * spec.kind().clockRate() / spec.eventsPerSecond();
        int packets = spec.packetsPerEvent();
        for (int i = 0; i < packets; i++) {
            // RFC 3550 §5.1: the marker bit flags the last packet of a video frame.
            boolean marker = spec.kind() == MediaKind.VIDEO && i == packets - 1;
            send(new RtpPacket(spec.kind(), ssrc, nextSequence(), rtpTimestamp, marker, spec.payloadBytes(i)));
        }
        frames++;
        next.armAt(scheduler.now() + intervalNanos, scheduler.claimSequence());
    }

    private int nextSequence() {
        int s = sequence;
        sequence = (sequence + 1) & 0xFFFF;
        return s;
    }

    private void send(RtpPacket packet) {
        if (path.send(packet)) {
            packetsSent++;
            bytesSent += packet.size();
        } else {
            packetsUnsent++;
        }
    }
}
