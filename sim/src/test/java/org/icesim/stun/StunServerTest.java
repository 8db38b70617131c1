package org.icesim.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.icesim.kernel.Simulator;
import org.icesim.net.DropReason;
import org.icesim.net.Host;
import org.icesim.net.Payload;
import org.icesim.net.TransportAddress;
import org.icesim.net.UdpSocket;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.Software;
import org.icesim.stun.StunAttribute.UnknownAttribute;
import org.icesim.stun.StunAttribute.UnknownAttributes;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunClientTransactions.Delivery;
import org.icesim.testkit.StarNetwork;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/** A client 10 ms from the core and a server 20 ms from it: the round trip is 60 ms. */
class StunServerTest {

    private static final long RTT = millis(60);

    private final Simulator sim = SuiteChecks.simulator();
    private final StarNetwork net = new StarNetwork(sim, 5);
    private final Host clientHost = net.addHost("client", "198.51.100.10", millis(10));
    private final Host serverHost = net.addHost("server", "203.0.113.1", millis(20));
    private final List<StunOutcome> outcomes = new ArrayList<>();
    private final List<Long> outcomeAt = new ArrayList<>();
    private final List<Payload> unmatched = new ArrayList<>();
    private StunClientTransactions client;
    private UdpSocket socket;
    private int nextId = 1;

    private StunServer server(StunServerOptions options) {
        StunServer server = new StunServer("stun1", serverHost, StarNetwork.INTERFACE, StunServer.DEFAULT_PORT, options);
        socket = clientHost.openUdp(StarNetwork.INTERFACE, 0, (s, from, payload) -> {
            if (!(payload instanceof StunMessage message) || !client.onResponse(from, message)) {
                unmatched.add(payload);
            }
        });
        client = new StunClientTransactions(sim, StunTransactionConfig.RFC_8489, Delivery.UNRELIABLE, socket::send);
        return server;
    }

    private StunMessage bindingRequest(List<StunAttribute> attributes) {
        return StunMessage.request(StunMethod.BINDING, new TransactionId(7, nextId++), attributes);
    }

    private void sendAt(long time, StunMessage request, TransportAddress to) {
        sim.scheduleAt(time, () -> client.send(to, request, outcome -> {
            outcomes.add(outcome);
            outcomeAt.add(sim.now());
        }));
    }

    @Test
    void bindingResponseCarriesTheSourceAddressAsSeenByTheServerAfterOneRoundTripRfc8489Section14_2() {
        StunServer server = server(StunServerOptions.MINIMAL);
        sendAt(millis(5), bindingRequest(List.of()), server.address());
        sim.run();
        assertThat(outcomeAt).containsExactly(millis(5) + RTT);
        StunOutcome.Success success = (StunOutcome.Success) outcomes.get(0);
        assertThat(success.response().attribute(XorMappedAddress.class))
                .contains(new XorMappedAddress(socket.localAddress()));
        assertThat(success.from()).isEqualTo(TransportAddress.of("203.0.113.1", 3478));
        assertThat(success.response().size()).isEqualTo(32);
        assertThat(success.transaction().transmissions()).isEqualTo(1);
        assertThat(server.requestsReceived()).isEqualTo(1);
        assertThat(server.successResponses()).isEqualTo(1);
    }

