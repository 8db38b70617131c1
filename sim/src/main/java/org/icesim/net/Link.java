package org.icesim.net;

import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Invariants;
import org.icesim.kernel.ReusableEvent;
import org.icesim.kernel.Scheduler;

/**
 * A bidirectional point-to-point link between ends A and B. Each direction has its own
 * transmitter (serializer and drop-tail buffer), its own loss process and its own FIFO order;
 * the two share only the parameters and the link's random stream.
 *
 * <p>What happens to a packet handed to an entry ({@link #fromA()} or {@link #fromB()}), in order:
 * <ol>
 *   <li>the link is down: dropped as {@link DropReason#LINK_DOWN};</li>
 *   <li>the loss model decides: dropped as {@link DropReason#LOSS}. Loss is decided at the sending
 *       end, before the buffer, so a lost packet takes neither buffer space nor bandwidth (Linux
 *       netem also draws loss before its queue);</li>
 *   <li>it must wait for the serializer and the bytes already waiting leave no room: dropped as
 *       {@link DropReason#QUEUE_FULL};</li>
 *   <li>it is serialized (wire size · 8 / bandwidth) after every packet admitted before it;</li>
 *   <li>it propagates for the delay plus a jitter draw (held behind the previous packet's arrival
 *       unless the link reorders) and is handed to the receiver at the far end.</li>
 * </ol>
 * In FIFO mode the packets in flight wait in a ring in arrival order and only the head's arrival
 * is in the simulator's queue (one reused event per direction); each takes its place among
 * same-instant events when it is sent, exactly as if it had been scheduled on its own. A
 * reordering link schedules one event per packet.
 *
 * <p>Going down drops every packet waiting or in flight, in both directions, unless the cut is
 * told to deliver them ({@link InFlight}): then they arrive as scheduled, and only packets sent
 * while the link is down are lost. Instead of tracking the packets a cut drops, the link counts
 * those cuts (an epoch): a delivery whose epoch is stale is dropped when it falls due, and
 * counted then as {@link DropReason#LINK_DOWN}. Until that moment it still counts as in flight,
 * so sent = delivered + dropped + in flight always holds.
 *
 * <p>{@link #setParams} applies to packets sent afterwards: packets already admitted keep the
 * serialization and arrival times they were given. In FIFO mode a packet sent after a delay cut
 * still arrives no earlier than the packet before it.
 */
public final class Link {

    private final Scheduler scheduler;
    private final String name;
    private final RandomGenerator rng;
    private final Direction aToB;
    private final Direction bToA;
    private final TrafficCounters total = new TrafficCounters();
    private final Invariants invariants;
    private LinkParams params;
    private Jitter.Sampler jitter;
    /** Bumped whenever the link goes down dropping what it holds; deliveries scheduled in an older epoch are dropped. */
    private long epoch;

    public Link(Scheduler scheduler, String name, LinkParams params, RandomGenerator rng) {
        this.scheduler = Check.notNull("scheduler", scheduler);
        this.name = Check.notNull("name", name);
        this.params = Check.notNull("params", params);
        this.rng = Check.notNull("rng", rng);
        this.invariants = scheduler.invariants();
        this.jitter = params.jitter().sampler(rng);
        this.aToB = new Direction("A->B", params.loss().start(rng));
        this.bToA = new Direction("B->A", params.loss().start(rng));
    }

    /** Names who receives the packets leaving the link at end A (sent from B) and at end B (sent from A). */
    public void connect(PacketReceiver atA, PacketReceiver atB) {
        bToA.exit = Check.notNull("receiver at A", atA);
        aToB.exit = Check.notNull("receiver at B", atB);
    }

    /** The entry at end A: packets handed to it travel to B. */
    public Direction fromA() {
        return aToB;
    }

    /** The entry at end B: packets handed to it travel to A. */
    public Direction fromB() {
        return bToA;
    }

    public String name() {
        return name;
    }

    public LinkParams params() {
        return params;
    }

    public boolean isUp() {
        return params.up();
    }

    /** Brings the link down (dropping everything waiting and in flight) or back up. */
    public void setUp(boolean up) {
        setUp(up, InFlight.DROP);
    }

    /** Brings the link down, doing {@code inFlight} with the packets it holds, or back up. */
    public void setUp(boolean up, InFlight inFlight) {
        if (up != params.up()) {
            setParams(params.withUp(up), inFlight);
        }
    }

    /** {@link #setParams(LinkParams, InFlight)} where going down drops the packets the link holds. */
    public void setParams(LinkParams next) {
        setParams(next, InFlight.DROP);
    }

    /**
     * Changes the link's behaviour from now on (see the class comment for packets already sent).
     * A changed loss model restarts both loss processes; an unchanged one keeps its state. If
     * {@code next} takes the link down, {@code inFlight} says what becomes of the packets it holds.
     */
    public void setParams(LinkParams next, InFlight inFlight) {
        Check.notNull("inFlight", inFlight);
        Check.notNull("params", next);
        LinkParams previous = params;
        params = next;
        if (!next.jitter().equals(previous.jitter())) {
            jitter = next.jitter().sampler(rng);
        }
        if (!next.loss().equals(previous.loss())) {
            aToB.loss = next.loss().start(rng);
            bToA.loss = next.loss().start(rng);
        }
        if (previous.up() && !next.up() && inFlight == InFlight.DROP) {
            epoch++;
            aToB.flush();
            bToA.flush();
        }
        if (invariants.enabled()) {
            checkConservation();
        }
    }

