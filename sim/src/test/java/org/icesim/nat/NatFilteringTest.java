package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.nat.NatHarness.addr;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.icesim.net.DropReason;
import org.icesim.net.TransportAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filtering behaviours as RFC 4787 §5 defines them. The inside endpoint 10.0.0.1:5000 has sent
 * to 192.0.2.1:3478 only; then one packet arrives from each kind of outside source.
 */
class NatFilteringTest {
    private static final TransportAddress CONTACTED = addr("192.0.2.1:3478");
    private static final TransportAddress CONTACTED_IP_OTHER_PORT = addr("192.0.2.1:3479");
    private static final TransportAddress OTHER_IP_SAME_PORT = addr("198.51.100.7:3478");

    static Stream<Arguments> rfc4787Section5() {
        FilteringBehavior eif = FilteringBehavior.ENDPOINT_INDEPENDENT;
        FilteringBehavior adf = FilteringBehavior.ADDRESS_DEPENDENT;
        FilteringBehavior apdf = FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT;
        return Stream.of(
                // EIF: any outside endpoint may use an existing mapping.
                arguments(eif, CONTACTED, true),
                arguments(eif, CONTACTED_IP_OTHER_PORT, true),
                arguments(eif, OTHER_IP_SAME_PORT, true),
                // ADF: only IPs the inside endpoint has sent to, from any of their ports.
                arguments(adf, CONTACTED, true),
                arguments(adf, CONTACTED_IP_OTHER_PORT, true),
                arguments(adf, OTHER_IP_SAME_PORT, false),
                // APDF: only the exact IP:port the inside endpoint has sent to.
                arguments(apdf, CONTACTED, true),
                arguments(apdf, CONTACTED_IP_OTHER_PORT, false),
                arguments(apdf, OTHER_IP_SAME_PORT, false));
    }

    @ParameterizedTest(name = "{0} from {1}: admitted={2}")
    @MethodSource("rfc4787Section5")
    void filterAdmitsExactlyWhatRfc4787Section5Says(FilteringBehavior filtering, TransportAddress source,
            boolean admitted) {
        NatHarness h = new NatHarness(NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, filtering));
        TransportAddress external = h.out("10.0.0.1:5000", CONTACTED.toString());

        boolean delivered = h.in(source, external) != null;

        assertThat(delivered).isEqualTo(admitted);
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_FILTER)).isEqualTo(admitted ? 0 : 1);
    }

    @Test
    void addressDependentFilterOpensForEveryIpTheEndpointSendsTo() {
        NatHarness h = new NatHarness(NatBehavior.RESTRICTED_CONE);
        TransportAddress external = h.out("10.0.0.1:5000", CONTACTED.toString());
        assertThat(h.in(OTHER_IP_SAME_PORT, external)).isNull();

        h.out("10.0.0.1:5000", "198.51.100.7:9");

        assertThat(h.in(OTHER_IP_SAME_PORT, external)).isNotNull();
    }

    @Test
    void repliesInterleavedFromAdmittedAndRefusedRemotesAreEachJudgedOnTheirOwn() {
        // Endpoint-independent mapping, so all three sends share one mapping and one filter.
        NatHarness h = new NatHarness(NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT));
        TransportAddress external = h.out("10.0.0.1:5000", CONTACTED.toString());
        h.out("10.0.0.1:5000", CONTACTED_IP_OTHER_PORT.toString());
        h.out("10.0.0.1:5000", "192.0.2.99:1");

        assertThat(h.in(CONTACTED, external)).isNotNull();
        assertThat(h.in(OTHER_IP_SAME_PORT, external)).isNull();
        assertThat(h.in(CONTACTED, external)).isNotNull();
        assertThat(h.in(CONTACTED_IP_OTHER_PORT, external)).isNotNull();
        assertThat(h.in(OTHER_IP_SAME_PORT, external)).isNull();
        h.out("10.0.0.1:5000", OTHER_IP_SAME_PORT.toString());
        assertThat(h.in(CONTACTED, external)).isNotNull();
        assertThat(h.in(OTHER_IP_SAME_PORT, external)).isNotNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_FILTER)).isEqualTo(2);
    }

    @Test
    void filterStateBelongsToTheMappingSoAnEndpointIndependentFilterOpensOnlyExistingMappings() {
        NatHarness h = new NatHarness(NatBehavior.of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT,
                FilteringBehavior.ENDPOINT_INDEPENDENT).withPortAllocation(PortAllocation.SEQUENTIAL));
        TransportAddress towardStun = h.out("10.0.0.1:5000", CONTACTED.toString());

        // Any host may use the mapping made toward the STUN server ...
        assertThat(h.in(OTHER_IP_SAME_PORT, towardStun)).isNotNull();
        // ... but the next port was never mapped.
        assertThat(h.in(OTHER_IP_SAME_PORT, addr("203.0.113.1:" + (towardStun.port() + 1)))).isNull();
        assertThat(h.nat.counters().packetsDropped(DropReason.NAT_NO_MAPPING)).isEqualTo(1);
    }
}
