package org.icesim.nat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.icesim.kernel.Invariants;
import org.icesim.net.TransportAddress;

/**
 * A NAT's second opinion on its filtering, kept only while invariant checks are on. It records the
 * exact outside endpoints each mapping has sent to, independently of the permission keys the
 * mapping itself keeps, and judges every inbound packet the NAT admits by the letter of RFC 4787
 * §5: endpoint-independent filtering admits anyone (REQ-8 allows it); address-dependent only a
 * source IP the mapping has sent to; address-and-port-dependent only a source IP:port it has sent
 * to. Permissions live as long as their mapping, as in {@link Nat}.
 *
 * <p>The map is only looked up, never iterated, so its order cannot change a result.
 */
final class FilteringOracle {
    private final Invariants invariants;
    private final FilteringBehavior filtering;
    private final Map<Mapping, Set<TransportAddress>> sentTo = new HashMap<>();

    FilteringOracle(Invariants invariants, FilteringBehavior filtering) {
        this.invariants = invariants;
        this.filtering = filtering;
    }

    /** An outbound packet left through {@code mapping} toward {@code destination}. */
    void sent(Mapping mapping, TransportAddress destination) {
        sentTo.computeIfAbsent(mapping, unused -> new LinkedHashSet<>()).add(destination);
    }

    /** The NAT lost every mapping (a reboot or flush). */
    void clear() {
        sentTo.clear();
    }

    /** Checks that the NAT may admit a packet from {@code source} through {@code mapping}. */
    void requireAdmissible(Object nat, Mapping mapping, TransportAddress source) {
        Set<TransportAddress> destinations = sentTo.getOrDefault(mapping, Set.of());
        boolean allowed = switch (filtering) {
            case ENDPOINT_INDEPENDENT -> true;
            case ADDRESS_DEPENDENT -> destinations.stream().anyMatch(d -> d.ip().equals(source.ip()));
            case ADDRESS_AND_PORT_DEPENDENT -> destinations.contains(source);
        };
        if (!allowed) {
            throw invariants.violation(Nat.FILTERING_INVARIANT, nat, filtering.kebabName()
                    + " filtering admitted a packet from " + source + " through mapping " + mapping.internal
                    + " \u2192 " + mapping.external + ", which has sent only to " + destinations);
        }
        invariants.held(Nat.FILTERING_INVARIANT);
    }
}
