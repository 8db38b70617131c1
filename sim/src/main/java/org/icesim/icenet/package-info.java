/**
 * ICE on the simulated network: {@link org.icesim.icenet.NetworkIceTransport} is the transport a
 * {@code webrtc.PeerConnection} drives through {@code IceTransportControl}: the {@code ice}
 * package's agent over a host's UDP sockets, STUN Binding transactions and TURN allocations (UDP,
 * TCP, TLS), one gathering session per ICE generation, with {@link org.icesim.icenet.IceServers}
 * and {@code webrtc.IceTransportPolicy} as in {@code RTCConfiguration}, and the media path
 * ({@code sendData}, a data receiver) on the selected pair.
 */
package org.icesim.icenet;
