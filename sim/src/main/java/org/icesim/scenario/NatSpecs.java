package org.icesim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icesim.nat.FilteringBehavior;
import org.icesim.nat.FirewallPolicy;
import org.icesim.nat.FirewallRule;
import org.icesim.nat.MappingBehavior;
import org.icesim.nat.NatBehavior;
import org.icesim.nat.PortAllocation;
import org.icesim.scenario.yaml.MapView;
import org.icesim.scenario.yaml.YamlNode;

/** Reads a NAT: a {@code preset} and/or explicit behaviours, timeouts, chain and firewall. */
final class NatSpecs {

    private NatSpecs() {
    }

    static NatSpec read(String name, MapView nat) {
        Map<String, NatBehavior> presets = new LinkedHashMap<>();
        for (String preset : NatBehavior.presetNames()) {
            presets.put(preset, NatBehavior.preset(preset));
        }
        NatBehavior behavior = nat.choice("preset", NatBehavior.PORT_RESTRICTED_CONE, presets);
        behavior = behavior.withMapping(nat.scalar("mapping", behavior.mapping(), MappingBehavior::parse));
        behavior = behavior.withFiltering(nat.scalar("filtering", behavior.filtering(), NatSpecs::filtering));
        behavior = behavior.withPortAllocation(nat.scalar("port-allocation", behavior.portAllocation(), PortAllocation::parse));
        behavior = behavior.withPairedPooling(nat.choice("pooling", behavior.pairedPooling(),
                Map.of("paired", true, "arbitrary", false)));
        behavior = withTimeout(nat, behavior);
        behavior = behavior.withRefreshOnInbound(nat.bool("refresh-on-inbound", behavior.refreshOnInbound()));
        behavior = behavior.withHairpinning(nat.bool("hairpinning", behavior.hairpinning()));
        if (nat.has("ports")) {
            int[] range = nat.scalar("ports", new int[] {behavior.portRangeMin(), behavior.portRangeMax()}, NatSpecs::portRange);
            behavior = tryWith(nat, "ports", behavior, b -> b.withPortRange(range[0], range[1]));
        }
        Optional<String> behind = Optional.ofNullable(nat.string("behind", null));
        int addresses = (int) nat.integer("addresses", 1, 1, 256);
        Optional<FirewallPolicy> firewall = firewall(nat);
        nat.finish();
        return new NatSpec(name, behavior, behind, addresses, firewall);
    }

    /** Accepts the shorter spelling {@code address-port-dependent} as well. */
    private static FilteringBehavior filtering(String text) {
        return FilteringBehavior.parse(text.equals("address-port-dependent") ? "address-and-port-dependent" : text);
    }

    private static NatBehavior withTimeout(MapView nat, NatBehavior behavior) {
        long udp = nat.duration("timeout", behavior.udpMappingTimeoutNanos());
        long tcp = nat.duration("tcp-timeout", behavior.tcpEstablishedTimeoutNanos());
        long tcpTransitory = nat.duration("tcp-transitory-timeout", behavior.tcpTransitoryTimeoutNanos());
        NatBehavior withUdp = tryWith(nat, "timeout", behavior, b -> b.withUdpMappingTimeout(udp));
        return tryWith(nat, "tcp-timeout", withUdp, b -> b.withTcpTimeouts(tcp, tcpTransitory));
    }

    private static NatBehavior tryWith(MapView nat, String key, NatBehavior behavior,
            java.util.function.UnaryOperator<NatBehavior> change) {
        try {
            return change.apply(behavior);
        } catch (IllegalArgumentException e) {
            nat.problem(key, e.getMessage());
            return behavior;
        }
    }

    private static int[] portRange(String text) {
        String[] parts = text.split("-", -1);
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a port range such as 1024-65535");
    }

    private static Optional<FirewallPolicy> firewall(MapView nat) {
        if (!nat.has("firewall")) {
            return Optional.empty();
        }
        YamlNode node = nat.node("firewall").orElseThrow();
        if (node instanceof YamlNode.YamlScalar scalar && "tcp-only".equals(scalar.text())) {
            return Optional.of(FirewallPolicy.TCP_ONLY);
        }
        if (node instanceof YamlNode.YamlList list) {
            List<FirewallRule> rules = new ArrayList<>();
            for (YamlNode item : list.items()) {
                FirewallRule rule = MapView.parse(item, nat.pathOf("firewall"), null, FirewallRule::parse, nat.problems());
                if (rule != null) {
                    rules.add(rule);
                }
            }
            return Optional.of(FirewallPolicy.allowOnly(rules));
        }
        nat.problem("firewall", "must be tcp-only or a list of allowed outbound rules such as [tcp, udp:3478, tcp:443], was "
                + node.kind());
        return Optional.empty();
    }
}
