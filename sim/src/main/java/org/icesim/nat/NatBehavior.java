package org.icesim.nat;

import static org.icesim.kernel.Durations.seconds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that makes one NAT differ from another, as data (RFC 4787 for UDP, RFC 5382 for TCP).
 *
 * <p>The classic names of RFC 3489 are available as presets ({@link #FULL_CONE} and so on, or
 * {@link #preset(String)} with kebab-case names); RFC 4787 §3 explains why those names are
 * ambiguous, so each preset states the mapping and filtering it stands for.
 *
 * @param mapping                    which destinations share an external address (RFC 4787 §4.1)
 * @param filtering                  which outside endpoints may use a mapping (RFC 4787 §5)
 * @param portAllocation             how external ports are chosen (RFC 4787 §4.2)
 * @param pairedPooling              with several public addresses: {@code true} gives every
 *                                   internal IP one external IP for all its mappings ("paired",
 *                                   RECOMMENDED by RFC 4787 §4.1 REQ-2); {@code false} spreads new
 *                                   mappings over the addresses round-robin ("arbitrary")
 * @param udpMappingTimeoutNanos     idle time after which a UDP mapping is gone. RFC 4787 §4.3
 *                                   REQ-5 says at least 2 min (5 min RECOMMENDED); shorter values
 *                                   are accepted on purpose, because real NATs violate the rule
 *                                   and a scenario must be able to model them
 * @param tcpEstablishedTimeoutNanos idle time after which an established TCP mapping is gone
 *                                   (RFC 5382 §5 REQ-5: at least 2 h 4 min)
 * @param tcpTransitoryTimeoutNanos  idle time for a TCP mapping that is opening or closing
 *                                   (RFC 5382 §5 REQ-5: at least 4 min)
 * @param refreshOnInbound           whether admitted inbound packets also refresh a mapping; outbound
 *                                   packets always do (RFC 4787 §4.3 REQ-6: outbound MUST, inbound MAY)
 * @param hairpinning                whether packets from inside to one of the NAT's own public
 *                                   addresses are looped back inside (RFC 4787 §6 REQ-9 MUST)
 * @param portRangeMin               lowest external port handed out
 * @param portRangeMax               highest external port handed out
 */
public record NatBehavior(
        MappingBehavior mapping,
        FilteringBehavior filtering,
        PortAllocation portAllocation,
        boolean pairedPooling,
        long udpMappingTimeoutNanos,
        long tcpEstablishedTimeoutNanos,
        long tcpTransitoryTimeoutNanos,
        boolean refreshOnInbound,
        boolean hairpinning,
        int portRangeMin,
        int portRangeMax) {

    /** 2 min: the shortest UDP mapping timer RFC 4787 §4.3 REQ-5 allows, and the default here. */
    public static final long DEFAULT_UDP_MAPPING_TIMEOUT = seconds(120);
    /** 2 h 4 min: the shortest established-connection idle timeout RFC 5382 §5 REQ-5 allows. */
    public static final long DEFAULT_TCP_ESTABLISHED_TIMEOUT = seconds(2 * 3600 + 4 * 60);
    /** 4 min: the shortest transitory-connection idle timeout RFC 5382 §5 REQ-5 allows. */
    public static final long DEFAULT_TCP_TRANSITORY_TIMEOUT = seconds(4 * 60);
    /** Ports below 1024 are left to the NAT's own services. */
    public static final int DEFAULT_PORT_RANGE_MIN = 1024;
    public static final int DEFAULT_PORT_RANGE_MAX = 65535;

    /** Classic "full cone": EIM + EIF, ports preserved. */
    public static final NatBehavior FULL_CONE =
            of(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ENDPOINT_INDEPENDENT);
    /** Classic "(address-)restricted cone": EIM + ADF, ports preserved. */
    public static final NatBehavior RESTRICTED_CONE =
            of(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_DEPENDENT);
    /**
     * Classic "port-restricted cone": EIM + APDF, ports preserved; the typical home router, and
     * what other simulators call an "easy" NAT.
     */
    public static final NatBehavior PORT_RESTRICTED_CONE =
            of(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
    /** Classic "symmetric": APDM + APDF, ports handed out sequentially (so they can be predicted). */
    public static final NatBehavior SYMMETRIC =
            of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT)
                    .withPortAllocation(PortAllocation.SEQUENTIAL);
    /**
     * ADM + ADF, sequential ports: mapping and filtering both keyed by the remote IP only. Toward a
     * STUN server and a peer on different IPs it behaves like a symmetric NAT.
     */
    public static final NatBehavior ADDRESS_DEPENDENT =
            of(MappingBehavior.ADDRESS_DEPENDENT, FilteringBehavior.ADDRESS_DEPENDENT)
                    .withPortAllocation(PortAllocation.SEQUENTIAL);
    /** APDM + APDF with random ports and no hairpinning: the worst case for hole punching. */
    public static final NatBehavior HARD =
            of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT)
                    .withPortAllocation(PortAllocation.RANDOM)
                    .withHairpinning(false);

    private static final Map<String, NatBehavior> PRESETS = presets();

    public NatBehavior {
        if (mapping == null) {
            throw new IllegalArgumentException("mapping must be one of "
                    + KebabNames.list(MappingBehavior.values()) + ", was null");
        }
        if (filtering == null) {
            throw new IllegalArgumentException("filtering must be one of "
                    + KebabNames.list(FilteringBehavior.values()) + ", was null");
        }
        if (portAllocation == null) {
            throw new IllegalArgumentException("portAllocation must be one of "
                    + KebabNames.list(PortAllocation.values()) + ", was null");
        }
        requirePositive("udpMappingTimeoutNanos", udpMappingTimeoutNanos);
        requirePositive("tcpEstablishedTimeoutNanos", tcpEstablishedTimeoutNanos);
        requirePositive("tcpTransitoryTimeoutNanos", tcpTransitoryTimeoutNanos);
        requirePort("portRangeMin", portRangeMin);
        requirePort("portRangeMax", portRangeMax);
        if (portRangeMin > portRangeMax) {
            throw new IllegalArgumentException("port range must satisfy portRangeMin <= portRangeMax, was "
                    + portRangeMin + ".." + portRangeMax);
        }
    }

    /**
     * A NAT with the given mapping and filtering and the defaults for everything else: ports
     * preserved, paired pooling, the RFC minimum timeouts, inbound refresh, hairpinning, ports
     * 1024..65535.
     */
    public static NatBehavior of(MappingBehavior mapping, FilteringBehavior filtering) {
        return new NatBehavior(mapping, filtering, PortAllocation.PRESERVING, true,
                DEFAULT_UDP_MAPPING_TIMEOUT, DEFAULT_TCP_ESTABLISHED_TIMEOUT, DEFAULT_TCP_TRANSITORY_TIMEOUT,
                true, true, DEFAULT_PORT_RANGE_MIN, DEFAULT_PORT_RANGE_MAX);
    }

    /**
     * The preset called {@code name}: {@code full-cone}, {@code restricted-cone},
     * {@code port-restricted-cone}, {@code symmetric}, {@code address-dependent} or {@code hard}.
     */
    public static NatBehavior preset(String name) {
        NatBehavior preset = name == null ? null : PRESETS.get(name.trim().toLowerCase(Locale.ROOT));
        if (preset == null) {
            throw new IllegalArgumentException("NAT preset must be one of "
                    + String.join(", ", PRESETS.keySet()) + ", was '" + name + "'");
        }
        return preset;
    }

    /** The names {@link #preset(String)} accepts, in a fixed order. */
    public static List<String> presetNames() {
        return List.copyOf(PRESETS.keySet());
    }

    public NatBehavior withMapping(MappingBehavior newMapping) {
        return new NatBehavior(newMapping, filtering, portAllocation, pairedPooling, udpMappingTimeoutNanos,
                tcpEstablishedTimeoutNanos, tcpTransitoryTimeoutNanos, refreshOnInbound, hairpinning,
                portRangeMin, portRangeMax);
    }

    public NatBehavior withFiltering(FilteringBehavior newFiltering) {
        return new NatBehavior(mapping, newFiltering, portAllocation, pairedPooling, udpMappingTimeoutNanos,
                tcpEstablishedTimeoutNanos, tcpTransitoryTimeoutNanos, refreshOnInbound, hairpinning,
                portRangeMin, portRangeMax);
    }

    public NatBehavior withPortAllocation(PortAllocation newPortAllocation) {
        return new NatBehavior(mapping, filtering, newPortAllocation, pairedPooling, udpMappingTimeoutNanos,
                tcpEstablishedTimeoutNanos, tcpTransitoryTimeoutNanos, refreshOnInbound, hairpinning,
                portRangeMin, portRangeMax);
    }

    public NatBehavior withPairedPooling(boolean paired) {
        return new NatBehavior(mapping, filtering, portAllocation, paired, udpMappingTimeoutNanos,
                tcpEstablishedTimeoutNanos, tcpTransitoryTimeoutNanos, refreshOnInbound, hairpinning,
                portRangeMin, portRangeMax);
    }

    public NatBehavior withUdpMappingTimeout(long nanos) {
        return new NatBehavior(mapping, filtering, portAllocation, pairedPooling, nanos,
                tcpEstablishedTimeoutNanos, tcpTransitoryTimeoutNanos, refreshOnInbound, hairpinning,
                portRangeMin, portRangeMax);
    }

    public NatBehavior withTcpTimeouts(long establishedNanos, long transitoryNanos) {
        return new NatBehavior(mapping, filtering, portAllocation, pairedPooling, udpMappingTimeoutNanos,
                establishedNanos, transitoryNanos, refreshOnInbound, hairpinning, portRangeMin, portRangeMax);
    }

    public NatBehavior withRefreshOnInbound(boolean refresh) {
        return new NatBehavior(mapping, filtering, portAllocation, pairedPooling, udpMappingTimeoutNanos,
                tcpEstablishedTimeoutNanos, tcpTransitoryTimeoutNanos, refresh, hairpinning,
                portRangeMin, portRangeMax);
    }

    public NatBehavior withHairpinning(boolean hairpin) {
        return new NatBehavior(mapping, filtering, portAllocation, pairedPooling, udpMappingTimeoutNanos,
                tcpEstablishedTimeoutNanos, tcpTransitoryTimeoutNanos, refreshOnInbound, hairpin,
                portRangeMin, portRangeMax);
    }

    public NatBehavior withPortRange(int min, int max) {
        return new NatBehavior(mapping, filtering, portAllocation, pairedPooling, udpMappingTimeoutNanos,
                tcpEstablishedTimeoutNanos, tcpTransitoryTimeoutNanos, refreshOnInbound, hairpinning, min, max);
    }

    /** How many ports the range holds. */
    public int portRangeSize() {
        return portRangeMax - portRangeMin + 1;
    }

    private static void requirePositive(String parameter, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException(parameter + " must be > 0 ns, was " + nanos + " ns");
        }
    }

    private static void requirePort(String parameter, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(parameter + " must be in 1..65535, was " + port);
        }
    }

    private static Map<String, NatBehavior> presets() {
        Map<String, NatBehavior> byName = new LinkedHashMap<>();
        byName.put("full-cone", FULL_CONE);
        byName.put("restricted-cone", RESTRICTED_CONE);
        byName.put("port-restricted-cone", PORT_RESTRICTED_CONE);
        byName.put("symmetric", SYMMETRIC);
        byName.put("address-dependent", ADDRESS_DEPENDENT);
        byName.put("hard", HARD);
        return Collections.unmodifiableMap(byName);
    }
}
