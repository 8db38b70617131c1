package org.icesim.app;

import java.util.List;
import org.icesim.ice.IceProfile;
import org.icesim.icenet.IceServers;
import org.icesim.media.MediaDelivery;
import org.icesim.media.MediaSpec;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.signaling.SignalingTransport;
import org.icesim.webrtc.IceTransportPolicy;
import org.icesim.webrtc.PeerConnectionConfig;
import org.icesim.webrtc.PerfectNegotiation;

/**
 * Everything one peer's application is configured with.
 *
 * @param remote          the peer it calls or is called by
 * @param profile         ICE implementation constants
 * @param iceServers      its STUN and TURN servers
 * @param policy          iceTransportPolicy
 * @param restartPolicy   when the application calls restartIce() on its own
 * @param role            its perfect-negotiation role
 * @param signalingServer where its signaling client connects
 * @param signalingTls    TLS (wss://) or not
 * @param signalingTransport how its signaling client talks to the server
 * @param media           the streams it sends
 * @param delivery        media per packet or as fluid flows
 * @param connection      operation and DTLS timing of its PeerConnection
 */
public record PeerSetup(String remote, IceProfile profile, IceServers iceServers, IceTransportPolicy policy,
        RestartPolicy restartPolicy, PerfectNegotiation.Role role, TransportAddress signalingServer,
        TlsVersion signalingTls, SignalingTransport signalingTransport, List<MediaSpec> media, MediaDelivery delivery, PeerConnectionConfig connection) {

    /** 1 ms per W3C operation; 2 round trips of a nearby DTLS handshake. */
    public static final PeerConnectionConfig DEFAULT_CONNECTION = new PeerConnectionConfig(1_000_000L, 50_000_000L);

    public PeerSetup {
        media = List.copyOf(media);
    }
}
