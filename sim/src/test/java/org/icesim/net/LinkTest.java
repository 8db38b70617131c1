package org.icesim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.micros;
import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

class LinkTest {

    private static final long MBIT = 1_000_000;

    private final Simulator sim = SuiteChecks.simulator();
    private final Arrivals atA = new Arrivals(sim);
    private final Arrivals atB = new Arrivals(sim);

    private Link link(LinkParams params) {
        return link(params, new RandomStreams(1).stream("link/test"));
    }

    private Link link(LinkParams params, RandomGenerator rng) {
        Link link = new Link(sim, "test", params, rng);
        link.connect(atA, atB);
        return link;
    }

    private void sendAt(long time, PacketReceiver entry, int seq, int wireBytes) {
        sim.scheduleAt(time, () -> entry.receive(Numbered.udp(seq, wireBytes)));
    }

    @Test
    void packetsArriveAfterThePropagationDelay() {
        Link link = link(LinkParams.ideal(millis(10)));
        sendAt(0, link.fromA(), 0, 100);
        sendAt(millis(3), link.fromA(), 1, 100);
        sendAt(millis(5), link.fromB(), 2, 100);
        sim.run();
        assertThat(atB.times).containsExactly(millis(10), millis(13));
        assertThat(atB.seqs).containsExactly(0, 1);
        assertThat(atA.times).containsExactly(millis(15));
        assertThat(atA.seqs).containsExactly(2);
    }

    /** Sends 200 packets 1 ms apart over 10 ms + half-normal(5 ms) jitter; returns each one's own arrival time. */
    private long[] sendJitteredWorkload(boolean reorder) {
        Jitter jitter = Jitter.halfNormal(millis(5));
        Link link = link(LinkParams.ideal(millis(10)).withJitter(jitter).withReorder(reorder),
                new RandomStreams(7).stream("link/jitter"));
        Jitter.Sampler sameDraws = jitter.sampler(new RandomStreams(7).stream("link/jitter"));
        long[] own = new long[200];
        for (int i = 0; i < own.length; i++) {
            sendAt(millis(i), link.fromA(), i, 200);
            own[i] = millis(i) + millis(10) + sameDraws.nextExtraDelayNanos();
        }
        sim.run();
        return own;
    }

    @Test
    void fifoLinkNeverLetsAPacketOvertakeThePreviousOne() {
        long[] own = sendJitteredWorkload(false);
        List<Long> expected = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (long arrival : own) {
            previous = Math.max(previous, arrival);
            expected.add(previous);
        }
        assertThat(atB.seqs).isSorted().hasSize(own.length);
        assertThat(atB.times).isEqualTo(expected);
        // The workload does make packets overtake when allowed to (see the reorder test), so the hold mattered.
        assertThat(expected).isNotEqualTo(toList(own));
    }

    @Test
    void reorderingLinkGivesEachPacketItsOwnJitteredArrival() {
        long[] own = sendJitteredWorkload(true);
        assertThat(atB.count()).isEqualTo(own.length);
        for (int i = 0; i < atB.count(); i++) {
            assertThat(atB.times.get(i)).isEqualTo(own[atB.seqs.get(i)]);
        }
        assertThat(atB.times).isSorted();
        assertThat(atB.seqs).isNotEqualTo(atB.seqs.stream().sorted().toList());
    }

    private static List<Long> toList(long[] values) {
        List<Long> list = new ArrayList<>();
        for (long value : values) {
            list.add(value);
        }
        return list;
    }

