package org.icesim.scenario;

import java.util.Optional;
import org.icesim.nat.FirewallPolicy;
import org.icesim.nat.NatBehavior;

/**
 * A NAT of the scenario: its behaviour, the NAT it sits behind (a chain) if any, how many public
 * addresses it has, and an optional firewall in front of its public side.
 */
public record NatSpec(String name, NatBehavior behavior, Optional<String> behind, int publicAddresses,
        Optional<FirewallPolicy> firewall) {
}
