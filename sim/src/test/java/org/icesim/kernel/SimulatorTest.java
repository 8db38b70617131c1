package org.icesim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private final Simulator sim = new Simulator(true);
    private final List<String> log = new ArrayList<>();

    private Runnable record(String name) {
        return () -> log.add(name + "@" + sim.now());
    }

    @Test
    void runsEventsInTimeOrder() {
        sim.schedule(30, record("c"));
        sim.schedule(10, record("a"));
        sim.schedule(20, record("b"));
        sim.run();
        assertThat(log).containsExactly("a@10", "b@20", "c@30");
        assertThat(sim.eventsRun()).isEqualTo(3);
    }

    @Test
    void eventsAtTheSameInstantRunInSchedulingOrder() {
        for (int i = 0; i < 50; i++) {
            sim.schedule(100, record("e" + i));
        }
        sim.run();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("e" + i + "@100");
        }
        assertThat(log).isEqualTo(expected);
    }

    @Test
    void cancelledEventsDoNotRunAndLeaveTheQueue() {
        Timer a = sim.schedule(10, record("a"));
        sim.schedule(20, record("b"));
        Timer c = sim.schedule(30, record("c"));
        assertThat(a.cancel()).isTrue();
        assertThat(a.cancel()).isFalse();
        assertThat(a.isPending()).isFalse();
        assertThat(c.isPending()).isTrue();
        assertThat(sim.pending()).isEqualTo(2);
        c.cancel();
        sim.run();
        assertThat(log).containsExactly("b@20");
        assertThat(c.time()).isEqualTo(30);
    }

    @Test
    void aReusableEventRunsInThePlaceItsClaimedSequenceGivesIt() {
        long claimedFirst = sim.claimSequence();
        sim.schedule(10, record("scheduled-after-the-claim"));
        ReusableEvent reusable = sim.reusableEvent(record("reusable"));
        reusable.armAt(10, claimedFirst);
        long claimedLast = sim.claimSequence();
        sim.schedule(20, record("scheduled-after-the-second-claim"));
        sim.schedule(5, () -> {
            log.add("arming@" + sim.now());
            assertThat(reusable.isPending()).isTrue();
        });
        sim.runUntil(15);
        assertThat(reusable.isPending()).isFalse();
        reusable.armAt(20, claimedLast);
        sim.run();
        // Armed long after the other event at 20 was scheduled, it still runs first: it claimed its place before.
        assertThat(log).containsExactly("arming@5", "reusable@10", "scheduled-after-the-claim@10",
                "reusable@20", "scheduled-after-the-second-claim@20");
        assertThat(sim.eventsRun()).isEqualTo(5);
    }

    @Test
    void aReusableEventIsArmedOnceAtATimeWithAClaimedSequenceAndCanBeCancelledAndArmedAgain() {
        ReusableEvent reusable = sim.reusableEvent(record("r"));
        long claimed = sim.claimSequence();
        assertThatThrownBy(() -> reusable.armAt(10, claimed + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence must be one claimed from claimSequence() (0 to 0), was 1");
        reusable.armAt(10, claimed);
        assertThatThrownBy(() -> reusable.armAt(10, claimed)).isInstanceOf(IllegalStateException.class);
        assertThat(reusable.cancel()).isTrue();
        assertThat(reusable.cancel()).isFalse();
        assertThat(sim.pending()).isZero();
        reusable.armAt(30, claimed);
        sim.run();
        assertThat(log).containsExactly("r@30");
    }

    @Test
    void cancellingAnEventThatRanReturnsFalse() {
        Timer a = sim.schedule(5, record("a"));
        sim.run();
        assertThat(a.isPending()).isFalse();
        assertThat(a.cancel()).isFalse();
    }

    @Test
    void anActionMaySchedulAndCancelOtherEvents() {
        Timer[] later = new Timer[1];
        later[0] = sim.schedule(50, record("never"));
        sim.schedule(10, () -> {
            log.add("first@" + sim.now());
            later[0].cancel();
            sim.schedule(0, record("same-instant"));
            sim.schedule(5, record("child"));
        });
        sim.schedule(10, record("sibling"));
        sim.run();
        assertThat(log).containsExactly("first@10", "sibling@10", "same-instant@10", "child@15");
    }

    @Test
    void runUntilStopsAtTheBoundaryAndAdvancesTheClock() {
        sim.schedule(10, record("a"));
        sim.schedule(20, record("b"));
        sim.schedule(21, record("c"));
        sim.runUntil(20);
        assertThat(log).containsExactly("a@10", "b@20");
        assertThat(sim.now()).isEqualTo(20);
        sim.runUntil(100);
        assertThat(log).containsExactly("a@10", "b@20", "c@21");
        assertThat(sim.now()).isEqualTo(100);
    }

    @Test
    void stopReturnsAfterTheCurrentEvent() {
        sim.schedule(10, () -> {
            log.add("a@" + sim.now());
            sim.stop();
        });
        sim.schedule(10, record("b"));
        sim.run();
        assertThat(log).containsExactly("a@10");
        assertThat(sim.now()).isEqualTo(10);
        sim.run();
        assertThat(log).containsExactly("a@10", "b@10");
    }

    @Test
    void schedulingInThePastIsAnError() {
        Simulator sim = new Simulator(false);
        sim.runUntil(100);
        assertThatThrownBy(() -> sim.schedule(-1, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> sim.scheduleAt(99, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 ns");
        assertThatThrownBy(() -> sim.runUntil(50)).isInstanceOf(IllegalArgumentException.class);
        ReusableEvent reusable = sim.reusableEvent(() -> { });
        long claimed = sim.claimSequence();
        assertThatThrownBy(() -> reusable.armAt(99, claimed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot arm an event at 99 ns: the simulated clock is already at 100 ns");
    }

    @Test
    void randomScheduleAndCancelMatchesASortedReference() {
        // A heap with index bookkeeping is easy to get subtly wrong; compare with a plain sort.
        SplittableRandom random = new SplittableRandom(7);
        List<long[]> expected = new ArrayList<>(); // {time, id}
        List<Timer> timers = new ArrayList<>();
        List<Long> ran = new ArrayList<>();
        for (int id = 0; id < 5_000; id++) {
            long time = random.nextLong(1_000);
            long eventId = id;
            timers.add(sim.schedule(time, () -> ran.add(eventId)));
            expected.add(new long[] {time, id});
        }
        for (int i = 0; i < 2_000; i++) {
            int victim = random.nextInt(timers.size());
            if (timers.get(victim).cancel()) {
                expected.removeIf(e -> e[1] == victim);
            }
        }
        expected.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        sim.run();
        assertThat(ran).containsExactlyElementsOf(expected.stream().map(e -> e[1]).toList());
    }

    @Test
    void timersOfALongQueueStayPendingUntilTheyRunOrAreCancelledFromAnAction() {
        // 20 000 timers make the queue spread them over buckets; cancelling from actions while it
        // runs takes timers out of buckets as well as out of the heap.
        SplittableRandom random = new SplittableRandom(17);
        List<Timer> timers = new ArrayList<>();
        List<long[]> expected = new ArrayList<>(); // {time, index}
        List<Long> ran = new ArrayList<>();
        boolean[] cancelled = new boolean[20_000];
        for (int i = 0; i < cancelled.length; i++) {
            long time = 1 + random.nextLong(10_000_000);
            int index = i;
            timers.add(sim.schedule(time, () -> {
                ran.add((long) index);
                assertThat(timers.get(index).isPending()).isFalse();
                for (int k = 0; k < 2; k++) {
                    int victim = random.nextInt(timers.size());
                    Timer timer = timers.get(victim);
                    long at = expected.get(victim)[0];
                    boolean due = at > sim.now() || (at == sim.now() && victim > index);
                    assertThat(timer.isPending()).isEqualTo(due && !cancelled[victim]);
                    if (timer.cancel()) {
                        cancelled[victim] = true;
                        assertThat(timer.isPending()).isFalse();
                    }
                }
            }));
            expected.add(new long[] {time, i});
        }
        sim.run();
        expected.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<Long> notCancelled = new ArrayList<>();
        for (long[] e : expected) {
            if (!cancelled[(int) e[1]]) {
                notCancelled.add(e[1]);
            }
        }
        assertThat(ran).containsExactlyElementsOf(notCancelled);
        assertThat(ran.size()).isBetween(5_000, 15_000);
        for (long[] e : expected) { // cancelled or run, a timer still tells its time
            assertThat(timers.get((int) e[1]).time()).isEqualTo(e[0]);
        }
        assertThat(sim.pending()).isZero();
    }

    @Test
    void timeNeverGoesBackward() {
        SplittableRandom random = new SplittableRandom(3);
        long[] last = {0};
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            assertThat(sim.now()).isGreaterThanOrEqualTo(last[0]);
            last[0] = sim.now();
            if (sim.eventsRun() < 10_000) {
                sim.schedule(random.nextLong(50), step[0]);
            }
        };
        for (int i = 0; i < 100; i++) {
            sim.schedule(random.nextLong(50), step[0]);
        }
        sim.run();
        assertThat(sim.eventsRun()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void postedEventsTakeTheSameOrderAsScheduledOnesAndTheirEventsAreReused() {
        // A posted event runs in (time, sequence) order among scheduled ones; after it has run its
        // event is reused by the next post, which must then run at its own time and with its own action.
        sim.schedule(20, record("s1"));
        sim.post(20, record("p1"));
        sim.post(10, () -> {
            log.add("p0@" + sim.now());
            sim.post(10, record("p2"));
            sim.post(5, record("p3"));
        });
        sim.schedule(20, record("s2"));
        sim.run();
        assertThat(log).containsExactly("p0@10", "p3@15", "s1@20", "p1@20", "s2@20", "p2@20");
        assertThat(sim.eventsRun()).isEqualTo(6);
        assertThat(sim.pending()).isZero();
    }

    @Test
    void aReusableEventIsNotPendingWhileItsActionRunsAndMayBeArmedAgainFromIt() {
        ReusableEvent[] self = new ReusableEvent[1];
        self[0] = sim.reusableEvent(() -> {
            log.add("r@" + sim.now());
            assertThat(self[0].isPending()).isFalse();
            assertThat(self[0].cancel()).isFalse();
            assertThat(sim.pending()).isEqualTo(sim.now() < 25 ? 1 : 0); // only "other", until it ran
            if (sim.now() < 30) {
                self[0].armAt(sim.now() + 10, sim.claimSequence());
                assertThat(self[0].isPending()).isTrue();
                assertThat(sim.pending()).isEqualTo(2);
            }
        });
        self[0].armAt(10, sim.claimSequence());
        sim.schedule(25, record("other"));
        sim.run();
        assertThat(log).containsExactly("r@10", "r@20", "other@25", "r@30");
        assertThat(sim.pending()).isZero();
    }

    @Test
    void eventsUsedAgainFromTheirOwnActionRunInTimeAndSequenceOrder() {
        // A reusable event armed again by its own action, and a post from a posted event's action,
        // take the running event's heap slot instead of leaving and re-entering the heap. Whatever
        // the mix of those, schedules and cancellations, every event must run exactly once and in
        // strictly increasing (time, sequence) order. The test mirrors the kernel's sequence
        // counter: each schedule, post and claim takes the next number.
        SplittableRandom random = new SplittableRandom(11);
        long[] nextSequence = {0};
        long[] outstanding = {0};
        List<long[]> ran = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        List<ReusableEvent> reusables = new ArrayList<>();
        long[] reusableSequence = new long[20];
        Runnable[] churn = new Runnable[1];
        churn[0] = () -> {
            if (sim.eventsRun() > 30_000) {
                return;
            }
            int choice = random.nextInt(4);
            if (choice == 0) {
                long sequence = nextSequence[0]++;
                outstanding[0]++;
                timers.add(sim.schedule(random.nextLong(40), () -> {
                    ran.add(new long[] {sim.now(), sequence});
                    outstanding[0]--;
                    churn[0].run();
                }));
            } else if (choice == 1) {
                long sequence = nextSequence[0]++;
                outstanding[0]++;
                sim.post(random.nextLong(40), () -> {
                    ran.add(new long[] {sim.now(), sequence});
                    outstanding[0]--;
                    churn[0].run();
                    churn[0].run();
                });
            } else if (choice == 2 && !timers.isEmpty()) {
                if (timers.remove(random.nextInt(timers.size())).cancel()) {
                    outstanding[0]--;
                }
            } else {
                int k = random.nextInt(reusables.size());
                ReusableEvent other = reusables.get(k);
                if (other.cancel()) {
                    outstanding[0]--;
                }
                if (!other.isPending()) {
                    reusableSequence[k] = nextSequence[0]++;
                    assertThat(sim.claimSequence()).isEqualTo(reusableSequence[k]);
                    other.armAt(sim.now() + random.nextLong(40), reusableSequence[k]);
                    outstanding[0]++;
                }
            }
        };
        for (int i = 0; i < reusableSequence.length; i++) {
            int k = i;
            reusables.add(sim.reusableEvent(() -> {
                ran.add(new long[] {sim.now(), reusableSequence[k]});
                outstanding[0]--;
                if (random.nextInt(5) > 0 && sim.eventsRun() <= 30_000) {
                    reusableSequence[k] = nextSequence[0]++;
                    reusables.get(k).armAt(sim.now() + random.nextLong(40), sim.claimSequence());
                    outstanding[0]++;
                }
                churn[0].run();
            }));
        }
        for (int i = 0; i < 200; i++) {
            churn[0].run();
        }
        sim.run();
        assertThat(ran.size()).isGreaterThan(30_000);
        assertThat(outstanding[0]).isZero();
        assertThat(sim.pending()).isZero();
        for (int i = 1; i < ran.size(); i++) {
            long[] before = ran.get(i - 1);
            long[] after = ran.get(i);
            assertThat(after[0] > before[0] || (after[0] == before[0] && after[1] > before[1]))
                    .as("event %d (%d ns, sequence %d) after (%d ns, sequence %d)", i, after[0], after[1],
                            before[0], before[1])
                    .isTrue();
        }
    }

    @Test
    void postRejectsAPastDelayAsScheduleDoes() {
        Simulator unchecked = new Simulator(false);
        assertThatThrownBy(() -> unchecked.post(-1, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must be >= 0 ns");
    }
}
