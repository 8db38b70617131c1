package org.icesim.webrtc;

import java.util.Collection;

/** W3C {@code RTCPeerConnectionState}: the aggregate of ICE and DTLS transport states. */
public enum PeerConnectionState {
    NEW("new"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    DISCONNECTED("disconnected"),
    FAILED("failed"),
    CLOSED("closed");

    private final String w3cName;

    PeerConnectionState(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The value as the W3C API spells it. */
    public String w3cName() {
        return w3cName;
    }

    /**
     * Derives the aggregate state (W3C RTCPeerConnectionState table; the first matching rule wins):
     * closed if the ICE connection state is closed; failed if it is failed or any DTLS transport
     * failed; disconnected if it is disconnected; new if it is new and every DTLS transport is new
     * or closed (or there are none); connected if ICE is connected and every DTLS transport is
     * connected or closed; otherwise connecting.
     *
     * <p>Deliberate reading: the W3C table names only ICE "connected" in the connected rule, which
     * taken literally would show a connection whose ICE reached "completed" as "connecting".
     * libwebrtc ({@code PeerConnection::UpdateConnectionState}) and pion count "completed" as
     * connected, and so does this model.
     */
    public static PeerConnectionState aggregate(IceConnectionState ice, Collection<DtlsTransportState> dtls) {
        if (ice == IceConnectionState.CLOSED) {
            return CLOSED;
        }
        if (ice == IceConnectionState.FAILED || dtls.contains(DtlsTransportState.FAILED)) {
            return FAILED;
        }
        if (ice == IceConnectionState.DISCONNECTED) {
            return DISCONNECTED;
        }
        if (ice == IceConnectionState.NEW && allIn(dtls, DtlsTransportState.NEW, DtlsTransportState.CLOSED)) {
            return NEW;
        }
        if ((ice == IceConnectionState.CONNECTED || ice == IceConnectionState.COMPLETED)
                && allIn(dtls, DtlsTransportState.CONNECTED, DtlsTransportState.CLOSED)) {
            return CONNECTED;
        }
        return CONNECTING;
    }

    /**
     * pion's connectionState (webrtc peerconnection.go {@code updateConnectionState}, the first
     * matching case wins): closed once closed; failed if ICE or DTLS failed; disconnected if ICE is
     * disconnected; connected if ICE is connected and DTLS connected; connecting if ICE is checking
     * and DTLS connecting; new in every other case, so also while ICE checks before DTLS started
     * and while a restart checks with DTLS connected. pion never reports ICE "completed".
     */
    public static PeerConnectionState aggregatePion(IceConnectionState ice, DtlsTransportState dtls) {
        if (ice == IceConnectionState.CLOSED) {
            return CLOSED;
        }
        if (ice == IceConnectionState.FAILED || dtls == DtlsTransportState.FAILED) {
            return FAILED;
        }
        if (ice == IceConnectionState.DISCONNECTED) {
            return DISCONNECTED;
        }
        if (ice == IceConnectionState.CONNECTED && dtls == DtlsTransportState.CONNECTED) {
            return CONNECTED;
        }
        if (ice == IceConnectionState.CHECKING && dtls == DtlsTransportState.CONNECTING) {
            return CONNECTING;
        }
        return NEW;
    }

    private static boolean allIn(Collection<DtlsTransportState> transports, DtlsTransportState a, DtlsTransportState b) {
        for (DtlsTransportState state : transports) {
            if (state != a && state != b) {
                return false;
            }
        }
        return true;
    }
}
