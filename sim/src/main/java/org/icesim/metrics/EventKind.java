package org.icesim.metrics;

/** What a recorded event says happened; each kind's fields are an {@link EventDetail}. */
public enum EventKind {
    /** A timeline fault (link-down, interface-remove, nat-reboot, ...); detail names it. */
    FAULT,
    /** The network came back (link-up, interface-add, server-restart ...). */
    REPAIR,
    /**
     * A timeline action that did not run: its event never happened, its instant fell after the end
     * of the run, or what it acts on was not there then; detail "<action> <target> at <instant>: <why>".
     */
    NOT_APPLIED,
    /** The application called restartIce(). */
    RESTART_ICE,
    /** An offer left the peer (sent to signaling). */
    OFFER_SENT,
    /** A remote answer was applied (setRemoteDescription(answer) resolved). */
    ANSWER_APPLIED,
    SIGNALING_STATE,
    ICE_GATHERING_STATE,
    ICE_CONNECTION_STATE,
    CONNECTION_STATE,
    /** The ICE agent selected a pair ({@link SelectedPair}). */
    SELECTED_PAIR,
    /** A new ICE generation's gathering finished (end-of-candidates). */
    GATHERING_COMPLETE,
    /** The signaling connection went down or came back. */
    SIGNALING_CONNECTION;

    /** The name used in events.csv. */
    public String csvName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
