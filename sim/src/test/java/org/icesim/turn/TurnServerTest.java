package org.icesim.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.List;
import org.icesim.net.DropReason;
import org.icesim.net.TransportAddress;
import org.icesim.stun.ChannelData;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunAttribute.ChannelNumber;
import org.icesim.stun.StunAttribute.Data;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.Lifetime;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Nonce;
import org.icesim.stun.StunAttribute.Realm;
import org.icesim.stun.StunAttribute.RequestedTransport;
import org.icesim.stun.StunAttribute.UnknownAttribute;
import org.icesim.stun.StunAttribute.UnknownAttributes;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunAttribute.XorPeerAddress;
import org.icesim.stun.StunAttribute.XorRelayedAddress;
import org.icesim.stun.RawPayload;
import org.icesim.stun.StunCodec;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.StunOutcome;
import org.icesim.stun.TransactionId;
import org.junit.jupiter.api.Test;

/** The TURN server's rules, driven message by message. */
class TurnServerTest {

    private final TurnWorld world = new TurnWorld();
    private final RawTurnClient raw = new RawTurnClient(world, 50_000);
    private final TurnServerCounters counters = world.server.counters();

    private static int errorCode(StunOutcome outcome) {
        assertThat(outcome).isInstanceOf(StunOutcome.ErrorResponse.class);
        return ((StunOutcome.ErrorResponse) outcome).code();
    }

    private TransportAddress relayed(StunMessage allocateResponse) {
        return allocateResponse.attribute(XorRelayedAddress.class).orElseThrow().address();
    }

    @Test
    void allocateWithoutCredentialsIsChallengedWith401RealmAndNonceRfc8656Section7_2() {
        StunOutcome outcome = raw.exchange(raw.plain(StunMethod.ALLOCATE, RequestedTransport.UDP));
        StunMessage response = ((StunOutcome.ErrorResponse) outcome).response();
        assertThat(errorCode(outcome)).isEqualTo(401);
        assertThat(response.attribute(Realm.class)).contains(new Realm(TurnWorld.REALM));
        assertThat(response.hasAttribute(Nonce.class)).isTrue();
        assertThat(response.hasAttribute(MessageIntegrity.class)).isFalse();
        assertThat(counters.liveAllocations()).isZero();
        assertThat(counters.errorResponses(401)).isEqualTo(1);
    }

    @Test
    void authenticatedAllocateGetsRelayedMappedAddressAndDefaultLifetime600s() {
        StunMessage response = raw.allocate("alice");
        assertThat(response.attribute(XorMappedAddress.class)).contains(new XorMappedAddress(raw.socket.localAddress()));
        assertThat(relayed(response).ip()).isEqualTo(world.serverAddress().ip());
        assertThat(response.attribute(Lifetime.class)).contains(new Lifetime(600));
        assertThat(response.hasAttribute(MessageIntegrity.class)).isTrue();
        // XOR-RELAYED-ADDRESS 12 + LIFETIME 8 + XOR-MAPPED-ADDRESS 12 + MESSAGE-INTEGRITY 24.
        assertThat(response.size()).isEqualTo(20 + 12 + 8 + 12 + 24);
        assertThat(world.server.allocations()).singleElement().satisfies(info -> {
            assertThat(info.username()).isEqualTo("alice");
            assertThat(info.client()).isEqualTo(raw.socket.localAddress());
            assertThat(info.relayed()).isEqualTo(relayed(response));
        });
        assertThat(counters.allocationsCreated()).isEqualTo(1);
    }

    @Test
    void anAllocationExpiresExactlyAtTheEndOfItsLifetimeAndItsRelayedPortCloses() {
        raw.allocate("alice");
        long grantedAt = TurnWorld.RTT + TurnWorld.CLIENT_TO_SERVER;
        assertThat(world.server.allocations().get(0).expiresAt()).isEqualTo(grantedAt + seconds(600));
        world.sim.runUntil(grantedAt + seconds(600) - 1);
        assertThat(counters.liveAllocations()).isEqualTo(1);
        world.sim.runUntil(grantedAt + seconds(600));
        assertThat(counters.liveAllocations()).isZero();
        assertThat(counters.allocationsExpired()).isEqualTo(1);
        assertThat(world.server.allocations()).isEmpty();
    }

