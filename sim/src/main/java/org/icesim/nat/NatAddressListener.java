package org.icesim.nat;

import java.util.List;
import org.icesim.net.Ipv4Address;

/**
 * Told when a NAT's public addresses change (a reboot that came back with new ones), so whoever
 * built the network can move the routes toward the NAT on the router above it.
 */
@FunctionalInterface
public interface NatAddressListener {
    void publicAddressesChanged(Nat nat, List<Ipv4Address> previous, List<Ipv4Address> current);
}
