package org.icesim.ice;

import org.icesim.stun.StunMessage;

/** What an agent reports, each at the simulated instant it happened ({@link #at()}, nanoseconds). */
public sealed interface IceEvent {

    long at();

    /** The W3C RTCIceTransportState changed. */
    record TransportStateChanged(long at, IceTransportState from, IceTransportState to) implements IceEvent {
    }

    /** The pair data uses changed; either may be null (none). */
    record SelectedPairChanged(long at, CandidatePair previous, CandidatePair current) implements IceEvent {
    }

    /** A check (ordinary, triggered or liveness), keepalive or retransmission left the agent. */
    record CheckSent(long at, CandidatePair pair, StunMessage message, CheckKind kind, boolean retransmission)
            implements IceEvent {
    }

    /** A pair of the check list changed state. */
    record PairStateChanged(long at, CandidatePair pair, PairState from, PairState to) implements IceEvent {
    }

    /** The agent switched role after a conflict (RFC 8445 §7.2.5.1, §7.3.1.1). */
    record RoleChanged(long at, IceRole from, IceRole to) implements IceEvent {
    }

    /** A peer-reflexive candidate was learnt, local from a response or remote from a request (RFC 8445 §7.2.5.3.1, §7.3.1.3). */
    record PeerReflexiveLearnt(long at, Candidate candidate, boolean local) implements IceEvent {
    }

    /** Why a check was sent. */
    enum CheckKind {
        /** Picked from the check list at a Ta tick (RFC 8445 §6.1.4.2). */
        ORDINARY,
        /** Picked from the triggered-check queue (RFC 8445 §7.3.1.4), including nominations. */
        TRIGGERED,
        /** Consent check, liveness ping or keepalive request on the selected pair. */
        LIVENESS,
        /** Binding indication keepalive (RFC 8445 §11). */
        KEEPALIVE
    }
}
