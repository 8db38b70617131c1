package org.icesim.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.util.List;
import org.icesim.net.TransportAddress;
import org.icesim.stun.ChannelData;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.testkit.StarNetwork;
import org.junit.jupiter.api.Test;

/** The TURN client against the TURN server (and, for a few errors, a scripted one). */
class TurnClientTest {

    private static final long RTT = TurnWorld.RTT;
    private static final long ONE_WAY = TurnWorld.CLIENT_TO_SERVER;
    /** Client → server → peer, and back. */
    private static final long TO_PEER = TurnWorld.CLIENT_TO_SERVER + TurnWorld.SERVER_TO_PEER;

    private final TurnWorld world = new TurnWorld();
    private final RecordingListener listener = new RecordingListener();

    private TurnClient allocated(TurnClientConfig config) {
        TurnClient client = world.client(config, 0, listener);
        client.allocate();
        world.sim.runUntil(2 * RTT);
        assertThat(client.state()).isEqualTo(TurnAllocationState.ALLOCATED);
        return client;
    }

    @Test
    void allocationOverUdpTakesExactlyTwoRoundTripsRfc8656Section7_1() {
        TurnClient client = world.client(world.clientConfig("alice"), 0, listener);
        client.allocate();
        world.sim.runUntil(seconds(1));
        assertThat(listener.allocatedAt).isEqualTo(2 * RTT);
        assertThat(listener.states).containsExactly("CONNECTING @0", "ALLOCATING @0", "ALLOCATED @" + 2 * RTT);
        assertThat(client.relayedAddress()).contains(world.server.allocations().get(0).relayed());
        assertThat(client.mappedAddress()).contains(client.localAddress());
        assertThat(client.lifetimeNanos()).isEqualTo(seconds(600));
        assertThat(world.server.counters().errorResponses(401)).isEqualTo(1);
        assertThat(world.server.counters().liveAllocations()).isEqualTo(1);
    }

    @Test
    void theClientRefreshesAtLifetimeMinus60sAndTheServerExtendsTheAllocation() {
        allocated(world.clientConfig("alice"));
        long refreshAt = 2 * RTT + seconds(540);
        world.sim.runUntil(refreshAt + RTT);
        assertThat(listener.states).endsWith("REFRESHING @" + refreshAt, "ALLOCATED @" + (refreshAt + RTT));
        assertThat(world.server.allocations().get(0).expiresAt()).isEqualTo(refreshAt + ONE_WAY + seconds(600));
        world.sim.runUntil(seconds(3600));
        assertThat(world.server.counters().allocationsExpired()).isZero();
        assertThat(world.server.counters().liveAllocations()).isEqualTo(1);
    }

    @Test
    void refreshDelayFollowsLibwebrtcLifetimeMinus60sOrHalfOfAShortLifetime() {
        TurnClientConfig config = world.clientConfig("alice");
        assertThat(config.refreshDelay(seconds(600))).isEqualTo(seconds(540));
        assertThat(config.refreshDelay(seconds(100))).isEqualTo(seconds(50));
        assertThat(config.refreshDelay(seconds(7200))).isEqualTo(seconds(3540));
    }

    @Test
    void aShortGrantedLifetimeIsRefreshedAtHalfOfIt() {
        TurnWorld shortLived = new TurnWorld(TurnServerConfig.defaults(TurnWorld.REALM, TurnWorld.USERS)
                .withLifetimes(seconds(100), seconds(100)));
        TurnClient client = shortLived.client(shortLived.clientConfig("alice"), 0, listener);
        client.allocate();
        shortLived.sim.runUntil(seconds(120));
        assertThat(listener.states).contains("REFRESHING @" + (2 * RTT + seconds(50)),
                "REFRESHING @" + (3 * RTT + seconds(100)));
        assertThat(shortLived.server.counters().liveAllocations()).isEqualTo(1);
    }

    @Test
    void closeDeletesTheAllocationWithARefreshOfLifetimeZeroRfc8656Section7_3() {
        TurnClient client = allocated(world.clientConfig("alice"));
        world.sim.scheduleAt(seconds(1), client::close);
        world.sim.runUntil(seconds(1) + ONE_WAY - 1);
        assertThat(world.server.counters().liveAllocations()).isEqualTo(1);
        world.sim.runUntil(seconds(1) + ONE_WAY);
        assertThat(world.server.counters().liveAllocations()).isZero();
        assertThat(world.server.counters().allocationsDeleted()).isEqualTo(1);
        world.sim.runUntil(seconds(700));
        assertThat(client.state()).isEqualTo(TurnAllocationState.CLOSED);
        assertThat(client.send(world.peer.address(), new TestPayload(1, 10))).isFalse();
        assertThat(world.server.counters().allocationsExpired()).isZero();
    }

