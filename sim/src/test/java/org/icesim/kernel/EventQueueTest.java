package org.icesim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link EventQueue} against a plain sorted set of (time, sequence) keys: whatever the mix of
 * additions, removals and re-keyed roots, the queue must hand out exactly the set's first entry
 * every time. The queue changes its layout with its length (the heap alone; rungs of buckets
 * beyond 256 events; finer rungs for crowded buckets), so each case is run at lengths on both
 * sides of that and with delays spread thinly, densely, and piled up on single instants.
 */
class EventQueueTest {

    private static final class Entry extends QueueEntry {
        Entry(long time, long sequence) {
            this.time = time;
            this.sequence = sequence;
        }

        @Override
        public String toString() {
            return "(" + time + " ns, sequence " + sequence + ")";
        }
    }

    private static final Comparator<QueueEntry> ORDER =
            Comparator.<QueueEntry>comparingLong(e -> e.time).thenComparingLong(e -> e.sequence);

    private final EventQueue queue = new EventQueue();
    private final TreeSet<QueueEntry> reference = new TreeSet<>(ORDER);
    private final List<Entry> queued = new ArrayList<>();
    private long now;
    private long nextSequence;
    private SplittableRandom random;

    @Test
    void entriesDueAtTheSameInstantComeOutInSequenceOrderAtAnyLength() {
        for (int length : new int[] {3, 300, 20_000}) {
            // Sequences added in a shuffled order, all at one instant, then as many one tick later.
            random = new SplittableRandom(length);
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < 2 * length; i++) {
                entries.add(new Entry(i < length ? 500 : 501, i));
            }
            for (int i = entries.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Entry swap = entries.get(i);
                entries.set(i, entries.get(j));
                entries.set(j, swap);
            }
            entries.forEach(queue::add);
            for (int i = 0; i < 2 * length; i++) {
                QueueEntry first = queue.first();
                assertThat(first.time).isEqualTo(i < length ? 500 : 501);
                assertThat(first.sequence).isEqualTo(i);
                queue.removeFirst();
                assertThat(first.queued()).isFalse();
            }
            assertThat(queue.first()).isNull();
            assertThat(queue.size()).isZero();
        }
    }

    @Test
    void anEntryRemovedFromTheHeapOrFromABucketLeavesAtOnce() {
        // 2 000 entries: the first call to first() spreads them over rungs, so later removals
        // take entries out of buckets as well as out of the heap.
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Entry entry = new Entry(1_000L * (i % 997), i);
            entries.add(entry);
            queue.add(entry);
        }
        assertThat(queue.first().time).isZero();
        for (int i = 0; i < entries.size(); i += 3) {
            queue.remove(entries.get(i));
            assertThat(entries.get(i).queued()).isFalse();
        }
        assertThat(queue.size()).isEqualTo(2_000 - 667);
        List<Entry> expected = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (i % 3 != 0) {
                expected.add(entries.get(i));
            }
        }
        expected.sort(ORDER);
        List<QueueEntry> drained = new ArrayList<>();
        for (QueueEntry first = queue.first(); first != null; first = queue.first()) {
            drained.add(first);
            queue.removeFirst();
        }
        assertThat(drained).containsExactlyElementsOf(expected);
    }

    @Test
    void aReKeyedRootMovesToItsNewPlaceInTheHeapOrOnTheLadder() {
        // The hold model: the first entry is given a later key in place, again and again; the
        // queue keeps its length and hands the entries out in key order.
        random = new SplittableRandom(5);
        for (int i = 0; i < 1_000; i++) {
            addAt(random.nextLong(1_000_000));
        }
        long previousTime = -1;
        long previousSequence = -1;
        for (int i = 0; i < 100_000; i++) {
            QueueEntry first = queue.first();
            assertThat(first).isSameAs(reference.first());
            assertThat(first.time > previousTime || (first.time == previousTime && first.sequence > previousSequence))
                    .isTrue();
            previousTime = first.time;
            previousSequence = first.sequence;
            reference.remove(first);
            first.time += random.nextLong(1_000_000);
            first.sequence = nextSequence++;
            queue.rekey(first);
            reference.add(first);
        }
        assertThat(queue.size()).isEqualTo(1_000);
    }

    @Test
    void shortQueuesMatchASortedSet() {
        runAgainstReference(11, 8, () -> 0, 30_000);
        runAgainstReference(12, 40, this::smallDelay, 30_000);
    }

    @Test
    void queuesOfHundredsMatchASortedSet() {
        runAgainstReference(21, 400, this::smallDelay, 60_000);
        runAgainstReference(22, 1_000, this::exponentialDelay, 60_000);
        runAgainstReference(23, 600, this::clusteredDelay, 60_000);
    }

    @Test
    void queuesOfTensOfThousandsMatchASortedSet() {
        runAgainstReference(31, 30_000, this::exponentialDelay, 200_000);
        runAgainstReference(32, 20_000, this::spreadDelay, 200_000);
        runAgainstReference(33, 20_000, this::clusteredDelay, 200_000);
    }

    @Test
    void aQueueThatGrowsAndEmptiesAgainMatchesASortedSet() {
        // Lengths rise to thousands and fall to nothing, so the queue builds and drops its
        // ladder many times.
        random = new SplittableRandom(41);
        for (int round = 0; round < 6; round++) {
            int target = 10 + random.nextInt(5_000);
            while (queue.size() < target) {
                addAt(now + spreadDelay());
            }
            while (queue.size() > 0) {
                step(this::exponentialDelay, 0);
            }
            assertThat(queue.first()).isNull();
        }
    }

    /** Random steps around {@code length} entries, checked against the sorted set after each. */
    private void runAgainstReference(long seed, int length, LongSupplier delay, int steps) {
        random = new SplittableRandom(seed);
        while (queue.size() < length) {
            addAt(now + delay.getAsLong());
        }
        for (int i = 0; i < steps; i++) {
            step(delay, length);
        }
        while (queue.size() > 0) {
            step(delay, 0);
        }
        assertThat(queue.first()).isNull();
    }

    /**
     * One step of what the simulator does: add an entry, remove a queued one (a cancellation),
     * or take the first, which it either removes or, after adding a few more entries (its
     * action), re-keys or removes (an event used again or not), as a held event is. With
     * {@code length} 0 the queue drains: nothing is added.
     */
    private void step(LongSupplier delay, int length) {
        int choice = random.nextInt(10);
        if (queue.size() == 0 || (choice < 3 && queue.size() < length)) {
            addAt(now + delay.getAsLong());
        } else if (choice < 4 && !queued.isEmpty()) {
            Entry victim = queued.get(random.nextInt(queued.size()));
            if (victim.queued()) {
                queue.remove(victim);
                assertThat(reference.remove(victim)).isTrue();
                assertThat(victim.queued()).isFalse();
            }
        } else {
            QueueEntry first = queue.first();
            assertThat(first).isSameAs(reference.first());
            assertThat(first.time).isGreaterThanOrEqualTo(now);
            now = first.time;
            int action = random.nextInt(4);
            if (action == 0) {
                queue.removeFirst();
                reference.remove(first);
            } else {
                for (int i = length == 0 ? 0 : random.nextInt(3); i > 0; i--) { // none while draining
                    addAt(now + delay.getAsLong());
                }
                reference.remove(first);
                if (action == 1) {
                    queue.remove(first);
                } else {
                    first.time = now + delay.getAsLong();
                    first.sequence = nextSequence++;
                    queue.rekey(first);
                    reference.add(first);
                }
            }
            assertThat(first.queued()).isEqualTo(reference.contains(first));
        }
        assertThat(queue.size()).isEqualTo(reference.size());
        if (queued.size() > 2 * reference.size() + 64) {
            queued.removeIf(e -> !e.queued());
        }
    }

    private void addAt(long time) {
        Entry entry = new Entry(time, nextSequence++);
        queue.add(entry);
        reference.add(entry);
        queued.add(entry);
        assertThat(entry.queued()).isTrue();
    }

    private long smallDelay() {
        return random.nextLong(40);
    }

    /** Exponential with a 1 ms mean, the hold model's delays. */
    private long exponentialDelay() {
        return (long) (-Math.log(1 - random.nextDouble()) * 1_000_000);
    }

    /** Mostly packet-like delays, some timers of seconds, a few events a simulated year away. */
    private long spreadDelay() {
        int kind = random.nextInt(100);
        if (kind < 80) {
            return random.nextLong(50_000_000);
        }
        return kind < 99 ? random.nextLong(60_000_000_000L) : 31_536_000_000_000_000L + random.nextLong(1_000);
    }

    /** Most entries on a few instants (bursts at the same time), the rest near them. */
    private long clusteredDelay() {
        int kind = random.nextInt(10);
        if (kind < 4) {
            return 0;
        }
        return kind < 8 ? 1_000_000 * random.nextInt(3) : random.nextLong(3_000_000);
    }
}