    @Test
    void softwareAndFingerprintAreAddedWhenConfigured() {
        StunServer server = server(new StunServerOptions(Optional.of(new Software("icesim")), true));
        sendAt(0, bindingRequest(List.of()), server.address());
        sim.run();
        StunMessage response = ((StunOutcome.Success) outcomes.get(0)).response();
        assertThat(response.attributes()).containsExactly(new XorMappedAddress(socket.localAddress()),
                new Software("icesim"), StunAttribute.Fingerprint.INSTANCE);
        assertThat(response.size()).isEqualTo(20 + 12 + 12 + 8);
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420ListingItRfc8489Section6_3_1_1() {
        StunServer server = server(StunServerOptions.MINIMAL);
        sendAt(0, bindingRequest(List.of(new UnknownAttribute(0x0777, new byte[4]))), server.address());
        sendAt(0, bindingRequest(List.of(new UnknownAttribute(0x8777, new byte[4]))), server.address());
        sim.run();
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(StunOutcome.ErrorResponse.class, error -> {
            assertThat(error.code()).isEqualTo(420);
            assertThat(error.response().attribute(UnknownAttributes.class))
                    .contains(new UnknownAttributes(List.of(0x0777)));
        });
        assertThat(outcomes.get(1)).as("an unknown comprehension-optional attribute is ignored")
                .isInstanceOf(StunOutcome.Success.class);
        assertThat(server.errorResponses()).isEqualTo(1);
    }

    @Test
    void aRequestOfAnotherMethodGets400BadRequest() {
        StunServer server = server(StunServerOptions.MINIMAL);
        sendAt(0, StunMessage.request(StunMethod.ALLOCATE, new TransactionId(1, 1), List.of()), server.address());
        sim.run();
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(StunOutcome.ErrorResponse.class,
                error -> assertThat(error.error()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void indicationsResponsesAndNonStunDatagramsAreDiscardedWithoutReplyRfc8489Section6_3() {
        StunServer server = server(StunServerOptions.MINIMAL);
        TransportAddress to = server.address();
        socket.send(to, StunMessage.indication(StunMethod.BINDING, new TransactionId(1, 1), List.of()));
        socket.send(to, StunMessage.successResponse(StunMethod.BINDING, new TransactionId(1, 2), List.of()));
        socket.send(to, new ZeroPayload(100));
        socket.send(to, new ChannelData(0x4000, new ZeroPayload(8)));
        sim.run();
        assertThat(server.discarded()).isEqualTo(4);
        assertThat(server.requestsReceived()).isZero();
        assertThat(serverHost.outbound().packetsSent()).isZero();
        assertThat(unmatched).isEmpty();
    }

    @Test
    void aCrashedServerLetsTheClientTimeOutAndAnswersAgainAfterRestart() {
        StunServer server = server(StunServerOptions.MINIMAL);
        TransportAddress to = server.address();
        sim.scheduleAt(millis(1), server::crash);
        sendAt(millis(2), bindingRequest(List.of()), to);
        sim.scheduleAt(millis(50_000), server::restart);
        sendAt(millis(50_000), bindingRequest(List.of()), to);
        sim.run();
        assertThat(outcomeAt).containsExactly(millis(2) + millis(39_500), millis(50_000) + RTT);
        assertThat(outcomes.get(0)).isInstanceOf(StunOutcome.Timeout.class);
        assertThat(outcomes.get(1)).isInstanceOf(StunOutcome.Success.class);
        assertThat(serverHost.inbound().packetsDropped(DropReason.NO_LISTENER)).isEqualTo(7);
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void aLostRequestIsRecoveredByTheRetransmissionAt500ms() {
        StunServer server = server(StunServerOptions.MINIMAL);
        TransportAddress to = server.address();
        server.crash();
        sendAt(0, bindingRequest(List.of()), to);
        // Down for the first request only: the retransmission at 0.5 s reaches it.
        sim.scheduleAt(millis(100), server::restart);
        sim.run();
        assertThat(outcomeAt).containsExactly(millis(500) + RTT);
        assertThat(((StunOutcome.Success) outcomes.get(0)).transaction().transmissions()).isEqualTo(2);
    }

    @Test
    void rawBytesAreDecodedAndAMalformedRequestGetsTheCodecsAnswerRfc8489Section6_3_1_1() {
        StunServer server = server(StunServerOptions.MINIMAL);
        List<Payload> answers = new ArrayList<>();
        UdpSocket raw = clientHost.openUdp(StarNetwork.INTERFACE, 0, (s, from, payload) -> answers.add(payload));
        byte[] badAttribute = StunCodec.encode(bindingRequest(List.of(new StunAttribute.Priority(7))));
        badAttribute[23] = 3; // PRIORITY's length field: its 4-byte value claimed to be 3 bytes long
        raw.send(server.address(), new RawPayload(StunCodec.encode(bindingRequest(List.of()))));
        raw.send(server.address(), new RawPayload(StunCodec.encode(
                bindingRequest(List.of(new UnknownAttribute(0x0777, new byte[4]))))));
        raw.send(server.address(), new RawPayload(badAttribute));
        raw.send(server.address(), new RawPayload(new byte[] {(byte) 0x80, 1, 2, 3}));
        raw.send(server.address(), new RawPayload(new byte[] {0, 1, 0}));
        sim.run();

        assertThat(answers).hasSize(3);
        assertThat(((StunMessage) answers.get(0)).attribute(XorMappedAddress.class))
                .contains(new XorMappedAddress(raw.localAddress()));
        assertThat(((StunMessage) answers.get(1)).attribute(UnknownAttributes.class))
                .contains(new UnknownAttributes(List.of(0x0777)));
        assertThat(((StunMessage) answers.get(2)).attribute(ErrorCode.class)).contains(ErrorCode.BAD_REQUEST);
        assertThat(server.errorResponses()).isEqualTo(2);
        assertThat(server.discarded()).as("not STUN, and truncated").isEqualTo(2);
        assertThat(server.isRunning()).isTrue();
    }
}