    @Test
    void dataTravelsInSendAndDataIndicationsOf36BytesOverheadOncePermittedRfc8656Section11() {
        TurnClient client = allocated(world.clientConfig("alice"));
        TransportAddress peer = world.peer.address();
        TransportAddress relayed = client.relayedAddress().orElseThrow();
        long start = world.sim.now();
        client.createPermission(peer.ip());
        world.sim.runUntil(start + RTT);
        assertThat(listener.events).contains("permission " + peer.ip() + " @" + (start + RTT));
        assertThat(client.hasPermission(peer.ip())).isTrue();

        long serverInBefore = world.serverHost.inbound().bytesSent();
        long clientInBefore = world.clientHost.inbound().bytesSent();
        long sentAt = world.sim.now();
        assertThat(client.send(peer, new TestPayload(1, 100))).isTrue();
        world.sim.runUntil(sentAt + TO_PEER);
        assertThat(world.peer.received).containsExactly(relayed + " 100B @" + (sentAt + TO_PEER));
        // IPv4 20 + UDP 8 + Send indication (header 20, XOR-PEER-ADDRESS 12, DATA header 4) + 100.
        assertThat(world.serverHost.inbound().bytesSent() - serverInBefore).isEqualTo(28 + 36 + 100);

        world.peer.socket.send(relayed, new TestPayload(2, 100));
        world.sim.runUntil(sentAt + 2 * TO_PEER);
        assertThat(listener.data).containsExactly(peer + " 100B @" + (sentAt + 2 * TO_PEER));
        assertThat(listener.payloads).containsExactly(new TestPayload(2, 100));
        assertThat(world.clientHost.inbound().bytesSent() - clientInBefore).isEqualTo(28 + 36 + 100);
    }

    @Test
    void withoutAPermissionTheServerDropsWhatTheClientSends() {
        TurnClient client = allocated(world.clientConfig("alice"));
        client.send(world.peer.address(), new TestPayload(1, 100));
        world.sim.runUntil(seconds(1));
        assertThat(world.peer.received).isEmpty();
        assertThat(world.server.counters().dropped(TurnDropReason.NO_PERMISSION)).isEqualTo(1);
    }

    @Test
    void aBoundChannelCarriesDataWithA4ByteHeaderBothWaysRfc8656Section12_4() {
        TurnClient client = allocated(world.clientConfig("alice"));
        TransportAddress peer = world.peer.address();
        long start = world.sim.now();
        int channel = client.bindChannel(peer);
        assertThat(channel).isEqualTo(0x4000);
        assertThat(client.bindChannel(peer)).isEqualTo(0x4000);
        assertThat(client.isChannelBound(peer)).isFalse();
        world.sim.runUntil(start + RTT);
        assertThat(listener.events).contains("channel 0x4000 " + peer + " @" + (start + RTT));
        assertThat(client.isChannelBound(peer)).isTrue();

        long serverInBefore = world.serverHost.inbound().bytesSent();
        long clientInBefore = world.clientHost.inbound().bytesSent();
        long sentAt = world.sim.now();
        client.send(peer, new TestPayload(1, 101));
        world.sim.runUntil(sentAt + TO_PEER);
        assertThat(world.peer.received).containsExactly(client.relayedAddress().orElseThrow() + " 101B @" + (sentAt + TO_PEER));
        // Over UDP ChannelData is not padded: IPv4 20 + UDP 8 + channel and length 4 + 101.
        assertThat(world.serverHost.inbound().bytesSent() - serverInBefore).isEqualTo(28 + 4 + 101);

        world.peer.socket.send(client.relayedAddress().orElseThrow(), new TestPayload(2, 101));
        world.sim.runUntil(sentAt + 2 * TO_PEER);
        assertThat(listener.data).containsExactly(peer + " 101B @" + (sentAt + 2 * TO_PEER));
        assertThat(world.clientHost.inbound().bytesSent() - clientInBefore).isEqualTo(28 + 4 + 101);
    }

