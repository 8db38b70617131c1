package org.icesim.net;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Clock;

/** A receiver that records when each packet arrived and its sequence number. */
final class Arrivals implements PacketReceiver {
    private final Clock clock;
    final List<Long> times = new ArrayList<>();
    final List<Integer> seqs = new ArrayList<>();

    Arrivals(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void receive(Packet packet) {
        times.add(clock.now());
        seqs.add(((Numbered) packet.payload()).seq());
    }

    int count() {
        return times.size();
    }
}
