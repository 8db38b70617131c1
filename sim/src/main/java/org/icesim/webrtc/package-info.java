/**
 * The W3C {@code RTCPeerConnection} negotiation machinery: signaling states, the operations
 * chain, offer/answer with pranswer and rollback, negotiationneeded, {@code restartIce()} and the
 * remembered local credentials, trickled candidates and ICE generations, the ICE/connection/
 * gathering state aggregates, and the perfect-negotiation pattern.
 *
 * <p>The ICE agent is reached only through {@link org.icesim.webrtc.IceTransportControl} and
 * reports through {@link org.icesim.webrtc.IceTransportObserver}; a description is a record of
 * the SDP facts that matter for ICE, not SDP text. The transport on the simulated network is
 * {@code org.icesim.icenet.NetworkIceTransport}, a floor below.
 *
 * <p>Deliberately left out: tracks, codecs, directions, msids, simulcast, stopping transceivers,
 * data channels and SCTP, multiple (unbundled) transports, the ICE candidate pool and
 * {@code setConfiguration}, DTLS handshake packets and roles. A model of any of them would slot
 * into "check if negotiation is needed" and the description record.
 */
package org.icesim.webrtc;
