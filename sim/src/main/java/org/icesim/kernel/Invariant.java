package org.icesim.kernel;

/**
 * The properties a run checks about itself when invariant checks are on. Each is checked where
 * the state it constrains changes, and every check is counted per invariant.
 */
public enum Invariant {
    /** Per link and per node: sent = delivered + dropped (by a named reason) + in flight. */
    PACKET_CONSERVATION("packet conservation"),
    /** No event is scheduled before the simulated time at which it is scheduled. */
    NO_EVENT_IN_THE_PAST("no event scheduled in the past"),
    /** Events run in time order, so the simulated clock never moves backward. */
    TIME_MONOTONIC("simulated time never goes backward"),
    /**
     * The clock keeps advancing: no more than {@link Simulator#MAX_EVENTS_PER_INSTANT} events run
     * at one instant, so a model that keeps rescheduling itself "now" fails instead of hanging.
     */
    TIME_PROGRESSES("simulated time keeps advancing"),
    /** Candidate-pair states change only as RFC 8445 §6.1.2.6 (figure 6) and §7.3.1.4 allow. */
    ICE_PAIR_TRANSITION("ICE candidate-pair state transition"),
    /** RTCSignalingState changes only as the W3C offer/answer and rollback rules allow. */
    SIGNALING_TRANSITION("signaling state transition"),
    /** RTCIceConnectionState changes only as the W3C state definitions allow. */
    ICE_CONNECTION_TRANSITION("ICE connection state transition"),
    /** A TURN server relays to or from a peer only under an unexpired permission (RFC 8656 §9). */
    TURN_PERMISSION("TURN relays only with a valid permission"),
    /** A NAT admits an inbound packet only if its filtering behaviour allows it (RFC 4787 §5). */
    NAT_FILTERING("NAT filtering");

    private final String title;

    Invariant(String title) {
        this.title = title;
    }

    /** The invariant's name as messages show it. */
    public String title() {
        return title;
    }
}