    @Test
    void permissionsAndChannelsAreRefreshedEvery240sSoRelayingOutlivesTheirLifetimes() {
        TurnClient client = allocated(world.clientConfig("alice"));
        TransportAddress peer = world.peer.address();
        TransportAddress other = new TransportAddress(peer.ip(), 40001);
        world.peerHost.openUdp(StarNetwork.INTERFACE, 40001, (s, from, payload) -> { });
        client.bindChannel(peer);
        world.sim.runUntil(seconds(1000));
        // 1000 s is past the 300-s permission and the 600-s channel, but both were refreshed.
        TransportAddress relayed = client.relayedAddress().orElseThrow();
        world.peer.socket.send(relayed, new TestPayload(1, 50));
        client.send(peer, new TestPayload(2, 50));
        world.sim.runUntil(seconds(1001));
        assertThat(listener.data).hasSize(1);
        assertThat(world.peer.received).hasSize(1);
        assertThat(world.server.counters().dropped(TurnDropReason.NO_PERMISSION)).isZero();
        assertThat(client.isChannelBound(peer)).isTrue();
        assertThat(client.isChannelBound(other)).isFalse();
    }

    @Test
    void withoutPermissionRefreshThePermissionLapsesAfter300s() {
        TurnClient client = allocated(world.clientConfig("alice").withRefreshIntervals(seconds(10_000), seconds(10_000)));
        TransportAddress peer = world.peer.address();
        client.createPermission(peer.ip());
        world.sim.runUntil(seconds(400));
        world.peer.socket.send(client.relayedAddress().orElseThrow(), new TestPayload(1, 50));
        world.sim.runUntil(seconds(401));
        assertThat(listener.data).isEmpty();
        assertThat(world.server.counters().dropped(TurnDropReason.NO_PERMISSION)).isEqualTo(1);
    }

    @Test
    void staleNonceOnRefreshIsRetriedAtOnceWithTheNewNonceRfc8489Section9_2_5() {
        TurnWorld shortNonces = new TurnWorld(TurnServerConfig.defaults(TurnWorld.REALM, TurnWorld.USERS)
                .withNonceLifetime(seconds(100)));
        TurnClient client = shortNonces.client(shortNonces.clientConfig("alice"), 0, listener);
        client.allocate();
        long refreshAt = 2 * RTT + seconds(540);
        shortNonces.sim.runUntil(refreshAt + 2 * RTT);
        assertThat(listener.states).endsWith("REFRESHING @" + refreshAt, "ALLOCATED @" + (refreshAt + 2 * RTT));
        assertThat(shortNonces.server.counters().errorResponses(438)).isEqualTo(1);
        assertThat(client.state()).isEqualTo(TurnAllocationState.ALLOCATED);
    }

    @Test
    void allocationMismatchIsRetriedFromANewLocalPortLikeLibwebrtc() {
        // A stale allocation holds the 5-tuple of port 50000 (its owner vanished without deleting it).
        RawTurnClient stale = new RawTurnClient(world, 50_000);
        stale.allocate("bob");
        stale.socket.close();
        long start = world.sim.now();
        TurnClient client = world.client(world.clientConfig("alice"), 50_000, listener);
        client.allocate();
        world.sim.runUntil(start + seconds(1));
        // 401, then 437 for the authenticated Allocate, then success from the new port: 3 round trips.
        assertThat(listener.allocatedAt).isEqualTo(start + 3 * RTT);
        assertThat(client.localAddress().port()).isNotEqualTo(50_000);
        assertThat(client.mappedAddress()).contains(client.localAddress());
        assertThat(listener.states).containsExactly("CONNECTING @" + start, "ALLOCATING @" + start,
                "CONNECTING @" + (start + 2 * RTT), "ALLOCATING @" + (start + 2 * RTT), "ALLOCATED @" + (start + 3 * RTT));
        assertThat(world.server.counters().liveAllocations()).isEqualTo(2);
    }

    @Test
    void allocationMismatchBeyondTheRetryLimitFails() {
        RawTurnClient stale = new RawTurnClient(world, 50_000);
        stale.allocate("bob");
        stale.socket.close();
        long start = world.sim.now();
        TurnClient client = world.client(world.clientConfig("alice").withMaxMismatchRetries(0), 50_000, listener);
        client.allocate();
        world.sim.runUntil(start + seconds(1));
        assertThat(listener.events).containsExactly("failed ALLOCATION_MISMATCH @" + (start + 2 * RTT));
        assertThat(client.failure()).contains(TurnFailure.ALLOCATION_MISMATCH);
    }

