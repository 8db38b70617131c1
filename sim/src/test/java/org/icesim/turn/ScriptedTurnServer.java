package org.icesim.turn;

import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.icesim.net.Host;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.Lifetime;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Nonce;
import org.icesim.stun.StunAttribute.Realm;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunAttribute.XorRelayedAddress;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.testkit.StarNetwork;

/**
 * A stand-in TURN server that answers from a script, for client reactions a real server cannot be
 * made to produce on demand: the 401 challenge, then success, except that each method listed in
 * {@link #errors} gets that error.
 */
final class ScriptedTurnServer {

    /** 20 ms from the core, like the real server of {@link TurnWorld}. */
    static final long DELAY = millis(20);

    final Map<StunMethod, ErrorCode> errors = new EnumMap<>(StunMethod.class);
    /** Whether the Allocate success leaves out XOR-RELAYED-ADDRESS. */
    boolean omitRelayedAddress;
    final UdpSocket socket;
    /** Every datagram that reached the server, in arrival order. */
    final List<Payload> received = new ArrayList<>();

    ScriptedTurnServer(TurnWorld world) {
        Host host = world.net.addHost("scripted", "203.0.113.9", DELAY);
        socket = host.openUdp(StarNetwork.INTERFACE, 3478, (s, from, payload) -> {
            received.add(payload);
            if (payload instanceof StunMessage request && request.stunClass() == org.icesim.stun.StunClass.REQUEST) {
                s.send(from, answer(request, from));
            }
        });
    }

    TransportAddress address() {
        return socket.localAddress();
    }

    private StunMessage answer(StunMessage request, TransportAddress from) {
        if (!request.hasAttribute(MessageIntegrity.class)) {
            return request.respondError(List.of(ErrorCode.UNAUTHORIZED, new Realm(TurnWorld.REALM), new Nonce("n1")));
        }
        ErrorCode error = errors.get(request.method());
        if (error != null) {
            return request.respondError(List.of(error));
        }
        if (request.method() == StunMethod.ALLOCATE) {
            return omitRelayedAddress
                    ? request.respondSuccess(List.of(new Lifetime(600), new XorMappedAddress(from)))
                    : request.respondSuccess(List.of(new XorRelayedAddress(new TransportAddress(address().ip(), 60000)),
                            new Lifetime(600), new XorMappedAddress(from)));
        }
        return request.respondSuccess(List.of(new Lifetime(600)));
    }
}
