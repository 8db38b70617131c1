package org.icesim.scenario;

import java.util.Optional;
import org.icesim.ice.IceProfile;
import org.icesim.ice.NetworkMonitor;
import org.icesim.net.InFlight;
import org.icesim.net.LinkChange;

/** Something the scenario makes happen at an instant of simulated time (design.md §3). */
public sealed interface TimelineAction {

    long atNanos();

    /** The scenario's name of the action. */
    String action();

    /** What the action acts on, for the event log: "alice/wifi", a NAT, a server or a peer. */
    String target();

    /** Whether it breaks something (the first fault starts the metrics' fault window). */
    default boolean isFault() {
        return false;
    }

    /** An action on one of a peer's interfaces, which must be there when it runs. */
    interface OnInterface {
        String peer();

        String iface();
    }

    /** A peer's access link goes down; the packets it holds (queued and in flight) are lost or still arrive. */
    record LinkDown(long atNanos, String peer, String iface, InFlight inFlight) implements TimelineAction, OnInterface {
        public String action() {
            return "link-down";
        }

        public String target() {
            return peer + "/" + iface;
        }

        public boolean isFault() {
            return true;
        }
    }

    record LinkUp(long atNanos, String peer, String iface) implements TimelineAction, OnInterface {
        public String action() {
            return "link-up";
        }

        public String target() {
            return peer + "/" + iface;
        }
    }

    /**
     * Changes properties of a peer's access link: those {@code change} gives, over the link's current ones.
     * If it takes the link down, {@code inFlight} says what becomes of the packets the link holds.
     */
    record SetLink(long atNanos, String peer, String iface, LinkChange change, InFlight inFlight)
            implements TimelineAction, OnInterface {
        public String action() {
            return "set-link";
        }

        public String target() {
            return peer + "/" + iface;
        }

        public boolean isFault() {
            return change.degrades();
        }
    }

    /**
     * A peer's interface appears or vanishes. {@code announce} says whether the operating system
     * reports the change to the application (empty: as the peer's stack learns of it, see
     * {@link NetworkMonitor#reachesApplication}); the sockets change either way.
     */
    sealed interface InterfaceChange extends TimelineAction permits InterfaceAdd, InterfaceRemove {
        String peer();

        Optional<Boolean> announce();

        /** Whether the application hears this change, on a peer whose stack has {@code profile}. */
        default boolean reachesApplication(IceProfile profile) {
            return profile.networkMonitor().reachesApplication(announce());
        }
    }

    /** A new interface appears (e.g. cellular comes up). */
    record InterfaceAdd(long atNanos, String peer, InterfaceSpec iface, Optional<Boolean> announce)
            implements InterfaceChange {
        public String action() {
            return "interface-add";
        }

        public String target() {
            return peer + "/" + iface.name();
        }
    }

    /** An interface disappears (e.g. Wi-Fi lost): its sockets close. */
    record InterfaceRemove(long atNanos, String peer, String iface, Optional<Boolean> announce)
            implements InterfaceChange, OnInterface {
        public String action() {
            return "interface-remove";
        }

        public String target() {
            return peer + "/" + iface;
        }

        public boolean isFault() {
            return true;
        }
    }

    /** The NAT loses every mapping and, if {@code newAddress}, comes back with new public addresses. */
    record NatReboot(long atNanos, String nat, boolean newAddress) implements TimelineAction {
        public String action() {
            return "nat-reboot";
        }

        public String target() {
            return nat;
        }

        public boolean isFault() {
            return true;
        }
    }

    /** The NAT loses every mapping, keeping its addresses. */
    record NatFlush(long atNanos, String nat) implements TimelineAction {
        public String action() {
            return "nat-flush";
        }

        public String target() {
            return nat;
        }

        public boolean isFault() {
            return true;
        }
    }

    record ServerCrash(long atNanos, String server) implements TimelineAction {
        public String action() {
            return "server-crash";
        }

        public String target() {
            return server;
        }

        public boolean isFault() {
            return true;
        }
    }

    record ServerRestart(long atNanos, String server) implements TimelineAction {
        public String action() {
            return "server-restart";
        }

        public String target() {
            return server;
        }
    }

    /**
     * The signaling server is down for {@code durationNanos}: a crash, then a restart (its
     * connections and messages lost), or, if {@code unreachable}, its packets dropped while the
     * server keeps running, as the testbed's drop rule does.
     */
    record SignalingOutage(long atNanos, Optional<String> server, long durationNanos, boolean unreachable)
            implements TimelineAction {
        public String action() {
            return "signaling-outage";
        }

        public String target() {
            return server.orElse("signaling");
        }

        public boolean isFault() {
            return true;
        }
    }

    /** The application calls restartIce(). */
    record RestartIce(long atNanos, String peer) implements TimelineAction {
        public String action() {
            return "restart-ice";
        }

        public String target() {
            return peer;
        }
    }

    /** The peer closes its PeerConnection. */
    record Close(long atNanos, String peer) implements TimelineAction {
        public String action() {
            return "close";
        }

        public String target() {
            return peer;
        }
    }
}