    @Test
    void quotaErrorsFailTheAllocation486And508() {
        TurnWorld limited = new TurnWorld(TurnServerConfig.defaults(TurnWorld.REALM, TurnWorld.USERS).withQuotas(1, 2));
        RecordingListener first = new RecordingListener();
        RecordingListener sameUser = new RecordingListener();
        RecordingListener second = new RecordingListener();
        RecordingListener overCapacity = new RecordingListener();
        limited.client(limited.clientConfig("alice"), 0, first).allocate();
        limited.client(limited.clientConfig("alice"), 0, sameUser).allocate();
        limited.client(limited.clientConfig("bob"), 0, second).allocate();
        limited.sim.runUntil(seconds(1));
        limited.client(limited.clientConfig("carol"), 0, overCapacity).allocate();
        limited.sim.runUntil(seconds(2));
        assertThat(first.failure).isNull();
        assertThat(second.failure).isNull();
        assertThat(sameUser.events).containsExactly("failed QUOTA_REACHED @" + 2 * RTT);
        assertThat(overCapacity.events).containsExactly("failed INSUFFICIENT_CAPACITY @" + (seconds(1) + 2 * RTT));
    }

    @Test
    void aWrongPasswordFailsWith401AfterTheCredentialsWereSent() {
        TurnClient client = world.client(world.clientConfig("alice").withPassword("guess"), 0, listener);
        client.allocate();
        world.sim.runUntil(seconds(1));
        assertThat(listener.events).containsExactly("failed UNAUTHORIZED @" + 2 * RTT);
        assertThat(world.server.counters().errorResponses(401)).isEqualTo(2);
    }

    @Test
    void wrongCredentials441OnRefreshFailsTheAllocation() {
        ScriptedTurnServer scripted = new ScriptedTurnServer(world);
        scripted.errors.put(StunMethod.REFRESH, ErrorCode.WRONG_CREDENTIALS);
        TurnClient client = world.client(TurnClientConfig.of(scripted.address(), TurnTransport.UDP, "alice", "pw"), 0,
                listener);
        client.allocate();
        world.sim.runUntil(seconds(600));
        long refreshAt = 2 * RTT + seconds(540);
        assertThat(listener.events).endsWith("failed WRONG_CREDENTIALS @" + (refreshAt + RTT));
        assertThat(client.state()).isEqualTo(TurnAllocationState.FAILED);
    }

    @Test
    void aRefusedPermissionOrChannelIsDroppedWhileTheAllocationLives() {
        ScriptedTurnServer scripted = new ScriptedTurnServer(world);
        scripted.errors.put(StunMethod.CREATE_PERMISSION, ErrorCode.FORBIDDEN);
        scripted.errors.put(StunMethod.CHANNEL_BIND, ErrorCode.BAD_REQUEST);
        TurnClient client = world.client(TurnClientConfig.of(scripted.address(), TurnTransport.UDP, "alice", "pw"), 0,
                listener);
        client.allocate();
        world.sim.runUntil(2 * RTT);
        TransportAddress peer = world.peer.address();
        client.createPermission(peer.ip());
        client.bindChannel(peer);
        world.sim.runUntil(3 * RTT);
        assertThat(listener.events).endsWith("permission failed " + peer.ip() + " ERROR_RESPONSE @" + 3 * RTT,
                "channel failed " + peer + " ERROR_RESPONSE @" + 3 * RTT);
        assertThat(client.hasPermission(peer.ip())).isFalse();
        assertThat(client.isChannelBound(peer)).isFalse();
        assertThat(client.state()).isEqualTo(TurnAllocationState.ALLOCATED);
    }

    @Test
    void dataForAPeerWhoseChannelRefreshWasRefusedGoesAsASendIndication() {
        ScriptedTurnServer scripted = new ScriptedTurnServer(world);
        TurnClient client = world.client(TurnClientConfig.of(scripted.address(), TurnTransport.UDP, "alice", "pw"), 0,
                listener);
        client.allocate();
        world.sim.runUntil(2 * RTT);
        TransportAddress peer = world.peer.address();
        client.bindChannel(peer);
        world.sim.runUntil(3 * RTT);
        client.send(peer, new TestPayload(1, 50));
        scripted.errors.put(StunMethod.CHANNEL_BIND, ErrorCode.BAD_REQUEST);
        world.sim.runUntil(seconds(700));
        assertThat(listener.events).anyMatch(event -> event.startsWith("channel failed " + peer + " ERROR_RESPONSE"));
        assertThat(client.isChannelBound(peer)).isFalse();
        client.send(peer, new TestPayload(2, 50));
        world.sim.runUntil(seconds(701));

        List<String> data = scripted.received.stream()
                .filter(payload -> payload instanceof ChannelData
                        || payload instanceof StunMessage message && message.method() == StunMethod.SEND)
                .map(payload -> payload instanceof ChannelData channelData
                        ? "ChannelData 0x" + Integer.toHexString(channelData.channel()) : "Send indication")
                .toList();
        assertThat(data).containsExactly("ChannelData 0x4000", "Send indication");
    }

