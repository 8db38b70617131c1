package org.icesim.metrics;

import java.util.List;

/**
 * What a recorded event says happened, typed per {@link EventKind}: the metrics read these fields
 * directly, and {@link #text()} is only how events.csv writes them.
 */
public sealed interface EventDetail permits EventDetail.Fault, EventDetail.Repair, EventDetail.RestartIce,
        EventDetail.OfferSent, EventDetail.AnswerApplied, EventDetail.StateChange, SelectedPair,
        EventDetail.GatheringComplete, EventDetail.SignalingConnection, EventDetail.NotApplied {

    EventKind kind();

    /** The detail column of events.csv. */
    String text();

    /**
     * The detail of a {@code kind} event that {@link #text()} wrote as {@code text}: how a stored
     * event log (a batch's journal) is read back.
     *
     * @throws IllegalArgumentException when {@code text} is not what {@code kind} writes
     */
    static EventDetail parse(EventKind kind, String text) {
        return switch (kind) {
            case FAULT -> new Fault(text);
            case REPAIR -> new Repair(text);
            case RESTART_ICE -> new RestartIce(text);
            case OFFER_SENT -> new OfferSent(text);
            case ANSWER_APPLIED -> new AnswerApplied();
            case SIGNALING_STATE, ICE_GATHERING_STATE, ICE_CONNECTION_STATE, CONNECTION_STATE -> new StateChange(kind, text);
            case SELECTED_PAIR -> SelectedPair.parse(text);
            case GATHERING_COMPLETE -> new GatheringComplete(Integer.parseInt(text));
            case SIGNALING_CONNECTION -> SignalingConnection.parse(text);
            case NOT_APPLIED -> new NotApplied(text);
        };
    }

    /** A timeline fault, as "action target" (link-down alice/wifi). */
    record Fault(String action) implements EventDetail {
        @Override
        public EventKind kind() {
            return EventKind.FAULT;
        }

        @Override
        public String text() {
            return action;
        }
    }

    /** A timeline entry that did not run, as "action target: why" (its event never happened, or came too late). */
    record NotApplied(String entry) implements EventDetail {
        @Override
        public EventKind kind() {
            return EventKind.NOT_APPLIED;
        }

        @Override
        public String text() {
            return entry;
        }
    }

    /** The network came back, as "action target" (link-up alice/wifi, signaling-back signal). */
    record Repair(String action) implements EventDetail {
        @Override
        public EventKind kind() {
            return EventKind.REPAIR;
        }

        @Override
        public String text() {
            return action;
        }
    }

    /** The application called restartIce(); {@code reason} names the policy or the timeline that asked. */
    record RestartIce(String reason) implements EventDetail {
        @Override
        public EventKind kind() {
            return EventKind.RESTART_ICE;
        }

        @Override
        public String text() {
            return reason;
        }
    }

    /** An offer left the peer; {@code ufrag} is its ICE username fragment. */
    record OfferSent(String ufrag) implements EventDetail {
        @Override
        public EventKind kind() {
            return EventKind.OFFER_SENT;
        }

        @Override
        public String text() {
            return ufrag;
        }
    }

    /** A remote answer was applied. */
    record AnswerApplied() implements EventDetail {
        @Override
        public EventKind kind() {
            return EventKind.ANSWER_APPLIED;
        }

        @Override
        public String text() {
            return "";
        }
    }

    /**
     * One of the W3C state machines of a peer connection moved to {@code state} (its W3C name).
     *
     * @param kind which machine: signaling, ICE gathering, ICE connection or connection state
     */
    record StateChange(EventKind kind, String state) implements EventDetail {
        private static final List<EventKind> MACHINES = List.of(EventKind.SIGNALING_STATE, EventKind.ICE_GATHERING_STATE,
                EventKind.ICE_CONNECTION_STATE, EventKind.CONNECTION_STATE);
        /** The ICE connection states in which media can flow (W3C webrtc-pc §5.6, RTCIceTransportState). */
        private static final List<String> UP = List.of("connected", "completed");

        public StateChange {
            if (!MACHINES.contains(kind)) {
                throw new IllegalArgumentException(kind + " is not a state machine of a peer connection");
            }
        }

        /** The ICE connection state became {@code state}. */
        public static StateChange ice(String state) {
            return new StateChange(EventKind.ICE_CONNECTION_STATE, state);
        }

        /** An ICE connection state of connected or completed. */
        public boolean iceUp() {
            return kind == EventKind.ICE_CONNECTION_STATE && UP.contains(state);
        }

        /** The state machine {@code machine} became {@code wanted}. */
        public boolean became(EventKind machine, String wanted) {
            return kind == machine && state.equals(wanted);
        }

        /** The ICE connection state became {@code wanted}. */
        public boolean iceBecame(String wanted) {
            return became(EventKind.ICE_CONNECTION_STATE, wanted);
        }

        @Override
        public String text() {
            return state;
        }
    }

    /** A new ICE generation's gathering finished (0 before any restart). */
    record GatheringComplete(int generation) implements EventDetail {
        @Override
        public EventKind kind() {
            return EventKind.GATHERING_COMPLETE;
        }

        @Override
        public String text() {
            return Integer.toString(generation);
        }
    }

    /** The signaling connection came up, or went down for {@code reason} (empty when not known). */
    record SignalingConnection(boolean up, String reason) implements EventDetail {
        public static final SignalingConnection UP = new SignalingConnection(true, "");

        /** "up", or "down" with the reason after a space, as events.csv and the testbed's logs write it. */
        public static SignalingConnection parse(String text) {
            if (text.equals("up")) {
                return UP;
            }
            return new SignalingConnection(false, text.startsWith("down") ? text.substring(4).strip() : text);
        }

        @Override
        public EventKind kind() {
            return EventKind.SIGNALING_CONNECTION;
        }

        @Override
        public String text() {
            return up ? "up" : reason.isEmpty() ? "down" : "down " + reason;
        }
    }
}