    /**
     * Checks packet conservation in each direction and for the link as a whole (invariant checks
     * on only). The link checks itself at every change of its parameters or state; a world checks
     * it again at the end of a run.
     */
    public void checkConservation() {
        aToB.counters.requireConserved(invariants, aToB, aToB.inFlight);
        bToA.counters.requireConserved(invariants, bToA, bToA.inFlight);
        total.requireConserved(invariants, this, inFlight());
    }

    /** Traffic of both directions together. */
    public TrafficCounters counters() {
        return total;
    }

    /** Packets of both directions admitted and not yet delivered or dropped. */
    public long inFlight() {
        return aToB.inFlight + bToA.inFlight;
    }

    @Override
    public String toString() {
        return "link " + name;
    }

    /** One direction of the link, and the entry packets travelling that way are handed to. */
    public final class Direction implements PacketReceiver {
        private final String label;
        private final TrafficCounters counters = new TrafficCounters();
        private final Transmitter transmitter = new Transmitter();
        private final DeliveryRing deliveries = new DeliveryRing();
        private final ReusableEvent headArrival = scheduler.reusableEvent(this::deliverHead);
        private LossModel.Process loss;
        private PacketReceiver exit;
        private long lastArrival = Long.MIN_VALUE;
        private long inFlight;

        private Direction(String label, LossModel.Process loss) {
            this.label = label;
            this.loss = loss;
        }

        @Override
        public void receive(Packet packet) {
            int bytes = packet.wireSize();
            counters.sent(bytes);
            total.sent(bytes);
            LinkParams p = params;
            if (!p.up()) {
                drop(bytes, DropReason.LINK_DOWN);
                return;
            }
            if (loss.nextLost()) {
                drop(bytes, DropReason.LOSS);
                return;
            }
            long now = scheduler.now();
            long onWire = transmitter.admit(now, bytes, p.serializationNanos(bytes), p.queueCapacityBytes());
            if (onWire == Transmitter.REJECTED) {
                drop(bytes, DropReason.QUEUE_FULL);
                return;
            }
            long arrival = onWire + p.delayNanos() + jitter.nextExtraDelayNanos();
            inFlight++;
            if (p.reorder()) {
                lastArrival = Math.max(lastArrival, arrival);
                long sentInEpoch = epoch;
                scheduler.scheduleAt(arrival, () -> arrive(packet, bytes, sentInEpoch));
                return;
            }
            // FIFO: never before the packet sent before it, so the ring stays in arrival order.
            arrival = Math.max(arrival, lastArrival);
            lastArrival = arrival;
            // The head-arrival event is armed exactly while the ring holds packets (deliverHead
            // re-arms it for the next one, flush cancels it as it empties the ring), so only a
            // packet into an empty ring arms it, as the new head.
            boolean wasEmpty = deliveries.isEmpty();
            deliveries.add(arrival, scheduler.claimSequence(), packet, bytes);
            if (wasEmpty) {
                headArrival.armAt(deliveries.headTime(), deliveries.headSequence());
            }
        }

        /** Delivers the packet at the head of the FIFO ring, arming the event for the next one first. */
        private void deliverHead() {
            Packet packet = deliveries.headPacket();
            int bytes = deliveries.headBytes();
            deliveries.removeHead();
            // Armed before the delivery, so a packet that the delivery sends straight back into
            // this direction joins the ring behind a pending event instead of arming it twice.
            if (!deliveries.isEmpty()) {
                headArrival.armAt(deliveries.headTime(), deliveries.headSequence());
            }
            deliver(packet, bytes);
        }

        /** Packets of this direction admitted and not yet delivered or dropped. */
        public long inFlight() {
            return inFlight;
        }

        /** Bytes waiting for this direction's serializer now (the packet being serialized excluded). */
        public long queuedBytes() {
            return transmitter.waitingBytes(scheduler.now());
        }

        /** Traffic of this direction. */
        public TrafficCounters counters() {
            return counters;
        }

        @Override
        public String toString() {
            return "link " + name + " " + label;
        }

        private void arrive(Packet packet, int bytes, long sentInEpoch) {
            if (sentInEpoch != epoch) {
                inFlight--;
                drop(bytes, DropReason.LINK_DOWN);
                return;
            }
            deliver(packet, bytes);
        }

        private void deliver(Packet packet, int bytes) {
            inFlight--;
            if (exit == null) {
                throw new IllegalStateException(this + ": connect() was never called, nobody receives " + packet);
            }
            counters.delivered(bytes);
            total.delivered(bytes);
            exit.receive(packet);
        }

        private void drop(int bytes, DropReason reason) {
            counters.dropped(bytes, reason);
            total.dropped(bytes, reason);
        }

        /**
         * Empties the serializer; packets in flight become stale, to be dropped when they fall due.
         * The FIFO ring's packets leave it for events of their own (at the times and places they
         * claimed), since packets sent after the link is back may arrive before them.
         */
        private void flush() {
            transmitter.clear();
            lastArrival = Long.MIN_VALUE;
            headArrival.cancel();
            long staleEpoch = epoch - 1;
            while (!deliveries.isEmpty()) {
                Packet packet = deliveries.headPacket();
                int bytes = deliveries.headBytes();
                scheduler.reusableEvent(() -> arrive(packet, bytes, staleEpoch))
                        .armAt(deliveries.headTime(), deliveries.headSequence());
                deliveries.removeHead();
            }
        }
    }
}