    @Test
    void anAllocateSuccessWithoutRelayedAddressIsABadResponse() {
        ScriptedTurnServer scripted = new ScriptedTurnServer(world);
        scripted.omitRelayedAddress = true;
        TurnClient client = world.client(TurnClientConfig.of(scripted.address(), TurnTransport.UDP, "alice", "pw"), 0,
                listener);
        client.allocate();
        world.sim.runUntil(seconds(1));
        assertThat(listener.events).containsExactly("failed BAD_RESPONSE @" + 2 * RTT);
        assertThat(client.relayedAddress()).isEmpty();
    }

    @Test
    void aCrashedServerIsNoticedWhenTheRefreshTimesOut() {
        TurnClient client = allocated(world.clientConfig("alice"));
        world.sim.scheduleAt(seconds(10), world.server::crash);
        long refreshAt = 2 * RTT + seconds(540);
        world.sim.runUntil(seconds(700));
        assertThat(listener.events).endsWith("failed TIMEOUT @" + (refreshAt + millis(39_500)));
        assertThat(client.failure()).contains(TurnFailure.TIMEOUT);
        assertThat(world.server.counters().allocationsLostInCrashes()).isEqualTo(1);
    }

    @Test
    void aRestartedServerAnswersTheRefreshWith438Then437AndTheClientReportsTheAllocationLost() {
        TurnClient client = allocated(world.clientConfig("alice"));
        world.sim.scheduleAt(seconds(10), world.server::crash);
        world.sim.scheduleAt(seconds(20), world.server::restart);
        long refreshAt = 2 * RTT + seconds(540);
        world.sim.runUntil(seconds(700));
        assertThat(listener.events).endsWith("failed ALLOCATION_LOST @" + (refreshAt + 2 * RTT));
        assertThat(client.state()).isEqualTo(TurnAllocationState.FAILED);
        assertThat(world.server.counters().errorResponses()).containsEntry(438, 1L).containsEntry(437, 1L);
    }

    @Test
    void losingTheInterfaceFailsTheClient() {
        TurnClient client = allocated(world.clientConfig("alice"));
        world.sim.scheduleAt(seconds(5), () -> world.clientHost.removeInterface(StarNetwork.INTERFACE));
        world.sim.runUntil(seconds(6));
        assertThat(listener.events).endsWith("failed CONNECTION_LOST @" + seconds(5));
        assertThat(client.failure()).contains(TurnFailure.CONNECTION_LOST);
    }

    @Test
    void operationsNeedAnAllocation() {
        TurnClient client = world.client(world.clientConfig("alice"), 0, listener);
        assertThat(client.send(world.peer.address(), new TestPayload(1, 10))).isFalse();
        assertThatThrownBy(() -> client.createPermission(world.peer.address().ip()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("createPermission needs an allocation (state ALLOCATED or REFRESHING), state was IDLE");
        client.allocate();
        assertThatThrownBy(client::allocate).isInstanceOf(IllegalStateException.class)
                .hasMessage("allocate() needs state IDLE, was ALLOCATING");
    }

    @Test
    void aRequestedLifetimeIsAskedForInAllocateAndRefresh() {
        TurnClient client = allocated(world.clientConfig("alice").withRequestedLifetime(1800));
        assertThat(client.lifetimeNanos()).isEqualTo(seconds(1800));
        assertThat(world.server.allocations().get(0).expiresAt()).isEqualTo(RTT + ONE_WAY + seconds(1800));
        // The nonce (600 s) has gone stale by the refresh at 1740 s: 438, then the Refresh again.
        world.sim.runUntil(2 * RTT + seconds(1740) + 2 * RTT);
        assertThat(world.server.allocations().get(0).expiresAt())
                .isEqualTo(2 * RTT + seconds(1740) + RTT + ONE_WAY + seconds(1800));
    }

    @Test
    void clientConfigurationLimitsNameTheValue() {
        TurnClientConfig config = world.clientConfig("alice");
        assertThatThrownBy(() -> config.withRequestedLifetime(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requested lifetime must be in [0, 4294967295] s (0: none), was -1 s");
        assertThatThrownBy(() -> config.withRefreshMargin(seconds(1800))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refresh margin must be in (0, 1800) s");
        assertThatThrownBy(() -> config.withMaxMismatchRetries(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxMismatchRetries must be >= 0, was -1");
        assertThatThrownBy(() -> TurnClientConfig.of(world.serverAddress(), TurnTransport.UDP, "alice", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
    }
}
