package org.icesim.turn;

import java.util.ArrayList;
import java.util.List;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Nonce;
import org.icesim.stun.StunAttribute.Realm;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunClientTransactions;
import org.icesim.stun.StunClientTransactions.Delivery;
import org.icesim.stun.StunKey;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.StunOutcome;
import org.icesim.stun.StunTransactionConfig;
import org.icesim.stun.TransactionId;
import org.icesim.testkit.StarNetwork;

/**
 * A hand-driven TURN client for server tests: builds exactly the messages a test asks for,
 * exchanges them over UDP and waits one round trip for the answer.
 */
final class RawTurnClient {

    private final TurnWorld world;
    final UdpSocket socket;
    final StunClientTransactions transactions;
    final List<Payload> unsolicited = new ArrayList<>();
    private int nextId = 1;
    Nonce nonce;

    RawTurnClient(TurnWorld world, int port) {
        this.world = world;
        this.socket = world.clientHost.openUdp(StarNetwork.INTERFACE, port, (s, from, payload) -> {
            if (!(payload instanceof StunMessage message) || !message.stunClass().isResponse()
                    || !transactionsOf().onResponse(from, message)) {
                unsolicited.add(payload);
            }
        });
        this.transactions = new StunClientTransactions(world.sim, StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE,
                socket::send);
    }

    private StunClientTransactions transactionsOf() {
        return transactions;
    }

    TransactionId newId() {
        return new TransactionId(0x5EED, nextId++);
    }

    /** A request without credentials. */
    StunMessage plain(StunMethod method, StunAttribute... attributes) {
        return StunMessage.request(method, newId(), List.of(attributes));
    }

    /** A request with the long-term credentials of {@code user} and the last nonce seen. */
    StunMessage signed(String user, StunMethod method, StunAttribute... attributes) {
        return signed(user, TurnWorld.USERS.get(user), method, newId(), attributes);
    }

    StunMessage signed(String user, String password, StunMethod method, TransactionId id, StunAttribute... attributes) {
        List<StunAttribute> all = new ArrayList<>(List.of(attributes));
        all.add(new Username(user));
        all.add(new Realm(TurnWorld.REALM));
        all.add(nonce);
        all.add(new MessageIntegrity(StunKey.longTerm(user, TurnWorld.REALM, password)));
        return StunMessage.request(method, id, all);
    }

    /** Sends {@code request} and runs the simulation one round trip on; returns the outcome. */
    StunOutcome exchange(StunMessage request) {
        List<StunOutcome> outcome = new ArrayList<>();
        transactions.send(world.serverAddress(), request, outcome::add);
        world.sim.runUntil(world.sim.now() + TurnWorld.RTT);
        if (outcome.isEmpty()) {
            throw new AssertionError("no response within one round trip to " + request);
        }
        StunOutcome result = outcome.get(0);
        if (result instanceof StunOutcome.ErrorResponse error) {
            error.response().attribute(Nonce.class).ifPresent(fresh -> nonce = fresh);
        }
        return result;
    }

    /** Gets a nonce (401 challenge), then allocates as {@code user}; returns the success response. */
    StunMessage allocate(String user, StunAttribute... extra) {
        if (nonce == null) {
            exchange(plain(StunMethod.ALLOCATE, StunAttribute.RequestedTransport.UDP));
        }
        List<StunAttribute> attributes = new ArrayList<>(List.of(extra));
        attributes.add(0, StunAttribute.RequestedTransport.UDP);
        StunOutcome outcome = exchange(signed(user, StunMethod.ALLOCATE, attributes.toArray(StunAttribute[]::new)));
        if (!(outcome instanceof StunOutcome.Success success)) {
            throw new AssertionError("allocation failed: " + outcome);
        }
        return success.response();
    }

    void sendAt(long time, TransportAddress to, Payload payload) {
        world.sim.scheduleAt(time, () -> socket.send(to, payload));
    }
}
