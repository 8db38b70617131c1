package org.icesim.world;

import org.icesim.net.PacketReceiver;

/**
 * Drops a server's TCP packets both ways while closed, the server itself running on: what the
 * testbed's signaling outage does with a drop rule for the server's port in the core
 * (docs/testbed.md). Unlike a crash, connections and held requests survive it, and TCP
 * retransmissions deliver what was sent once it opens.
 */
final class ReachabilityGate {
    private boolean open = true;

    void setOpen(boolean open) {
        this.open = open;
    }

    /** {@code next}, reached only while the gate is open. */
    PacketReceiver guard(PacketReceiver next) {
        return packet -> {
            if (open) {
                next.receive(packet);
            }
        };
    }
}
