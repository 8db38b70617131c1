package org.icesim.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.seconds;

import org.icesim.kernel.InvariantViolation;
import org.icesim.kernel.Invariants;
import org.icesim.net.Ipv4Address;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

/** The TURN permission invariant: nothing is relayed without an unexpired permission (RFC 8656 §9). */
class PermissionLedgerTest {

    private static final Ipv4Address PEER = Ipv4Address.parse("198.51.100.7");
    private static final long LIFETIME = seconds(300);

    private long now;
    private final Invariants invariants = Invariants.on(() -> now);
    private final PermissionLedger ledger = new PermissionLedger(invariants, LIFETIME);
    private final ServerAllocation allocation = new ServerAllocation(
            new FiveTuple(TransportAddress.of("203.0.113.5", 50000), TransportAddress.of("192.0.2.4", 3478),
                    TurnTransport.UDP), null, "user", null, null);

    @Test
    void relayingWithinThePermissionLifetimeHolds_rfc8656_9() {
        ledger.installed(allocation, PEER, seconds(10));
        ledger.requireRelayable("TURN server t", allocation, PEER, RelayDirection.CLIENT_TO_PEER, seconds(309));
        assertThat(invariants.count(TurnServer.PERMISSION_INVARIANT)).isEqualTo(1);
    }

    @Test
    void relayingOnceThePermissionExpiredIsAViolation_rfc8656_9() {
        ledger.installed(allocation, PEER, seconds(10));
        now = seconds(310);
        assertThatThrownBy(() -> ledger.requireRelayable("TURN server t", allocation, PEER,
                RelayDirection.PEER_TO_CLIENT, now))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("TURN relays only with a valid permission violated on TURN server t at 310 s: "
                        + "relayed PEER_TO_CLIENT between 203.0.113.5:50000's allocation and 198.51.100.7, whose "
                        + "permission was last installed at 10000000000 ns and expired at 310000000000 ns");
    }

    @Test
    void aRefreshExtendsThePermissionAndAnotherPeerIpHasNone_rfc8656_9() {
        ledger.installed(allocation, PEER, seconds(10));
        ledger.installed(allocation, PEER, seconds(200));
        ledger.requireRelayable("TURN server t", allocation, PEER, RelayDirection.CLIENT_TO_PEER, seconds(499));
        assertThatThrownBy(() -> ledger.requireRelayable("TURN server t", allocation,
                Ipv4Address.parse("198.51.100.8"), RelayDirection.CLIENT_TO_PEER, seconds(20)))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageEndingWith("and 198.51.100.8, for which no permission was ever installed");
    }

    @Test
    void aDeletedAllocationOrACrashTakesItsPermissionsAlong() {
        ledger.installed(allocation, PEER, 0);
        ledger.forget(allocation);
        assertThatThrownBy(() -> ledger.requireRelayable("t", allocation, PEER, RelayDirection.CLIENT_TO_PEER, 1))
                .isInstanceOf(InvariantViolation.class);
        ledger.installed(allocation, PEER, 0);
        ledger.clear();
        assertThatThrownBy(() -> ledger.requireRelayable("t", allocation, PEER, RelayDirection.CLIENT_TO_PEER, 1))
                .isInstanceOf(InvariantViolation.class);
    }
}
