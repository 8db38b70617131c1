package org.icesim.media;

import org.icesim.kernel.Durations;
import org.icesim.kernel.ReusableEvent;
import org.icesim.kernel.Scheduler;

/**
 * Fluid media mode: a stream accounted as a rate instead of packet by packet. Every
 * {@code sampleIntervalNanos}, and at once when the path changes (a new segment), it sends one
 * {@link MediaFlowSample} standing for the packets the stream produced since the previous sample
 * (the same count, sizes and instants a {@link MediaSource} would have produced). A sample the
 * path cannot take is counted as unsent, as packets would be.
 *
 * <p>Approximations, against per-packet media: an interruption's start is seen up to one sample
 * interval early (the packets of a sample that is lost with the path are lost together); its end
 * is exact when a new pair is selected (the segment starts with the next packet) and up to one interval late
 * when the same path simply comes back; a sample meets link loss once, as one packet, so a lost
 * sample is a whole interval of lost media; links see one IP/UDP header per sample.
 */
public final class FluidMediaSource implements MediaSender {
    private final Scheduler scheduler;
    private final long intervalNanos;
    private final MediaPath path;
    private final int eventsPerSecond;
    private final int packetsPerEvent;
    private final int bytesPerEvent;

    /**
     * The next emission: one event armed again for every interval, so a stream allocates no
     * event per packet or sample, and the kernel moves it in place when {@link #emit} re-arms it.
     */
    private final ReusableEvent next;
    private long startedAt;
    /** When the current segment's first packet was produced: no stretch starts before it. */
    private long segmentStart;
    /** Events (packets or frames) produced up to the previous sample. */
    private long eventsCovered;
    private long packetsSent;
    private long packetsUnsent;
    private long bytesSent;

    public FluidMediaSource(Scheduler scheduler, MediaSpec spec, long sampleIntervalNanos, MediaPath path) {
        if (sampleIntervalNanos <= 0) {
            throw new IllegalArgumentException("sample interval must be > 0 ns, was " + sampleIntervalNanos + " ns");
        }
        this.scheduler = scheduler;
        this.next = scheduler.reusableEvent(this::emit);
        this.intervalNanos = sampleIntervalNanos;
        this.path = path;
        this.eventsPerSecond = spec.eventsPerSecond();
        this.packetsPerEvent = spec.packetsPerEvent();
        int bytes = 0;
        for (int i = 0; i < packetsPerEvent; i++) {
            bytes += RtpPacket.RTP_HEADER_BYTES + spec.payloadBytes(i) + RtpPacket.SRTP_TAG_BYTES;
        }
        this.bytesPerEvent = bytes;
    }

    @Override
    public void start() {
        if (!next.isPending()) {
            startedAt = scheduler.now();
            segmentStart = startedAt;
            eventsCovered = 0;
            next.armAt(scheduler.now(), scheduler.claimSequence());
        }
    }

    @Override
    public void stop() {
        next.cancel();
    }

    /**
     * A new segment: the sample goes out with the stream's next packet instead of at the next
     * interval, and its stretch starts there, since packets produced before the change took the
     * old path (they are still counted in this sample's bytes).
     */
    @Override
    public void pathChanged() {
        if (next.isPending()) {
            next.cancel();
            long now = scheduler.now();
            long nextEvent = ceilDiv((now - startedAt) * eventsPerSecond, Durations.NANOS_PER_SECOND);
            segmentStart = startedAt + ceilDiv(nextEvent * Durations.NANOS_PER_SECOND, eventsPerSecond);
            next.armAt(segmentStart, scheduler.claimSequence());
        }
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
        long now = scheduler.now();
        // The stream produces an event at start and every 1/eventsPerSecond after it.
        long produced = (now - startedAt) * eventsPerSecond / Durations.NANOS_PER_SECOND + 1;
        long events = produced - eventsCovered;
        if (events > 0) {
            long firstEventAt = Math.max(segmentStart,
                    startedAt + ceilDiv(eventsCovered * Durations.NANOS_PER_SECOND, eventsPerSecond));
            int packets = Math.toIntExact(events * packetsPerEvent);
            int bytes = Math.toIntExact(events * bytesPerEvent);
            if (path.send(new MediaFlowSample(packets, bytes, now - firstEventAt))) {
                packetsSent += packets;
                bytesSent += bytes;
            } else {
                packetsUnsent += packets;
            }
            eventsCovered = produced;
        }
        next.armAt(scheduler.now() + intervalNanos, scheduler.claimSequence());
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