    @Test
    void requestedLifetimeIsCappedAt3600sAndNeverBelowTheDefaultRfc8656Section7_2() {
        StunMessage longOne = raw.allocate("alice", new Lifetime(7200));
        assertThat(longOne.attribute(Lifetime.class)).contains(new Lifetime(3600));
        RawTurnClient other = new RawTurnClient(world, 50_001);
        StunMessage shortOne = other.allocate("alice", new Lifetime(60));
        assertThat(shortOne.attribute(Lifetime.class)).contains(new Lifetime(600));
        StunOutcome refreshed = raw.exchange(raw.signed("alice", StunMethod.REFRESH, new Lifetime(1200)));
        assertThat(((StunOutcome.Success) refreshed).response().attribute(Lifetime.class)).contains(new Lifetime(1200));
    }

    @Test
    void refreshExtendsTheLifetimeFromTheRefreshOnRfc8656Section7_3() {
        raw.allocate("alice");
        world.sim.runUntil(seconds(500));
        raw.exchange(raw.signed("alice", StunMethod.REFRESH));
        assertThat(world.server.allocations().get(0).expiresAt()).isEqualTo(seconds(500) + TurnWorld.CLIENT_TO_SERVER
                + seconds(600));
        world.sim.runUntil(seconds(700));
        assertThat(counters.liveAllocations()).isEqualTo(1);
    }

