package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.nat.NatHarness.addr;

import org.icesim.kernel.InvariantViolation;
import org.icesim.kernel.Invariants;
import org.icesim.net.DropReason;
import org.icesim.net.TrafficCounters;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;

/** The NAT's invariants: filtering judged by an independent oracle (RFC 4787 §5), and packet conservation. */
class NatInvariantsTest {

    private static final TransportAddress INTERNAL = addr("10.0.0.2:5000");
    private static final TransportAddress EXTERNAL = addr("203.0.113.1:5000");
    private static final TransportAddress PEER = addr("192.0.2.9:4000");

    private final Invariants invariants = Invariants.on(() -> 7_000_000_000L);

    private static Mapping mapping() {
        return new Mapping(INTERNAL, EXTERNAL, null, true, 0);
    }

    @Test
    void addressAndPortDependentFilteringMustNotAdmitAnotherPortOfAPeer_rfc4787_5() {
        FilteringOracle oracle = new FilteringOracle(invariants, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
        Mapping mapping = mapping();
        oracle.sent(mapping, PEER);
        oracle.requireAdmissible("NAT home", mapping, PEER);
        assertThat(invariants.count(Nat.FILTERING_INVARIANT)).isEqualTo(1);
        // A deliberately wrong filter that let in the peer's other port would be caught here.
        assertThatThrownBy(() -> oracle.requireAdmissible("NAT home", mapping, addr("192.0.2.9:4001")))
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("NAT filtering violated on NAT home at 7 s: address-and-port-dependent filtering "
                        + "admitted a packet from 192.0.2.9:4001 through mapping 10.0.0.2:5000 \u2192 "
                        + "203.0.113.1:5000, which has sent only to [192.0.2.9:4000]");
    }

    @Test
    void addressDependentFilteringAdmitsAnyPortOfAnAddressSentToAndNoOtherAddress_rfc4787_5() {
        FilteringOracle oracle = new FilteringOracle(invariants, FilteringBehavior.ADDRESS_DEPENDENT);
        Mapping mapping = mapping();
        oracle.sent(mapping, PEER);
        oracle.requireAdmissible("NAT home", mapping, addr("192.0.2.9:9999"));
        assertThatThrownBy(() -> oracle.requireAdmissible("NAT home", mapping, addr("192.0.2.10:4000")))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("address-dependent filtering admitted a packet from 192.0.2.10:4000");
    }

    @Test
    void endpointIndependentFilteringAdmitsAnyone_rfc4787_5() {
        FilteringOracle oracle = new FilteringOracle(invariants, FilteringBehavior.ENDPOINT_INDEPENDENT);
        oracle.requireAdmissible("NAT home", mapping(), PEER);
        assertThat(invariants.count(Nat.FILTERING_INVARIANT)).isEqualTo(1);
    }

    @Test
    void aRebootForgetsWhatTheOldMappingsSentTo() {
        FilteringOracle oracle = new FilteringOracle(invariants, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
        Mapping mapping = mapping();
        oracle.sent(mapping, PEER);
        oracle.clear();
        assertThatThrownBy(() -> oracle.requireAdmissible("NAT home", mapping, PEER))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageEndingWith("which has sent only to []");
    }

    @Test
    void aRealNatIsCheckedOnEveryAdmittedPacketAndConservesWhatItIsHanded() {
        NatHarness harness = new NatHarness(NatBehavior.PORT_RESTRICTED_CONE);
        TransportAddress external = harness.out(INTERNAL.toString(), PEER.toString());
        assertThat(harness.in(PEER, external)).isNotNull();
        assertThat(harness.in(addr("192.0.2.9:4001"), external)).isNull();
        Invariants checks = harness.simulator.invariants();
        assertThat(checks.count(Nat.FILTERING_INVARIANT)).isEqualTo(1);
        harness.nat.checkConservation();
        assertThat(harness.nat.counters().packetsDropped(DropReason.NAT_FILTER)).isEqualTo(1);
        assertThat(checks.count(TrafficCounters.CONSERVATION_INVARIANT)).isEqualTo(1);
    }

    @Test
    void aNatCountingADeliveryThatNeverCameInBreaksConservation() {
        NatHarness harness = new NatHarness(NatBehavior.PORT_RESTRICTED_CONE);
        harness.out(INTERNAL.toString(), PEER.toString());
        harness.nat.counters().delivered(100);
        assertThatThrownBy(harness.nat::checkConservation)
                .isInstanceOf(InvariantViolation.class)
                .hasMessage("packet conservation violated on NAT nat [203.0.113.1] at 0 s: "
                        + "received 1 \u2260 sent 1 + delivered 1 + dropped 0");
    }
}
