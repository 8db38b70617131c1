package org.icesim.net;

/** Packets and bytes a link or node sent, delivered and dropped (by reason). Single-threaded. */
public final class TrafficCounters {
    private static final DropReason[] REASONS = DropReason.values();

    private long packetsSent;
    private long bytesSent;
    private long packetsDelivered;
    private long bytesDelivered;
    private final long[] packetsDropped = new long[REASONS.length];
    private final long[] bytesDropped = new long[REASONS.length];

    public void sent(Packet packet) {
        packetsSent++;
        bytesSent += packet.wireSize();
    }

    public void delivered(Packet packet) {
        packetsDelivered++;
        bytesDelivered += packet.wireSize();
    }

    public void dropped(Packet packet, DropReason reason) {
        packetsDropped[reason.ordinal()]++;
        bytesDropped[reason.ordinal()] += packet.wireSize();
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
