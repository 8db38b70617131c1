package org.icesim.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icesim.kernel.Scheduler;
import org.icesim.media.MediaSink;
import org.icesim.metrics.MediaSample;

/**
 * Counts, every {@link #INTERVAL_NANOS} of simulated time, the media each peer's sink received
 * since the previous count: the received rate of each direction over the run (media.csv). It only
 * reads the sinks' counters, so a sampled run has the same results as one that is not.
 */
final class MediaRateSampler {

    /**
     * 100 ms: half the default interruption threshold (200 ms, metrics.interruption-threshold), so
     * every interruption the metrics count spans at least one whole interval with nothing received.
     */
    static final long INTERVAL_NANOS = 100_000_000L;

    private final Scheduler scheduler;
    private final Map<String, MediaSink> sinks;
    private final Map<String, long[]> last = new LinkedHashMap<>();
    private final List<MediaSample> samples = new ArrayList<>();

    /** @param sinks each receiving peer's sink, by peer name, in the order their samples are listed at each instant */
    MediaRateSampler(Scheduler scheduler, Map<String, MediaSink> sinks) {
        this.scheduler = scheduler;
        this.sinks = new LinkedHashMap<>(sinks);
    }

    /** Takes a sample every interval from now on; the first covers the interval starting now. */
    void start() {
        sinks.forEach((peer, sink) -> last.put(peer, new long[] {sink.packetsReceived(), sink.bytesReceived()}));
        scheduler.post(INTERVAL_NANOS, this::sample);
    }

    /** Every sample so far, in time order, peers in the order given at each instant. */
    List<MediaSample> samples() {
        return List.copyOf(samples);
    }

    private void sample() {
        sinks.forEach((peer, sink) -> {
            long[] before = last.get(peer);
            samples.add(new MediaSample(scheduler.now(), INTERVAL_NANOS, peer, sink.packetsReceived() - before[0],
                    sink.bytesReceived() - before[1]));
            before[0] = sink.packetsReceived();
            before[1] = sink.bytesReceived();
        });
        scheduler.post(INTERVAL_NANOS, this::sample);
    }
}
