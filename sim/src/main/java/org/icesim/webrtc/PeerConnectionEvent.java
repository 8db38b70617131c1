package org.icesim.webrtc;

import org.icesim.ice.IceTransportState;

/**
 * An event a {@link PeerConnection} fires (W3C event names in {@link #w3cType()}), stamped with
 * the simulated time it fired at, in nanoseconds.
 */
public sealed interface PeerConnectionEvent {

    /** Simulated time of the event, in nanoseconds. */
    long at();

    /** The W3C event type, e.g. {@code "negotiationneeded"}. */
    String w3cType();

    /** {@code negotiationneeded}: the application should start an offer/answer exchange. */
    record NegotiationNeeded(long at) implements PeerConnectionEvent {
        @Override
        public String w3cType() {
            return "negotiationneeded";
        }
    }

    /** {@code signalingstatechange}. */
    record SignalingStateChange(long at, SignalingState state) implements PeerConnectionEvent {
        @Override
        public String w3cType() {
            return "signalingstatechange";
        }
    }

    /**
     * {@code icecandidate}: a gathered local candidate to signal to the peer, the end-of-candidates
     * form for one generation ({@link IceCandidate#isEndOfCandidates()}), or, when
     * {@code candidate} is null, the W3C null candidate that marks the end of all gathering
     * (fired when the gathering state becomes complete).
     */
    record IceCandidateEvent(long at, IceCandidate candidate) implements PeerConnectionEvent {
        @Override
        public String w3cType() {
            return "icecandidate";
        }
    }

    /** {@code icegatheringstatechange}. */
    record IceGatheringStateChange(long at, IceGatheringState state) implements PeerConnectionEvent {
        @Override
        public String w3cType() {
            return "icegatheringstatechange";
        }
    }

    /** {@code iceconnectionstatechange}. */
    record IceConnectionStateChange(long at, IceConnectionState state) implements PeerConnectionEvent {
        @Override
        public String w3cType() {
            return "iceconnectionstatechange";
        }
    }

    /** {@code connectionstatechange}. */
    record ConnectionStateChange(long at, PeerConnectionState state) implements PeerConnectionEvent {
        @Override
        public String w3cType() {
            return "connectionstatechange";
        }
    }

    /** {@code statechange} of the connection's {@code RTCIceTransport}. */
    record IceTransportStateChange(long at, IceTransportState state) implements PeerConnectionEvent {
        @Override
        public String w3cType() {
            return "icetransport.statechange";
        }
    }

    /** {@code selectedcandidatepairchange} of the connection's {@code RTCIceTransport}. */
    record SelectedCandidatePairChange(long at, IceCandidatePair pair) implements PeerConnectionEvent {
        @Override
        public String w3cType() {
            return "icetransport.selectedcandidatepairchange";
        }
    }

    /** {@code statechange} of the connection's {@code RTCDtlsTransport}. */
    record DtlsTransportStateChange(long at, DtlsTransportState state) implements PeerConnectionEvent {
        @Override
        public String w3cType() {
            return "dtlstransport.statechange";
        }
    }
}
