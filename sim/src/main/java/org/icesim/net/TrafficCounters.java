package org.icesim.net;

import org.icesim.kernel.Invariant;
import org.icesim.kernel.Invariants;

/** Packets and bytes a link or node sent, delivered and dropped (by reason). Single-threaded. */
public final class TrafficCounters {

    /**
     * Per link direction and per node: sent = delivered + dropped (by a named reason) + in flight.
     * The network's own bookkeeping rule, so it is declared here, where the counters are.
     */
    public static final Invariant CONSERVATION_INVARIANT = new Invariant("packet conservation");

    private static final DropReason[] REASONS = DropReason.values();

    private long packetsSent;
    private long bytesSent;
    private long packetsDelivered;
    private long bytesDelivered;
    private final long[] packetsDropped = new long[REASONS.length];
    private final long[] bytesDropped = new long[REASONS.length];

    public void sent(Packet packet) {
        sent(packet.wireSize());
    }

    public void delivered(Packet packet) {
        delivered(packet.wireSize());
    }

    public void dropped(Packet packet, DropReason reason) {
        dropped(packet.wireSize(), reason);
    }

    // The size-taking forms let a node that counts one packet several times (a link counts it in
    // its direction and in its total, on entry and on exit) compute Packet.wireSize() once.

    /** A packet of {@code wireBytes} (its {@link Packet#wireSize()}) was sent. */
    public void sent(int wireBytes) {
        packetsSent++;
        bytesSent += wireBytes;
    }

    /** A packet of {@code wireBytes} (its {@link Packet#wireSize()}) was delivered. */
    public void delivered(int wireBytes) {
        packetsDelivered++;
        bytesDelivered += wireBytes;
    }

    /** A packet of {@code wireBytes} (its {@link Packet#wireSize()}) was dropped for {@code reason}. */
    public void dropped(int wireBytes, DropReason reason) {
        packetsDropped[reason.ordinal()]++;
        bytesDropped[reason.ordinal()] += wireBytes;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long packetsDelivered() {
        return packetsDelivered;
    }

    public long bytesDelivered() {
        return bytesDelivered;
    }

    public long packetsDropped(DropReason reason) {
        return packetsDropped[reason.ordinal()];
    }

    public long bytesDropped(DropReason reason) {
        return bytesDropped[reason.ordinal()];
    }

    /** Packets dropped for any reason. */
    public long packetsDropped() {
        long total = 0;
        for (long n : packetsDropped) {
            total += n;
        }
        return total;
    }

    /**
     * Checks packet conservation for a link direction or a node that counts every packet it is
     * handed as sent: sent = delivered + dropped + {@code inFlight} (what is still travelling).
     */
    public void requireConserved(Invariants invariants, Object subject, long inFlight) {
        if (!invariants.enabled()) {
            return;
        }
        long dropped = packetsDropped();
        if (packetsSent != packetsDelivered + dropped + inFlight) {
            throw invariants.violation(CONSERVATION_INVARIANT, subject, "sent " + packetsSent
                    + " \u2260 delivered " + packetsDelivered + " + dropped " + dropped + dropDetail()
                    + " + in flight " + inFlight);
        }
        invariants.held(CONSERVATION_INVARIANT);
    }

    /** The drops by reason, as " (loss 18, queue_full 2)", or nothing if none was dropped. */
    public String dropDetail() {
        StringBuilder text = new StringBuilder();
        for (DropReason reason : REASONS) {
            long n = packetsDropped[reason.ordinal()];
            if (n > 0) {
                text.append(text.length() == 0 ? " (" : ", ")
                        .append(reason.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(n);
            }
        }
        return text.length() == 0 ? "" : text.append(')').toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder()
                .append("sent=").append(packetsSent).append(" delivered=").append(packetsDelivered);
        for (DropReason reason : REASONS) {
            long n = packetsDropped[reason.ordinal()];
            if (n > 0) {
                text.append(' ').append(reason.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n);
            }
        }
        return text.toString();
    }
}
