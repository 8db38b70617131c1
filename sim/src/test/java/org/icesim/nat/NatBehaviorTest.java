package org.icesim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.kernel.Durations.seconds;

import java.util.List;
import org.icesim.kernel.RandomStreams;
import org.icesim.net.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Presets, names, defaults and parameter validation of {@link NatBehavior} and {@link Nat}. */
class NatBehaviorTest {

    @ParameterizedTest(name = "{0} = {1} mapping + {2} filtering")
    @CsvSource({
        "full-cone,            endpoint-independent,       endpoint-independent",
        "restricted-cone,      endpoint-independent,       address-dependent",
        "port-restricted-cone, endpoint-independent,       address-and-port-dependent",
        "symmetric,            address-and-port-dependent, address-and-port-dependent",
        "address-dependent,    address-dependent,          address-dependent",
        "hard,                 address-and-port-dependent, address-and-port-dependent",
    })
    void presetsStandForTheirRfc4787Behaviours(String preset, String mapping, String filtering) {
        NatBehavior behavior = NatBehavior.preset(preset);

        assertThat(behavior.mapping()).isEqualTo(MappingBehavior.parse(mapping));
        assertThat(behavior.filtering()).isEqualTo(FilteringBehavior.parse(filtering));
    }

    @Test
    void presetConstantsAreTheNamedPresets() {
        assertThat(NatBehavior.presetNames()).containsExactly("full-cone", "restricted-cone",
                "port-restricted-cone", "symmetric", "address-dependent", "hard");
        assertThat(NatBehavior.preset("full-cone")).isSameAs(NatBehavior.FULL_CONE);
        assertThat(NatBehavior.preset(" Symmetric ")).isSameAs(NatBehavior.SYMMETRIC);
        assertThat(NatBehavior.SYMMETRIC.portAllocation()).isEqualTo(PortAllocation.SEQUENTIAL);
        assertThat(NatBehavior.HARD.portAllocation()).isEqualTo(PortAllocation.RANDOM);
        assertThat(NatBehavior.HARD.hairpinning()).isFalse();
    }

    @Test
    void unknownPresetNamesTheValidOnes() {
        assertThatThrownBy(() -> NatBehavior.preset("cone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NAT preset must be one of full-cone, restricted-cone, port-restricted-cone, symmetric, "
                        + "address-dependent, hard, was 'cone'");
    }

    @Test
    void defaultsFollowTheRfcs() {
        NatBehavior behavior = NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ENDPOINT_INDEPENDENT);

        assertThat(behavior.udpMappingTimeoutNanos()).isEqualTo(seconds(120));
        assertThat(behavior.tcpEstablishedTimeoutNanos()).isEqualTo(seconds(7440));
        assertThat(behavior.tcpTransitoryTimeoutNanos()).isEqualTo(seconds(240));
        assertThat(behavior.pairedPooling()).isTrue();
        assertThat(behavior.hairpinning()).isTrue();
        assertThat(behavior.refreshOnInbound()).isTrue();
        assertThat(behavior.portAllocation()).isEqualTo(PortAllocation.PRESERVING);
        assertThat(behavior.portRangeMin()).isEqualTo(1024);
        assertThat(behavior.portRangeMax()).isEqualTo(65535);
    }

    @Test
    void behaviourNamesParseFromKebabCaseAndBack() {
        for (MappingBehavior mapping : MappingBehavior.values()) {
            assertThat(MappingBehavior.parse(mapping.kebabName())).isEqualTo(mapping);
        }
        for (FilteringBehavior filtering : FilteringBehavior.values()) {
            assertThat(FilteringBehavior.parse(filtering.kebabName())).isEqualTo(filtering);
        }
        for (PortAllocation allocation : PortAllocation.values()) {
            assertThat(PortAllocation.parse(allocation.kebabName())).isEqualTo(allocation);
        }
        assertThat(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT.kebabName()).isEqualTo("address-and-port-dependent");
    }

    @Test
    void unknownBehaviourNamesListTheAllowedValues() {
        assertThatThrownBy(() -> MappingBehavior.parse("symmetric"))
                .hasMessage("NAT mapping behaviour must be one of endpoint-independent, address-dependent, "
                        + "address-and-port-dependent, was 'symmetric'");
        assertThatThrownBy(() -> FilteringBehavior.parse("address-port-dependent"))
                .hasMessage("NAT filtering behaviour must be one of endpoint-independent, address-dependent, "
                        + "address-and-port-dependent, was 'address-port-dependent'");
        assertThatThrownBy(() -> PortAllocation.parse(null))
                .hasMessage("NAT port allocation must be one of preserving, sequential, random, was 'null'");
    }

    @Test
    void invalidParametersNameTheParameterTheValueAndWhatIsAllowed() {
        NatBehavior base = NatBehavior.FULL_CONE;

        assertThatThrownBy(() -> base.withUdpMappingTimeout(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("udpMappingTimeoutNanos must be > 0 ns, was 0 ns");
        assertThatThrownBy(() -> base.withTcpTimeouts(seconds(7440), -1))
                .hasMessage("tcpTransitoryTimeoutNanos must be > 0 ns, was -1 ns");
        assertThatThrownBy(() -> base.withTcpTimeouts(0, seconds(240)))
                .hasMessage("tcpEstablishedTimeoutNanos must be > 0 ns, was 0 ns");
        assertThatThrownBy(() -> base.withPortRange(0, 100))
                .hasMessage("portRangeMin must be in 1..65535, was 0");
        assertThatThrownBy(() -> base.withPortRange(1024, 70000))
                .hasMessage("portRangeMax must be in 1..65535, was 70000");
        assertThatThrownBy(() -> base.withPortRange(6000, 5000))
                .hasMessage("port range must satisfy portRangeMin <= portRangeMax, was 6000..5000");
        assertThatThrownBy(() -> base.withMapping(null))
                .hasMessage("mapping must be one of endpoint-independent, address-dependent, "
                        + "address-and-port-dependent, was null");
        assertThatThrownBy(() -> base.withFiltering(null)).hasMessageStartingWith("filtering must be one of");
        assertThatThrownBy(() -> base.withPortAllocation(null))
                .hasMessage("portAllocation must be one of preserving, sequential, random, was null");
    }

    @Test
    void natRejectsAnEmptyOrRepeatingAddressList() {
        RandomStreams random = new RandomStreams(1);
        Ipv4Address a = Ipv4Address.parse("203.0.113.1");

        assertThatThrownBy(() -> new Nat(() -> 0L, "home", NatBehavior.FULL_CONE, List.of(), random.stream("n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publicAddresses of NAT 'home' must hold at least one address, was []");
        assertThatThrownBy(() -> new Nat(() -> 0L, "home", NatBehavior.FULL_CONE, List.of(a, a), random.stream("n")))
                .hasMessage("publicAddresses of NAT 'home' must be distinct non-null addresses, "
                        + "was [203.0.113.1, 203.0.113.1]");
        assertThatThrownBy(() -> new Nat(() -> 0L, " ", NatBehavior.FULL_CONE, List.of(a), random.stream("n")))
                .hasMessage("NAT name must not be blank, was ' '");
    }
}
