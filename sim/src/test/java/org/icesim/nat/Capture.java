package org.icesim.nat;

import java.util.ArrayList;
import java.util.List;
import org.icesim.net.Packet;
import org.icesim.net.PacketReceiver;

/** A receiver that keeps every packet it is given, in order. */
final class Capture implements PacketReceiver {
    private final List<Packet> packets = new ArrayList<>();

    @Override
    public void receive(Packet packet) {
        packets.add(packet);
    }

    List<Packet> packets() {
        return packets;
    }

    int count() {
        return packets.size();
    }

    Packet last() {
        return packets.isEmpty() ? null : packets.get(packets.size() - 1);
    }
}