    @Test
    void refreshWithLifetimeZeroDeletesTheAllocationAtOnceRfc8656Section7_3() {
        TransportAddress relayedAddress = relayed(raw.allocate("alice"));
        StunOutcome outcome = raw.exchange(raw.signed("alice", StunMethod.REFRESH, new Lifetime(0)));
        assertThat(((StunOutcome.Success) outcome).response().attribute(Lifetime.class)).contains(new Lifetime(0));
        assertThat(counters.liveAllocations()).isZero();
        assertThat(counters.allocationsDeleted()).isEqualTo(1);
        // The relayed port is closed: a peer's datagram to it finds no listener.
        world.peer.sendAt(world.sim.now(), relayedAddress, new TestPayload(1, 40));
        world.sim.runUntil(world.sim.now() + seconds(1));
        assertThat(world.serverHost.inbound().packetsDropped(DropReason.NO_LISTENER)).isEqualTo(1);
        // A second deletion finds no allocation.
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.REFRESH, new Lifetime(0))))).isEqualTo(437);
    }

    @Test
    void aSecondAllocateOnTheSameFiveTupleGets437ButARetransmissionGetsTheSameSuccessRfc8656Section7_2() {
        raw.exchange(raw.plain(StunMethod.ALLOCATE, RequestedTransport.UDP));
        TransactionId first = raw.newId();
        StunMessage request = raw.signed("alice", "alice-secret", StunMethod.ALLOCATE, first, RequestedTransport.UDP);
        StunMessage success = ((StunOutcome.Success) raw.exchange(request)).response();
        // The same request again, as a retransmission whose response was lost.
        raw.transactions.cancelAll();
        StunOutcome again = raw.exchange(request);
        assertThat(again).isInstanceOfSatisfying(StunOutcome.Success.class,
                repeat -> assertThat(repeat.response()).isEqualTo(success));
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.ALLOCATE, RequestedTransport.UDP))))
                .isEqualTo(437);
        assertThat(counters.allocationsCreated()).isEqualTo(1);
    }

    @Test
    void requestsWithoutAllocationGet437AndWithAnotherUserGet441Rfc8656Section5() {
        raw.exchange(raw.plain(StunMethod.REFRESH));
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.REFRESH)))).isEqualTo(437);
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.CREATE_PERMISSION,
                new XorPeerAddress(world.peer.address()))))).isEqualTo(437);
        raw.allocate("alice");
        StunOutcome wrongUser = raw.exchange(raw.signed("bob", StunMethod.REFRESH));
        assertThat(errorCode(wrongUser)).isEqualTo(441);
        assertThat(counters.errorResponses(441)).isEqualTo(1);
    }

    @Test
    void wrongPasswordUnknownUserAndForeignRealmGet401() {
        raw.exchange(raw.plain(StunMethod.ALLOCATE, RequestedTransport.UDP));
        assertThat(errorCode(raw.exchange(raw.signed("alice", "guess", StunMethod.ALLOCATE, raw.newId(),
                RequestedTransport.UDP)))).isEqualTo(401);
        assertThat(errorCode(raw.exchange(raw.signed("mallory", "x", StunMethod.ALLOCATE, raw.newId(),
                RequestedTransport.UDP)))).isEqualTo(401);
        StunMessage foreignRealm = StunMessage.request(StunMethod.ALLOCATE, raw.newId(), List.of(RequestedTransport.UDP,
                new StunAttribute.Username("alice"), new Realm("elsewhere"), raw.nonce,
                new MessageIntegrity(org.icesim.stun.StunKey.longTerm("alice", "elsewhere", "alice-secret"))));
        assertThat(errorCode(raw.exchange(foreignRealm))).isEqualTo(401);
        assertThat(counters.liveAllocations()).isZero();
    }

    @Test
    void aNonceOlderThanItsLifetimeGets438WithAFreshNonceRfc8489Section9_2_4() {
        TurnWorld shortNonces = new TurnWorld(TurnServerConfig.defaults(TurnWorld.REALM, TurnWorld.USERS)
                .withNonceLifetime(seconds(10)));
        RawTurnClient client = new RawTurnClient(shortNonces, 50_000);
        client.allocate("alice");
        Nonce old = client.nonce;
        shortNonces.sim.runUntil(seconds(11));
        StunOutcome stale = client.exchange(client.signed("alice", StunMethod.REFRESH));
        assertThat(errorCode(stale)).isEqualTo(438);
        assertThat(client.nonce).isNotEqualTo(old);
        assertThat(((StunOutcome.ErrorResponse) stale).response().hasAttribute(Realm.class)).isTrue();
        assertThat(client.exchange(client.signed("alice", StunMethod.REFRESH))).isInstanceOf(StunOutcome.Success.class);
    }

    @Test
    void missingCredentialAttributesOrRequestedTransportGet400AndOtherTransportsGet442() {
        raw.exchange(raw.plain(StunMethod.ALLOCATE, RequestedTransport.UDP));
        StunMessage noNonce = StunMessage.request(StunMethod.ALLOCATE, raw.newId(), List.of(RequestedTransport.UDP,
                new StunAttribute.Username("alice"), new Realm(TurnWorld.REALM),
                new MessageIntegrity(org.icesim.stun.StunKey.longTerm("alice", TurnWorld.REALM, "alice-secret"))));
        assertThat(errorCode(raw.exchange(noNonce))).isEqualTo(400);
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.ALLOCATE)))).isEqualTo(400);
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.ALLOCATE, new RequestedTransport(6)))))
                .isEqualTo(442);
        assertThat(counters.liveAllocations()).isZero();
    }

    @Test
    void malformedRequestsGet400Or420AndTheServerKeepsWorking() {
        raw.allocate("alice");
        // ChannelBind without CHANNEL-NUMBER; CreatePermission without XOR-PEER-ADDRESS.
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.CHANNEL_BIND,
                new XorPeerAddress(world.peer.address()))))).isEqualTo(400);
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.CREATE_PERMISSION)))).isEqualTo(400);
        // A comprehension-required attribute the server does not know (RFC 8489 §6.3.1.1).
        StunOutcome unknown = raw.exchange(raw.signed("alice", StunMethod.REFRESH, new UnknownAttribute(0x0030, new byte[4])));
        assertThat(errorCode(unknown)).isEqualTo(420);
        assertThat(((StunOutcome.ErrorResponse) unknown).response().attribute(UnknownAttributes.class))
                .contains(new UnknownAttributes(List.of(0x0030)));
        // Send and Data exist only as indications.
        assertThat(errorCode(raw.exchange(raw.plain(StunMethod.SEND)))).isEqualTo(400);
        // Indications and responses the server cannot use are dropped silently.
        raw.sendAt(world.sim.now(), world.serverAddress(), StunMessage.indication(StunMethod.SEND, raw.newId(), List.of()));
        raw.sendAt(world.sim.now(), world.serverAddress(), StunMessage.indication(StunMethod.DATA, raw.newId(), List.of()));
        raw.sendAt(world.sim.now(), world.serverAddress(),
                StunMessage.successResponse(StunMethod.BINDING, raw.newId(), List.of()));
        raw.sendAt(world.sim.now(), world.serverAddress(), new TestPayload(9, 30));
        world.sim.runUntil(world.sim.now() + TurnWorld.RTT);
        assertThat(counters.dropped(TurnDropReason.MALFORMED)).isEqualTo(3);
        assertThat(counters.dropped(TurnDropReason.NOT_STUN)).isEqualTo(1);
        assertThat(raw.unsolicited).isEmpty();
        assertThat(raw.exchange(raw.signed("alice", StunMethod.REFRESH))).isInstanceOf(StunOutcome.Success.class);
    }

    @Test
    void bindingRequestsAreAnsweredWithoutCredentialsRfc8656Section2() {
        StunOutcome outcome = raw.exchange(raw.plain(StunMethod.BINDING));
        assertThat(((StunOutcome.Success) outcome).response().attribute(XorMappedAddress.class))
                .contains(new XorMappedAddress(raw.socket.localAddress()));
    }

    @Test
    void aPermissionLasts300sAndOnlyPermittedPeersAreRelayedBothWaysRfc8656Section9() {
        TransportAddress relayedAddress = relayed(raw.allocate("alice"));
        TransportAddress peer = world.peer.address();
        long start = world.sim.now();
        // Before the permission: the Send indication is dropped, and so is the peer's datagram.
        raw.sendAt(start, world.serverAddress(), sendIndication(peer, 100));
        world.peer.sendAt(start, relayedAddress, new TestPayload(1, 100));
        world.sim.runUntil(start + seconds(1));
        assertThat(counters.dropped(TurnDropReason.NO_PERMISSION)).isEqualTo(2);
        assertThat(world.peer.received).isEmpty();

        // CreatePermission for the peer's IP with another port: the port does not matter.
        raw.exchange(raw.signed("alice", StunMethod.CREATE_PERMISSION,
                new XorPeerAddress(new TransportAddress(peer.ip(), 1))));
        long installed = world.sim.now() - TurnWorld.CLIENT_TO_SERVER;
        raw.sendAt(world.sim.now(), world.serverAddress(), sendIndication(peer, 100));
        world.peer.sendAt(world.sim.now(), relayedAddress, new TestPayload(2, 100));
        // The peer's datagrams arrive at the server (25 ms after sending) just before and exactly at expiry.
        world.peer.sendAt(installed + seconds(300) - TurnWorld.SERVER_TO_PEER - 1, relayedAddress, new TestPayload(3, 100));
        world.peer.sendAt(installed + seconds(300) - TurnWorld.SERVER_TO_PEER, relayedAddress, new TestPayload(4, 100));
        world.sim.runUntil(installed + seconds(301));
        // The success reached the client 30 ms after the server installed the permission; the
        // indication sent then takes 30 ms to the server and 25 ms on to the peer.
        assertThat(world.peer.received).containsExactly(relayedAddress + " 100B @"
                + (installed + 2 * TurnWorld.CLIENT_TO_SERVER + TurnWorld.SERVER_TO_PEER));
        assertThat(raw.unsolicited).hasSize(2).allSatisfy(payload -> {
            StunMessage data = (StunMessage) payload;
            assertThat(data.method()).isEqualTo(StunMethod.DATA);
            assertThat(data.attribute(XorPeerAddress.class)).contains(new XorPeerAddress(peer));
        });
        assertThat(counters.dropped(TurnDropReason.NO_PERMISSION)).isEqualTo(3);
        assertThat(counters.relayedPackets(RelayDirection.CLIENT_TO_PEER)).isEqualTo(1);
        assertThat(counters.relayedPackets(RelayDirection.PEER_TO_CLIENT)).isEqualTo(2);
        assertThat(counters.relayedBytes()).isEqualTo(300);
    }

    @Test
    void aChannelLasts600sCarriesChannelDataAndInstallsThePermissionRfc8656Section12() {
        TransportAddress relayedAddress = relayed(raw.allocate("alice"));
        TransportAddress peer = world.peer.address();
        raw.exchange(raw.signed("alice", StunMethod.CHANNEL_BIND, new ChannelNumber(0x4001), new XorPeerAddress(peer)));
        long bound = world.sim.now() - TurnWorld.CLIENT_TO_SERVER;
        world.peer.sendAt(world.sim.now(), relayedAddress, new TestPayload(1, 100));
        raw.sendAt(world.sim.now(), world.serverAddress(), new ChannelData(0x4001, new TestPayload(2, 100)));
        raw.sendAt(world.sim.now(), world.serverAddress(), new ChannelData(0x4002, new TestPayload(3, 100)));
        world.sim.runUntil(world.sim.now() + seconds(1));
        assertThat(raw.unsolicited).singleElement().isEqualTo(new ChannelData(0x4001, new TestPayload(1, 100)));
        assertThat(world.peer.received).hasSize(1);
        assertThat(counters.dropped(TurnDropReason.NO_CHANNEL)).isEqualTo(1);

        // Keep the allocation and the permission alive past the channel's end, to see the channel itself expire.
        world.sim.runUntil(bound + seconds(299));
        raw.exchange(raw.signed("alice", StunMethod.REFRESH));
        raw.exchange(raw.signed("alice", StunMethod.CREATE_PERMISSION, new XorPeerAddress(peer)));
        world.sim.runUntil(bound + seconds(598));
        raw.exchange(raw.signed("alice", StunMethod.CREATE_PERMISSION, new XorPeerAddress(peer)));
        raw.sendAt(bound + seconds(600) - TurnWorld.CLIENT_TO_SERVER - 1, world.serverAddress(),
                new ChannelData(0x4001, new TestPayload(4, 100)));
        raw.sendAt(bound + seconds(600) - TurnWorld.CLIENT_TO_SERVER, world.serverAddress(),
                new ChannelData(0x4001, new TestPayload(5, 100)));
        world.sim.runUntil(bound + seconds(601));
        assertThat(world.peer.payloads).extracting(payload -> ((TestPayload) payload).seq()).containsExactly(2, 4);
        assertThat(counters.dropped(TurnDropReason.NO_CHANNEL)).isEqualTo(2);
        // After expiry the peer's datagrams come back in Data indications again.
        world.peer.sendAt(world.sim.now(), relayedAddress, new TestPayload(6, 100));
        world.sim.runUntil(world.sim.now() + seconds(1));
        assertThat(raw.unsolicited.get(raw.unsolicited.size() - 1)).isInstanceOf(StunMessage.class);
    }

    @Test
    void channelBindOfAChannelBoundToAnotherPeerOrAPeerBoundToAnotherChannelGets400Rfc8656Section12_2() {
        raw.allocate("alice");
        TransportAddress peer = world.peer.address();
        TransportAddress otherPeer = new TransportAddress(peer.ip(), 40001);
        assertThat(raw.exchange(raw.signed("alice", StunMethod.CHANNEL_BIND, new ChannelNumber(0x4000),
                new XorPeerAddress(peer)))).isInstanceOf(StunOutcome.Success.class);
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.CHANNEL_BIND, new ChannelNumber(0x4000),
                new XorPeerAddress(otherPeer))))).isEqualTo(400);
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.CHANNEL_BIND, new ChannelNumber(0x4001),
                new XorPeerAddress(peer))))).isEqualTo(400);
        assertThat(raw.exchange(raw.signed("alice", StunMethod.CHANNEL_BIND, new ChannelNumber(0x4000),
                new XorPeerAddress(peer)))).as("re-binding refreshes").isInstanceOf(StunOutcome.Success.class);
    }

    @Test
    void perUserQuotaGets486AndTheTotalQuotaGets508() {
        TurnWorld limited = new TurnWorld(TurnServerConfig.defaults(TurnWorld.REALM, TurnWorld.USERS).withQuotas(1, 2));
        RawTurnClient first = new RawTurnClient(limited, 50_000);
        RawTurnClient second = new RawTurnClient(limited, 50_001);
        RawTurnClient third = new RawTurnClient(limited, 50_002);
        first.allocate("alice");
        second.exchange(second.plain(StunMethod.ALLOCATE));
        assertThat(errorCode(second.exchange(second.signed("alice", StunMethod.ALLOCATE, RequestedTransport.UDP))))
                .isEqualTo(486);
        second.allocate("bob");
        third.exchange(third.plain(StunMethod.ALLOCATE));
        assertThat(errorCode(third.exchange(third.signed("carol", StunMethod.ALLOCATE, RequestedTransport.UDP))))
                .as("carol's own quota is not reached, the server's is").isEqualTo(508);
        // Once alice's allocation is gone, she may allocate again.
        first.exchange(first.signed("alice", StunMethod.REFRESH, new Lifetime(0)));
        assertThat(third.exchange(third.signed("alice", StunMethod.ALLOCATE, RequestedTransport.UDP)))
                .isInstanceOf(StunOutcome.Success.class);
        assertThat(limited.server.counters().errorResponses()).containsEntry(486, 1L).containsEntry(508, 1L);
    }

    @Test
    void relayBandwidthBeyondTheLimitIsDroppedAndCounted() {
        // 8000 bit/s = 1000 B/s with a 1000-byte bucket.
        TurnWorld limited = new TurnWorld(TurnServerConfig.defaults(TurnWorld.REALM, TurnWorld.USERS)
                .withRelayBandwidth(8000, 1000));
        RawTurnClient client = new RawTurnClient(limited, 50_000);
        TransportAddress relayedAddress = relayed(client.allocate("alice"));
        client.exchange(client.signed("alice", StunMethod.CREATE_PERMISSION, new XorPeerAddress(limited.peer.address())));
        long start = limited.sim.now();
        for (int i = 0; i < 20; i++) {
            limited.peer.sendAt(start, relayedAddress, new TestPayload(i, 100));
        }
        // Half a second later the bucket has 500 bytes again.
        for (int i = 20; i < 26; i++) {
            limited.peer.sendAt(start + millis(500), relayedAddress, new TestPayload(i, 100));
        }
        limited.sim.runUntil(start + seconds(1));
        TurnServerCounters limitedCounters = limited.server.counters();
        assertThat(limitedCounters.relayedPackets(RelayDirection.PEER_TO_CLIENT)).isEqualTo(15);
        assertThat(limitedCounters.dropped(TurnDropReason.BANDWIDTH_QUOTA)).isEqualTo(11);
    }

    @Test
    void aCrashLosesEveryAllocationAndARestartedServerAnswers438Then437() {
        TransportAddress relayedAddress = relayed(raw.allocate("alice"));
        world.server.crash();
        assertThat(counters.liveAllocations()).isZero();
        assertThat(counters.allocationsLostInCrashes()).isEqualTo(1);
        assertThat(world.server.isRunning()).isFalse();
        world.peer.sendAt(world.sim.now(), relayedAddress, new TestPayload(1, 10));
        raw.sendAt(world.sim.now(), world.serverAddress(), raw.plain(StunMethod.BINDING));
        world.sim.runUntil(world.sim.now() + seconds(1));
        assertThat(world.serverHost.inbound().packetsDropped(DropReason.NO_LISTENER)).isEqualTo(2);

        world.server.restart();
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.REFRESH)))).isEqualTo(438);
        assertThat(errorCode(raw.exchange(raw.signed("alice", StunMethod.REFRESH)))).isEqualTo(437);
        assertThat(raw.exchange(raw.signed("alice", StunMethod.ALLOCATE, RequestedTransport.UDP)))
                .isInstanceOf(StunOutcome.Success.class);
        assertThat(counters.liveAllocations()).isEqualTo(1);
        assertThat(counters.allocationsCreated()).isEqualTo(2);
    }

    private StunMessage sendIndication(TransportAddress peer, int bytes) {
        return StunMessage.indication(StunMethod.SEND, raw.newId(),
                List.of(new XorPeerAddress(peer), new Data(new TestPayload(0, bytes))));
    }

    @Test
    void errorResponsesToAuthenticatedRequestsCarryMessageIntegrity() {
        raw.allocate("alice");
        StunOutcome mismatch = raw.exchange(raw.signed("alice", StunMethod.ALLOCATE, RequestedTransport.UDP));
        StunMessage response = ((StunOutcome.ErrorResponse) mismatch).response();
        assertThat(response.attribute(ErrorCode.class)).contains(ErrorCode.ALLOCATION_MISMATCH);
        assertThat(response.hasAttribute(MessageIntegrity.class)).isTrue();
    }

    @Test
    void rawBytesAreDecodedAndMalformedRequestsGetTheCodecsAnswer() {
        raw.exchange(raw.plain(StunMethod.ALLOCATE, RequestedTransport.UDP));
        byte[] badLifetime = StunCodec.encode(raw.plain(StunMethod.ALLOCATE, RequestedTransport.UDP, new Lifetime(600)));
        badLifetime[31] = 2; // LIFETIME's length field (after the 8-byte REQUESTED-TRANSPORT): 2 instead of 4
        long now = world.sim.now();
        raw.sendAt(now, world.serverAddress(), new RawPayload(StunCodec.encode(raw.plain(StunMethod.BINDING))));
        raw.sendAt(now, world.serverAddress(), new RawPayload(badLifetime));
        raw.sendAt(now, world.serverAddress(), new RawPayload(StunCodec.encode(
                raw.plain(StunMethod.ALLOCATE, new UnknownAttribute(0x0031, new byte[4])))));
        raw.sendAt(now, world.serverAddress(), new RawPayload(new byte[] {(byte) 0x80, 0, 0, 0}));
        raw.sendAt(now, world.serverAddress(), new RawPayload(new byte[] {0, 1}));
        world.sim.runUntil(now + TurnWorld.RTT);
        assertThat(raw.unsolicited).hasSize(3);
        assertThat(((StunMessage) raw.unsolicited.get(0)).hasAttribute(XorMappedAddress.class)).isTrue();
        assertThat(((StunMessage) raw.unsolicited.get(1)).attribute(ErrorCode.class)).contains(ErrorCode.BAD_REQUEST);
        assertThat(((StunMessage) raw.unsolicited.get(2)).attribute(ErrorCode.class)).contains(ErrorCode.UNKNOWN_ATTRIBUTE);
        assertThat(counters.dropped(TurnDropReason.NOT_STUN)).isEqualTo(1);
        assertThat(counters.dropped(TurnDropReason.MALFORMED)).isEqualTo(1);
        assertThat(counters.errorResponses()).containsEntry(400, 1L).containsEntry(420, 1L);
        assertThat(world.server.isRunning()).isTrue();
    }
}
