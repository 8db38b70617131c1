package org.icesim.nat;

import java.util.List;
import java.util.Objects;
import org.icesim.net.Packet;
import org.icesim.net.Protocol;

/**
 * What a {@link Firewall} lets out, and how long it remembers a flow so that its return traffic
 * may come back in.
 *
 * @param allowedOutbound     outbound packets pass if any rule allows them; an empty list blocks all
 * @param udpFlowTimeoutNanos idle time after which a UDP flow's return traffic is refused
 * @param tcpFlowTimeoutNanos idle time after which a TCP flow's return traffic is refused
 */
public record FirewallPolicy(List<FirewallRule> allowedOutbound, long udpFlowTimeoutNanos, long tcpFlowTimeoutNanos) {

    /** UDP blocked both ways; TCP to any port may go out (the corporate network that forces TURN over TCP/TLS). */
    public static final FirewallPolicy TCP_ONLY = allowOnly(List.of(FirewallRule.anyPort(Protocol.TCP)));

    public FirewallPolicy {
        if (allowedOutbound == null || allowedOutbound.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("allowedOutbound must be a list of rules such as tcp or udp:3478, was "
                    + allowedOutbound);
        }
        allowedOutbound = List.copyOf(allowedOutbound);
        if (udpFlowTimeoutNanos <= 0) {
            throw new IllegalArgumentException("udpFlowTimeoutNanos must be > 0 ns, was " + udpFlowTimeoutNanos + " ns");
        }
        if (tcpFlowTimeoutNanos <= 0) {
            throw new IllegalArgumentException("tcpFlowTimeoutNanos must be > 0 ns, was " + tcpFlowTimeoutNanos + " ns");
        }
    }

    /**
     * Only what {@code rules} allow may go out; flows are remembered as long as a NAT's default
     * mappings are (2 min for UDP, 2 h 4 min for TCP).
     */
    public static FirewallPolicy allowOnly(List<FirewallRule> rules) {
        return new FirewallPolicy(rules, NatBehavior.DEFAULT_UDP_MAPPING_TIMEOUT,
                NatBehavior.DEFAULT_TCP_ESTABLISHED_TIMEOUT);
    }

    public FirewallPolicy withFlowTimeouts(long udpNanos, long tcpNanos) {
        return new FirewallPolicy(allowedOutbound, udpNanos, tcpNanos);
    }

    /** Whether {@code packet}, leaving the inside, may pass. */
    public boolean allowsOutbound(Packet packet) {
        for (FirewallRule rule : allowedOutbound) {
            if (rule.allows(packet.protocol(), packet.destination().port())) {
                return true;
            }
        }
        return false;
    }

    long flowTimeout(Protocol protocol) {
        return protocol == Protocol.UDP ? udpFlowTimeoutNanos : tcpFlowTimeoutNanos;
    }
}
