package org.icesim.webrtc;

import java.util.Collection;
import org.icesim.ice.IceTransportState;
import org.icesim.kernel.Invariant;

/** W3C {@code RTCIceConnectionState}: the aggregate of the connection's ICE transports. */
public enum IceConnectionState {
    NEW("new"),
    CHECKING("checking"),
    CONNECTED("connected"),
    COMPLETED("completed"),
    DISCONNECTED("disconnected"),
    FAILED("failed"),
    CLOSED("closed");

    /** RTCIceConnectionState changes only as {@link #canMoveTo} allows: the W3C state definitions. */
    public static final Invariant TRANSITION_INVARIANT = new Invariant("ICE connection state transition");

    private final String w3cName;

    IceConnectionState(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }

    /**
     * Whether the W3C definitions let the aggregate go from this state to {@code next}: closed
     * is final (the connection is shut down), and no state returns to new, since a transport that
     * has started checking never becomes new again (a restart goes to checking or, from
     * completed, to connected). The W3C text keeps failed until an ICE restart, but libwebrtc
     * derives its state from its connections and leaves failed for connected when a timed-out
     * pair answers again (lwrtc p2p_transport_channel.cc {@code ComputeIceTransportState}), which
     * the libwebrtc profile models; so failed is constrained only as every other state is.
     */
    public boolean canMoveTo(IceConnectionState next) {
        return this != CLOSED && next != NEW;
    }

    /**
     * Derives the aggregate state (W3C RTCIceConnectionState table; the first matching rule wins):
     * closed if the connection is closed; failed if any transport failed; disconnected if any is
     * disconnected; new if all are new or closed (or there are none); checking if any is new or
     * checking; completed if all are completed or closed; otherwise connected (all connected,
     * completed or closed).
     */
    public static IceConnectionState aggregate(boolean connectionClosed, Collection<IceTransportState> transports) {
        if (connectionClosed) {
            return CLOSED;
        }
        if (transports.contains(IceTransportState.FAILED)) {
            return FAILED;
        }
        if (transports.contains(IceTransportState.DISCONNECTED)) {
            return DISCONNECTED;
        }
        if (allIn(transports, IceTransportState.NEW, IceTransportState.CLOSED)) {
            return NEW;
        }
        if (transports.contains(IceTransportState.NEW) || transports.contains(IceTransportState.CHECKING)) {
            return CHECKING;
        }
        if (allIn(transports, IceTransportState.COMPLETED, IceTransportState.CLOSED)) {
            return COMPLETED;
        }
        return CONNECTED;
    }

    private static boolean allIn(Collection<IceTransportState> transports, IceTransportState a, IceTransportState b) {
        for (IceTransportState state : transports) {
            if (state != a && state != b) {
                return false;
            }
        }
        return true;
    }
}
