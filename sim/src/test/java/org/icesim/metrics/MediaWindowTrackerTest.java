package org.icesim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The online tracker against the batch definition ({@link MediaWindow#of} over the whole
 * {@link MediaArrivals} log): the same figures for any arrival sequence, whenever the window is
 * opened.
 */
class MediaWindowTrackerTest {
    private static final long MS = 1_000_000L;

    /** What a sink reports: one packet at {@code from}, or a stretch from {@code from} to {@code to}. */
    private record Arrival(long from, long to, boolean stretch) {
        /** The simulated time at which the sink reports it: a stretch is reported at its end. */
        long reportedAt() {
            return to;
        }

        void into(MediaArrivalLog log) {
            if (stretch) {
                log.arrivedThrough(from, to);
            } else {
                log.arrived(from);
            }
        }
    }

    @Test
    void onlineFiguresEqualTheBatchDefinitionOverRandomArrivals() {
        SplittableRandom random = new SplittableRandom(20261129L);
        int interruptedAndRecovered = 0;
        int neverRecovered = 0;
        int atExactlyFrom = 0;
        for (int run = 0; run < 5_000; run++) {
            long threshold = random.nextLong(1, 20) * MS;
            List<Arrival> arrivals = randomArrivals(random, threshold);
            long lastReport = arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).reportedAt();
            // Windows starting on an arrival, between arrivals, before all and after all of them.
            long from = random.nextInt(4) == 0 && !arrivals.isEmpty()
                    ? arrivals.get(random.nextInt(arrivals.size())).from()
                    : random.nextLong(0, lastReport + 3 * threshold + 1);
            long end = Math.max(from, lastReport) + random.nextLong(0, 3 * threshold + 1);

            MediaArrivals log = new MediaArrivals();
            arrivals.forEach(a -> a.into(log));
            MediaContinuity expected = log.window(from, end, threshold);

            MediaWindowTracker known = new MediaWindowTracker(threshold);
            known.open(from);
            arrivals.forEach(a -> a.into(known));
            assertThat(known.window(from, end, threshold)).as("window opened before the run, run %d", run)
                    .isEqualTo(expected);

            MediaWindowTracker opened = openedAsItHappens(random, arrivals, from, threshold);
            assertThat(opened.window(from, end, threshold)).as("window opened as it happened, run %d", run)
                    .isEqualTo(expected);

            if (expected.recoveryNanos().isEmpty()) {
                neverRecovered++;
            } else if (expected.recoveryNanos().getAsLong() > 0) {
                interruptedAndRecovered++;
            }
            if (arrivals.stream().anyMatch(a -> a.from() == from || a.to() == from)) {
                atExactlyFrom++;
            }
        }
        // The sequences reach every case the definition distinguishes.
        assertThat(interruptedAndRecovered).isGreaterThan(250);
        assertThat(neverRecovered).isGreaterThan(250);
        assertThat(atExactlyFrom).isGreaterThan(250);
    }

    /**
     * Opens the window while the arrivals are reported in simulated-time order: at the start
     * instant, among the reports of that same instant at a random place, and sometimes after an
     * earlier window (a first selected pair before the first restart) that it replaces.
     */
    private static MediaWindowTracker openedAsItHappens(SplittableRandom random, List<Arrival> arrivals, long from,
            long threshold) {
        MediaWindowTracker tracker = new MediaWindowTracker(threshold);
        boolean earlier = random.nextBoolean();
        long earlierAt = earlier ? random.nextLong(0, from + 1) : -1;
        boolean earlierOpened = false;
        boolean open = false;
        for (Arrival a : arrivals) {
            if (earlier && !earlierOpened && a.reportedAt() > earlierAt) {
                tracker.open(earlierAt);
                earlierOpened = true;
            }
            boolean sameInstant = a.reportedAt() == from;
            if (!open && (a.reportedAt() > from || sameInstant && random.nextBoolean())) {
                openAt(tracker, from, earlier && !earlierOpened ? earlierAt : -1);
                earlierOpened = true;
                open = true;
            }
            a.into(tracker);
        }
        if (!open) {
            openAt(tracker, from, earlier && !earlierOpened ? earlierAt : -1);
        }
        return tracker;
    }

    private static void openAt(MediaWindowTracker tracker, long from, long earlierAt) {
        if (earlierAt >= 0) {
            tracker.open(earlierAt);
        }
        tracker.open(from);
    }

    /**
     * Packets with spacing below and above the threshold, bursts at one instant, and fluid-mode
     * stretches that may begin before the previous arrival; sometimes none at all.
     */
    private static List<Arrival> randomArrivals(SplittableRandom random, long threshold) {
        List<Arrival> arrivals = new ArrayList<>();
        int count = random.nextInt(8) == 0 ? 0 : random.nextInt(1, 30);
        long now = random.nextLong(0, 2 * threshold);
        for (int i = 0; i < count; i++) {
            int step = random.nextInt(10);
            if (step < 2) {
                now += 0;
            } else if (step < 7) {
                now += random.nextLong(1, threshold + 1);
            } else {
                now += threshold + random.nextLong(0, 3 * threshold);
            }
            if (random.nextInt(4) == 0) {
                long span = random.nextLong(0, 2 * threshold);
                arrivals.add(new Arrival(Math.max(0, now - span), now, true));
            } else {
                arrivals.add(new Arrival(now, now, false));
            }
        }
        return arrivals;
    }

    @Test
    void anArrivalAtTheStartIsTheLastOneBeforeTheWindow_asFirstAfterIsStrict() {
        MediaWindowTracker tracker = new MediaWindowTracker(200 * MS);
        tracker.arrived(900 * MS);
        tracker.open(1_000 * MS);
        tracker.arrived(1_000 * MS);
        tracker.arrived(1_500 * MS);

        // The gap 1000 → 1500 ms ended the first interruption; 900 → 1000 ms lies before the window.
        assertThat(tracker.window(1_000 * MS, 2_000 * MS, 200 * MS))
                .isEqualTo(new MediaContinuity(500 * MS, 1_000 * MS, OptionalLong.of(500 * MS)));
    }

    @Test
    void aStretchAcrossTheStartHasNoGapInside() {
        MediaWindowTracker tracker = new MediaWindowTracker(200 * MS);
        tracker.open(1_000 * MS);
        tracker.arrived(500 * MS);
        tracker.arrivedThrough(800 * MS, 1_400 * MS);

        assertThat(tracker.window(1_000 * MS, 1_500 * MS, 200 * MS))
                .isEqualTo(new MediaContinuity(100 * MS, 0, OptionalLong.of(0)));
    }

    @Test
    void withoutArrivalsTheWholeWindowIsOneOpenInterruption() {
        MediaWindowTracker tracker = new MediaWindowTracker(200 * MS);
        tracker.open(1_000 * MS);

        assertThat(tracker.window(1_000 * MS, 3_000 * MS, 200 * MS))
                .isEqualTo(new MediaContinuity(2_000 * MS, 2_000 * MS, OptionalLong.empty()));
    }

    @Test
    void reopeningStartsTheFiguresOverFromTheNewStart() {
        MediaWindowTracker tracker = new MediaWindowTracker(200 * MS);
        tracker.open(0);
        tracker.arrived(1_000 * MS);
        tracker.open(1_000 * MS);
        tracker.arrived(1_100 * MS);

        assertThat(tracker.window(1_000 * MS, 1_200 * MS, 200 * MS))
                .isEqualTo(new MediaContinuity(100 * MS, 0, OptionalLong.of(0)));
    }

    @Test
    void aWindowItDidNotTrackIsRefused() {
        MediaWindowTracker tracker = new MediaWindowTracker(200 * MS);
        assertThatThrownBy(() -> tracker.window(0, 1_000 * MS, 200 * MS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window start must be the one opened");
        tracker.open(500 * MS);
        assertThatThrownBy(() -> tracker.window(400 * MS, 1_000 * MS, 200 * MS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 400000000 ns");
        assertThatThrownBy(() -> tracker.window(500 * MS, 1_000 * MS, 100 * MS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interruption threshold");
        tracker.arrived(1_200 * MS);
        assertThatThrownBy(() -> tracker.window(500 * MS, 1_000 * MS, 200 * MS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window end");
        assertThatThrownBy(() -> tracker.open(1_000 * MS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window start must not be before");
        assertThatThrownBy(() -> tracker.arrived(1_100 * MS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the previous one");
    }
}
