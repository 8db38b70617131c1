package org.icesim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvariantsTest {

    @Test
    void schedulingInThePastIsAnInvariantViolationWithTheTimeWhenChecksAreOn() {
        Simulator sim = new Simulator(true);
        sim.runUntil(Durations.millis(12_345));
        assertThatThrownBy(() -> sim.schedule(-5, () -> { }))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("no event scheduled in the past violated on the simulator at 12.345 s: "
                        + "an event was scheduled 5 ns before now")
                .satisfies(e -> {
                    InvariantViolation violation = (InvariantViolation) e;
                    assertThat(violation.invariant()).isEqualTo(SchedulingInvariants.NO_EVENT_IN_THE_PAST);
                    assertThat(violation.atNanos()).isEqualTo(Durations.millis(12_345));
                });
        assertThatThrownBy(() -> sim.scheduleAt(Durations.millis(12_000), () -> { }))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("an event was scheduled at 12000000000 ns, before now (12345000000 ns)");
        ReusableEvent reusable = sim.reusableEvent(() -> { });
        long claimed = sim.claimSequence();
        assertThatThrownBy(() -> reusable.armAt(Durations.millis(12_000), claimed))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("an event was armed at 12000000000 ns, before now (12345000000 ns)");
    }

    @Test
    void theClockMovingBackIsATimeMonotonicViolation() {
        Simulator sim = new Simulator(true);
        sim.runUntil(Durations.millis(2));
        assertThatThrownBy(() -> Simulator.requireForward(sim.invariants(), 2_000_000, 1_999_999))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("simulated time never goes backward violated on the event queue at 0.002 s: "
                        + "the next event is due at 1999999 ns but the clock is already at 2000000 ns");
    }

    @Test
    void aModelReschedulingItselfNowForeverFailsInsteadOfHanging() {
        Simulator sim = new Simulator(true);
        Runnable[] again = new Runnable[1];
        again[0] = () -> sim.schedule(0, again[0]);
        sim.schedule(Durations.millis(631), again[0]);
        assertThatThrownBy(sim::run)
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("simulated time keeps advancing violated on the event queue at 0.631 s: more than "
                        + "1000000 events ran at this instant: something keeps rescheduling itself without delay");
    }

    @Test
    void everyEventScheduledAndRunIsCountedAsOneCheckOfEachKernelInvariant() {
        Simulator sim = new Simulator(true);
        for (int i = 0; i < 3; i++) {
            sim.schedule(10 * i, () -> { });
        }
        sim.run();
        assertThat(sim.invariants().count(SchedulingInvariants.NO_EVENT_IN_THE_PAST)).isEqualTo(3);
        assertThat(sim.invariants().count(SchedulingInvariants.TIME_MONOTONIC)).isEqualTo(3);
        // The clock moved twice (0 → 10 → 20 ns); the first event ran at the instant the run started.
        assertThat(sim.invariants().count(SchedulingInvariants.TIME_PROGRESSES)).isEqualTo(2);
        assertThat(sim.invariants().total()).isEqualTo(8);
    }

    @Test
    void checksOffCountNothingAndKeepTheKernelsArgumentErrors() {
        Simulator sim = new Simulator(false);
        sim.schedule(1, () -> { });
        sim.run();
        assertThat(sim.invariants().enabled()).isFalse();
        assertThat(sim.invariants().total()).isZero();
        assertThatThrownBy(() -> sim.schedule(-1, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aForbiddenTransitionNamesBothStatesAndTheSubject() {
        Invariant signaling = new Invariant("signaling state transition");
        Invariants invariants = Invariants.on(() -> 1_500_000_000L);
        invariants.requireTransition(signaling, "pc", "stable", "have-local-offer", true);
        assertThat(invariants.count(signaling)).isEqualTo(1);
        assertThatThrownBy(() -> invariants.requireTransition(signaling, "pc", "closed",
                "stable", false))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("signaling state transition violated on pc at 1.5 s: closed \u2192 stable is not a "
                        + "permitted transition");
    }

    @Test
    void eachRunCountsItsOwnChecksAndPassesEachToItsTally() {
        Invariant owned = new Invariant("a rule some model owns");
        List<Invariant> tallied = new ArrayList<>();
        Simulator first = new Simulator(tallied::add);
        Simulator second = new Simulator(true);
        first.invariants().held(owned);
        first.schedule(5, () -> { });
        first.run();
        second.invariants().held(owned);
        second.invariants().held(owned);

        assertThat(first.invariants().count(owned)).isEqualTo(1);
        assertThat(first.invariants().total()).isEqualTo(4);
        assertThat(tallied).containsExactly(owned, SchedulingInvariants.NO_EVENT_IN_THE_PAST,
                SchedulingInvariants.TIME_MONOTONIC, SchedulingInvariants.TIME_PROGRESSES);
        assertThat(second.invariants().count(owned)).isEqualTo(2);
        assertThat(second.invariants().total()).isEqualTo(2);
    }

    @Test
    void anInvariantNeedsATitle() {
        assertThatThrownBy(() -> new Invariant(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an invariant needs a title");
    }
}