    @Test
    void serializationTakesWireSizeTimesEightOverBandwidthAndPacketsQueueBehindEachOther() {
        // 1500 bytes at 1 Mbit/s = 12 ms on the wire, then 10 ms of propagation.
        Link link = link(LinkParams.ideal(millis(10)).withBandwidth(MBIT));
        for (int i = 0; i < 10; i++) {
            sendAt(0, link.fromA(), i, 1500);
        }
        // At 30 ms three packets have started (0, 12, 24 ms); 30 more join the 7 waiting.
        for (int i = 10; i < 40; i++) {
            sendAt(millis(30), link.fromA(), i, 1500);
        }
        List<Long> queued = new ArrayList<>();
        for (long t : new long[] {0, millis(12) - 1, millis(12), millis(30), millis(40 * 12)}) {
            sim.scheduleAt(t, () -> queued.add(link.fromA().queuedBytes()));
        }
        sim.run();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(millis(12L * (i + 1) + 10));
        }
        assertThat(atB.times).isEqualTo(expected);
        assertThat(atB.seqs).isSorted();
        // Each sample runs after the sends of its instant (scheduled before it). Waiting: 9 packets
        // at 0 and until #1 starts at 12 ms, then 8; at 30 ms #0..#2 have started, so 7 + 30.
        assertThat(queued).containsExactly(9 * 1500L, 9 * 1500L, 8 * 1500L, 37 * 1500L, 0L);
    }

    @Test
    void dropTailQueueDropsAnArrivalThatDoesNotFit() {
        // Room for two waiting 1500-byte packets; the one being serialized does not count.
        Link link = link(LinkParams.ideal(millis(10)).withBandwidth(MBIT).withQueueCapacity(3000));
        for (int i = 0; i < 5; i++) {
            sendAt(0, link.fromA(), i, 1500);
        }
        sendAt(millis(12) - 1, link.fromA(), 5, 1500); // packet 1 still waits: no room
        sendAt(millis(12), link.fromA(), 6, 1500);     // packet 1 has just started: room for one
        sim.run();
        assertThat(atB.seqs).containsExactly(0, 1, 2, 6);
        assertThat(atB.times).containsExactly(millis(22), millis(34), millis(46), millis(58));
        TrafficCounters counters = link.fromA().counters();
        assertThat(counters.packetsDropped(DropReason.QUEUE_FULL)).isEqualTo(3);
        assertThat(counters.bytesDropped(DropReason.QUEUE_FULL)).isEqualTo(3 * 1500);
        assertThat(counters.packetsDelivered()).isEqualTo(4);
    }

    @Test
    void bernoulliLossRateMatchesItsProbability() {
        int n = 100_000;
        Link link = link(LinkParams.ideal(0).withLoss(LossModel.bernoulli(0.1)));
        for (int i = 0; i < n; i++) {
            link.fromA().receive(Numbered.udp(i, 100));
        }
        sim.run();
        long lost = link.fromA().counters().packetsDropped(DropReason.LOSS);
        // Standard error sqrt(0.1 * 0.9 / 1e5) = 0.00095; the bound is over 4 of them.
        assertThat(lost / (double) n).isBetween(0.096, 0.104);
        assertThat(atB.count()).isEqualTo(n - lost);
    }

    /** Sends n packets A to B at once and returns the lengths of the runs of consecutive losses. */
    private List<Integer> lossBursts(LossModel loss, int n) {
        Link link = link(LinkParams.ideal(0).withLoss(loss));
        for (int i = 0; i < n; i++) {
            link.fromA().receive(Numbered.udp(i, 100));
        }
        sim.run();
        boolean[] delivered = new boolean[n];
        atB.seqs.forEach(seq -> delivered[seq] = true);
        List<Integer> bursts = new ArrayList<>();
        int run = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && !delivered[i]) {
                run++;
            } else if (run > 0) {
                bursts.add(run);
                run = 0;
            }
        }
        return bursts;
    }

    @Test
    void gilbertChannelHasTheRequestedMeanLossRateAndBurstLength() {
        int n = 200_000;
        List<Integer> bursts = lossBursts(LossModel.GilbertElliott.fromMeanLossAndBurst(0.05, 4), n);
        long lost = bursts.stream().mapToLong(Integer::longValue).sum();
        // About 2500 bursts of geometric length (mean 4, sd 3.5): the standard error of the mean
        // burst is 0.07 and that of the loss rate about 0.0013; the bounds are over 4 of each.
        assertThat(lost / (double) n).isBetween(0.045, 0.055);
        assertThat(lost / (double) bursts.size()).isBetween(3.7, 4.3);
    }

    @Test
    void gilbertElliottWithLossInBothStatesLosesAtItsStationaryRate() {
        LossModel.GilbertElliott model = new LossModel.GilbertElliott(0.02, 0.2, 0.01, 0.6);
        int n = 200_000;
        long lost = lossBursts(model, n).stream().mapToLong(Integer::longValue).sum();
        // pi_bad = 0.02 / 0.22 = 0.0909: 0.0909 * 0.6 + 0.9091 * 0.01 = 0.0636
        assertThat(model.meanLossRate()).isCloseTo(0.0636, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(lost / (double) n).isBetween(0.058, 0.069);
    }

    @Test
    void linkDownDropsWaitingSerializingAndPropagatingPacketsAndLaterOnesUntilItComesBackUp() {
        Link link = link(LinkParams.ideal(millis(10)).withBandwidth(MBIT));
        // On the wire 0-12, 12-24, 24-36, 36-48 ms; arrivals 22, 34, 46, 58 ms.
        for (int i = 0; i < 4; i++) {
            sendAt(0, link.fromA(), i, 1500);
        }
        // At 30 ms: #0 delivered, #1 propagating, #2 being serialized, #3 waiting.
        sim.scheduleAt(millis(30), () -> link.setUp(false));
        sendAt(millis(31), link.fromA(), 4, 1500);
        List<Long> inFlightAt31 = new ArrayList<>();
        sim.scheduleAt(millis(31), () -> inFlightAt31.add(link.fromA().inFlight()));
        sim.scheduleAt(millis(40), () -> link.setUp(true));
        // The serializer is idle again: 40 + 12 + 10 ms, although the stale #3 was due on the wire until 48 ms.
        sendAt(millis(40), link.fromA(), 5, 1500);
        sim.run();
        assertThat(atB.seqs).containsExactly(0, 5);
        assertThat(atB.times).containsExactly(millis(22), millis(62));
        assertThat(inFlightAt31).containsExactly(3L);
        assertThat(link.fromA().counters().packetsDropped(DropReason.LINK_DOWN)).isEqualTo(4);
        assertThat(link.inFlight()).isZero();
    }

    @Test
    void aCutThatDeliversInFlightLetsEveryPacketAlreadyAcceptedArriveAsScheduledAndLosesOnlyLaterOnes() {
        Link link = link(LinkParams.ideal(millis(10)).withBandwidth(MBIT));
        // The same four packets as above: on the wire 0-12, 12-24, 24-36, 36-48 ms; arrivals 22, 34, 46, 58 ms.
        for (int i = 0; i < 4; i++) {
            sendAt(0, link.fromA(), i, 1500);
        }
        sim.scheduleAt(millis(30), () -> link.setUp(false, InFlight.DELIVER));
        sendAt(millis(31), link.fromA(), 4, 1500);
        sim.scheduleAt(millis(50), () -> link.setUp(true));
        // The serializer kept its schedule: free from 48 ms, so #5 is on the wire 50-62 ms and arrives at 72 ms.
        sendAt(millis(50), link.fromA(), 5, 1500);
        sim.run();
        // #2 and #3 arrive while the link is still down: the break is beyond them.
        assertThat(atB.seqs).containsExactly(0, 1, 2, 3, 5);
        assertThat(atB.times).containsExactly(millis(22), millis(34), millis(46), millis(58), millis(72));
        assertThat(link.fromA().counters().packetsDropped(DropReason.LINK_DOWN)).isEqualTo(1);
        assertThat(link.inFlight()).isZero();
    }

    @Test
    void aPacketADeliveringCutSparedIsStillLostToALaterCutThatDrops() {
        Link link = link(LinkParams.ideal(millis(100)));
        sendAt(0, link.fromA(), 0, 100);
        sim.scheduleAt(millis(10), () -> link.setUp(false, InFlight.DELIVER));
        sim.scheduleAt(millis(20), () -> link.setUp(true));
        sendAt(millis(25), link.fromA(), 1, 100);
        sim.scheduleAt(millis(30), () -> link.setParams(link.params().withUp(false), InFlight.DROP));
        sim.run();
        assertThat(atB.seqs).isEmpty();
        assertThat(link.fromA().counters().packetsDropped(DropReason.LINK_DOWN)).isEqualTo(2);
        assertThat(link.inFlight()).isZero();
    }

    @Test
    void aPacketSentAfterTheLinkIsBackOvertakesStalePacketsWhichAreDroppedWhenDue() {
        Link link = link(LinkParams.ideal(millis(100)));
        sendAt(0, link.fromA(), 0, 100);
        sendAt(millis(1), link.fromA(), 1, 100);
        sim.scheduleAt(millis(10), () -> link.setUp(false));
        sim.scheduleAt(millis(20), () -> link.setParams(link.params().withDelay(millis(5)).withUp(true)));
        sendAt(millis(20), link.fromA(), 2, 100);
        List<Long> droppedAt = new ArrayList<>();
        for (long t : new long[] {millis(99), millis(100), millis(101)}) {
            sim.scheduleAt(t, () -> droppedAt.add(link.fromA().counters().packetsDropped(DropReason.LINK_DOWN)));
        }
        sim.run();
        assertThat(atB.seqs).containsExactly(2);
        assertThat(atB.times).containsExactly(millis(25));
        // The stale packets count as in flight until their arrival times (100 and 101 ms). The checks
        // were scheduled before the packets were sent, so at each of those instants a check runs
        // before the drop, as it would before a delivery.
        assertThat(droppedAt).containsExactly(0L, 0L, 1L);
        assertThat(link.fromA().counters().packetsDropped(DropReason.LINK_DOWN)).isEqualTo(2);
        assertThat(link.inFlight()).isZero();
    }

    @Test
    void aDeliveryThatSendsStraightBackIntoTheSameDirectionIsQueuedBehindTheNextPacket() {
        Link link = new Link(sim, "loop", LinkParams.ideal(millis(10)), new RandomStreams(1).stream("link/loop"));
        List<Long> times = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        link.connect(atA, packet -> {
            int seq = ((Numbered) packet.payload()).seq();
            times.add(sim.now());
            seqs.add(seq);
            if (seq < 100) {
                link.fromA().receive(Numbered.udp(seq + 100, 100));
            }
        });
        sendAt(0, link.fromA(), 0, 100);
        sendAt(millis(1), link.fromA(), 1, 100);
        sim.run();
        assertThat(seqs).containsExactly(0, 1, 100, 101);
        assertThat(times).containsExactly(millis(10), millis(11), millis(20), millis(21));
    }

    @Test
    void newParametersApplyToPacketsSentAfterTheChange() {
        Link link = link(LinkParams.ideal(millis(10)));
        sendAt(0, link.fromA(), 0, 100);
        sim.scheduleAt(millis(1), () -> link.setParams(link.params().withDelay(millis(50))));
        sendAt(millis(1), link.fromA(), 1, 100);
        sim.run();
        assertThat(atB.times).containsExactly(millis(10), millis(51));
    }

    @Test
    void afterADelayCutAFifoLinkHoldsNewPacketsBehindOldOnesButAReorderingLinkDoesNot() {
        for (boolean reorder : new boolean[] {false, true}) {
            Simulator local = SuiteChecks.simulator();
            Arrivals arrivals = new Arrivals(local);
            Link link = new Link(local, "cut", LinkParams.ideal(millis(50)).withReorder(reorder),
                    new RandomStreams(1).stream("link/cut"));
            link.connect(packet -> { }, arrivals);
            local.scheduleAt(0, () -> link.fromA().receive(Numbered.udp(0, 100)));
            local.scheduleAt(millis(1), () -> link.setParams(link.params().withDelay(millis(10))));
            local.scheduleAt(millis(1), () -> link.fromA().receive(Numbered.udp(1, 100)));
            local.run();
            if (reorder) {
                assertThat(arrivals.seqs).containsExactly(1, 0);
                assertThat(arrivals.times).containsExactly(millis(11), millis(50));
            } else {
                assertThat(arrivals.seqs).containsExactly(0, 1);
                assertThat(arrivals.times).containsExactly(millis(50), millis(50));
            }
        }
    }

    @Test
    void aNewBandwidthAppliesToPacketsSentAfterTheChangeWhichStillWaitForEarlierOnes() {
        Link link = link(LinkParams.ideal(millis(10)).withBandwidth(MBIT));
        sendAt(0, link.fromA(), 0, 1500);
        sim.scheduleAt(millis(1), () -> link.setParams(link.params().withBandwidth(2 * MBIT)));
        sendAt(millis(1), link.fromA(), 1, 1500);
        sim.run();
        // #0: 12 ms at the old rate; #1 waits for it, then 6 ms at the new rate.
        assertThat(atB.times).containsExactly(millis(22), millis(28));
    }

    @Test
    void eachDirectionHasItsOwnSerializerAndQueue() {
        Link link = link(LinkParams.ideal(millis(10)).withBandwidth(MBIT));
        for (int i = 0; i < 2; i++) {
            sendAt(0, link.fromA(), i, 1500);
            sendAt(0, link.fromB(), 10 + i, 1500);
        }
        sim.run();
        assertThat(atB.times).containsExactly(millis(22), millis(34));
        assertThat(atA.times).containsExactly(millis(22), millis(34));
        assertThat(atA.seqs).containsExactly(10, 11);
        assertThat(link.fromA().counters().packetsSent()).isEqualTo(2);
        assertThat(link.fromB().counters().packetsSent()).isEqualTo(2);
        assertThat(link.counters().packetsDelivered()).isEqualTo(4);
    }

    @Test
    void eachDirectionHasItsOwnGilbertElliottState() {
        // Certain transitions: the channel alternates bad (lose), good (keep), bad, ... per direction.
        // Were the state shared, interleaved sends would lose every A packet and keep every B one.
        Link link = link(LinkParams.ideal(0).withLoss(new LossModel.GilbertElliott(1, 1, 0, 1)));
        for (int i = 0; i < 4; i++) {
            link.fromA().receive(Numbered.udp(i, 100));
            link.fromB().receive(Numbered.udp(i, 100));
        }
        sim.run();
        assertThat(atB.seqs).containsExactly(1, 3);
        assertThat(atA.seqs).containsExactly(1, 3);
    }

    private List<Long> arrivalTimesOfNoisyWorkload(long seed) {
        Simulator local = SuiteChecks.simulator();
        Arrivals arrivals = new Arrivals(local);
        LinkParams params = LinkParams.ideal(millis(20))
                .withJitter(Jitter.logNormal(millis(2), millis(30)))
                .withReorder(true)
                .withLoss(LossModel.GilbertElliott.fromMeanLossAndBurst(0.1, 3))
                .withBandwidth(5 * MBIT)
                .withQueueCapacity(20_000);
        Link link = new Link(local, "noisy", params, new RandomStreams(seed).stream("link/noisy"));
        link.connect(arrivals, arrivals);
        for (int i = 0; i < 2000; i++) {
            int seq = i;
            local.scheduleAt(micros(2500L * i), () -> link.fromA().receive(Numbered.udp(seq, 1200)));
            local.scheduleAt(micros(2500L * i + 1250), () -> link.fromB().receive(Numbered.udp(seq, 300)));
        }
        local.run();
        return arrivals.times;
    }

    @Test
    void theSameSeedGivesIdenticalDeliveryTimes() {
        List<Long> first = arrivalTimesOfNoisyWorkload(42);
        assertThat(first).hasSizeGreaterThan(3000);
        assertThat(arrivalTimesOfNoisyWorkload(42)).isEqualTo(first);
        assertThat(arrivalTimesOfNoisyWorkload(43)).isNotEqualTo(first);
    }

    private static void assertConserved(TrafficCounters counters, long inFlight) {
        assertThat(counters.packetsSent())
                .as("sent = delivered + dropped + in flight (%s, in flight %d)", counters, inFlight)
                .isEqualTo(counters.packetsDelivered() + counters.packetsDropped() + inFlight);
    }

    @Test
    void everySentPacketIsDeliveredDroppedOrInFlightUnderARandomWorkload() {
        RandomGenerator driver = new RandomStreams(99).stream("test/driver");
        LinkParams base = LinkParams.ideal(millis(15)).withBandwidth(2 * MBIT).withQueueCapacity(15_000)
                .withJitter(Jitter.pareto(millis(1), 2.5));
        Link link = link(base, new RandomStreams(99).stream("link/conservation"));
        long[] checks = new long[1];
        for (int i = 0; i < 20_000; i++) {
            long at = micros(200L * i);
            int choice = driver.nextInt(100);
            int size = 60 + driver.nextInt(1400);
            Runnable action;
            if (choice < 45) {
                action = () -> link.fromA().receive(Numbered.udp(0, size));
            } else if (choice < 90) {
                action = () -> link.fromB().receive(Numbered.udp(0, size));
            } else if (choice < 94) {
                boolean up = driver.nextBoolean();
                action = () -> link.setUp(up);
            } else {
                LinkParams next = base.withUp(link.params().up())
                        .withDelay(millis(driver.nextInt(40)))
                        .withReorder(driver.nextBoolean())
                        .withBandwidth(MBIT * (1 + driver.nextInt(5)))
                        .withQueueCapacity(1000L * driver.nextInt(30))
                        .withLoss(driver.nextBoolean() ? LossModel.bernoulli(0.05)
                                : LossModel.GilbertElliott.fromMeanLossAndBurst(0.05, 5));
                action = () -> link.setParams(next.withUp(link.isUp()));
            }
            sim.scheduleAt(at, () -> {
                action.run();
                assertConserved(link.fromA().counters(), link.fromA().inFlight());
                assertConserved(link.fromB().counters(), link.fromB().inFlight());
                assertConserved(link.counters(), link.inFlight());
                checks[0]++;
            });
        }
        sim.run();
        assertThat(checks[0]).isEqualTo(20_000);
        assertThat(link.inFlight()).isZero();
        TrafficCounters total = link.counters();
        assertConserved(total, 0);
        assertThat(total.packetsSent())
                .isEqualTo(link.fromA().counters().packetsSent() + link.fromB().counters().packetsSent());
        assertThat(total.packetsDelivered()).isEqualTo(atA.count() + atB.count());
        for (DropReason reason : new DropReason[] {DropReason.LOSS, DropReason.QUEUE_FULL, DropReason.LINK_DOWN}) {
            assertThat(total.packetsDropped(reason)).as(reason.name()).isPositive();
        }
        assertThat(total.packetsDelivered()).isPositive();
    }

    @Test
    void deliveringWithoutConnectingIsAWiringError() {
        Link unconnected = new Link(sim, "loose", LinkParams.ideal(millis(1)), new RandomStreams(1).stream("link/loose"));
        unconnected.fromA().receive(Numbered.udp(0, 100));
        assertThatThrownBy(sim::run)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("link loose A->B")
                .hasMessageContaining("connect()");
    }
}
