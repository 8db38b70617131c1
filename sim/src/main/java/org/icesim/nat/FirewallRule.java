package org.icesim.nat;

import java.util.Locale;
import org.icesim.net.Protocol;

/**
 * One allowance of a {@link FirewallPolicy}: outbound packets of {@code protocol} whose
 * destination port lies in {@code portMin..portMax} may pass.
 */
public record FirewallRule(Protocol protocol, int portMin, int portMax) {

    private static final String FORMAT = "tcp, udp:3478 or tcp:1024-65535";

    public FirewallRule {
        if (protocol == null) {
            throw new IllegalArgumentException("firewall rule protocol must be udp or tcp, was null");
        }
        if (portMin < 1 || portMax > 65535 || portMin > portMax) {
            throw new IllegalArgumentException("firewall rule ports must satisfy 1 <= portMin <= portMax <= 65535, was "
                    + portMin + ".." + portMax);
        }
    }

    /** Every destination port of {@code protocol}. */
    public static FirewallRule anyPort(Protocol protocol) {
        return new FirewallRule(protocol, 1, 65535);
    }

    /** Parses {@code tcp}, {@code udp:3478} or {@code tcp:1024-65535}. */
    public static FirewallRule parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int colon = trimmed.indexOf(':');
        Protocol protocol = parseProtocol(colon < 0 ? trimmed : trimmed.substring(0, colon), text);
        if (colon < 0) {
            return anyPort(protocol);
        }
        String ports = trimmed.substring(colon + 1);
        int dash = ports.indexOf('-');
        try {
            if (dash < 0) {
                int port = Integer.parseInt(ports);
                return new FirewallRule(protocol, port, port);
            }
            return new FirewallRule(protocol, Integer.parseInt(ports.substring(0, dash)),
                    Integer.parseInt(ports.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("firewall rule must look like " + FORMAT + ", was '" + text + "'");
        }
    }

    /** Whether an outbound packet of {@code packetProtocol} to {@code destinationPort} may pass. */
    public boolean allows(Protocol packetProtocol, int destinationPort) {
        return protocol == packetProtocol && destinationPort >= portMin && destinationPort <= portMax;
    }

    private static Protocol parseProtocol(String name, String text) {
        for (Protocol protocol : Protocol.values()) {
            if (protocol.name().toLowerCase(Locale.ROOT).equals(name)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("firewall rule must look like " + FORMAT + " (protocol udp or tcp), was '"
                + text + "'");
    }

    @Override
    public String toString() {
        String proto = protocol.name().toLowerCase(Locale.ROOT);
        if (portMin == 1 && portMax == 65535) {
            return proto;
        }
        return portMin == portMax ? proto + ":" + portMin : proto + ":" + portMin + "-" + portMax;
    }
}
