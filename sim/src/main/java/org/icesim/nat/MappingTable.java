package org.icesim.nat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;

/**
 * The mappings of one transport protocol, indexed both ways: by internal endpoint and selector
 * (outbound lookups) and by external address (inbound lookups and port allocation). Both
 * lookups are keyed by addresses already in the packet, so translating allocates nothing.
 *
 * <p>A mapping idle for at least its timeout is dead: lookups remove it and report nothing, and
 * a sweep (see {@link SweepTrigger}) clears dead ones nobody looks up.
 */
final class MappingTable {
    private final Protocol protocol;
    private final NatBehavior behavior;
    /** Internal endpoint → (selector → mapping). Used for lookups only, never iterated. */
    private final Map<TransportAddress, Map<Object, Mapping>> byInternal = new HashMap<>();
    /** External address → mapping, in creation order, so a sweep walks it deterministically. */
    private final LinkedHashMap<TransportAddress, Mapping> byExternal = new LinkedHashMap<>();
    private final SweepTrigger sweepTrigger = new SweepTrigger();
    /**
     * The mapping {@link #findByInternal} found last, while it is in the table: a call's media
     * goes out through the same mapping packet after packet, and comparing its endpoint and
     * selector is cheaper than hashing into both maps again. Removing the mapping forgets it.
     */
    private Mapping lastFound;
    /**
     * The mapping {@link #findByExternal} found last, while it is in the table: the replies of a
     * call's remote come in through one mapping packet after packet (the same reason as above).
     */
    private Mapping lastFoundByExternal;

    MappingTable(Protocol protocol, NatBehavior behavior) {
        this.protocol = protocol;
        this.behavior = behavior;
    }

    /** The live mapping of {@code internal} for {@code selector}, or {@code null}. */
    Mapping findByInternal(TransportAddress internal, Object selector, long now) {
        Mapping mapping = lastFound;
        if (mapping == null || !mapping.internal.equals(internal) || !Objects.equals(mapping.selector, selector)) {
            Map<Object, Mapping> ofEndpoint = byInternal.get(internal);
            mapping = ofEndpoint == null ? null : ofEndpoint.get(selector);
        }
        Mapping live = liveOrRemove(mapping, now);
        if (live != null) {
            lastFound = live;
        }
        return live;
    }

    /** The live mapping whose external address is {@code external}, or {@code null}. */
    Mapping findByExternal(TransportAddress external, long now) {
        Mapping mapping = lastFoundByExternal;
        if (mapping == null || !mapping.external.equals(external)) {
            mapping = byExternal.get(external);
        }
        Mapping live = liveOrRemove(mapping, now);
        if (live != null) {
            lastFoundByExternal = live;
        }
        return live;
    }

    /** Whether no live mapping uses {@code external}; a dead one holding it is removed. */
    boolean isFree(TransportAddress external, long now) {
        return findByExternal(external, now) == null;
    }

    /** Stores a new mapping; the caller made sure its external address is free. */
    Mapping add(TransportAddress internal, Object selector, TransportAddress external, long now) {
        if (sweepTrigger.due(byExternal.size())) {
            sweep(now);
        }
        Mapping mapping = new Mapping(internal, external, selector,
                behavior.filtering() != FilteringBehavior.ENDPOINT_INDEPENDENT, now);
        byInternal.computeIfAbsent(internal, endpoint -> new HashMap<>(2)).put(selector, mapping);
        byExternal.put(external, mapping);
        return mapping;
    }

    /** Removes every dead mapping; returns how many live ones remain. */
    int sweep(long now) {
        Iterator<Mapping> all = byExternal.values().iterator();
        while (all.hasNext()) {
            Mapping mapping = all.next();
            if (!isLive(mapping, now)) {
                all.remove();
                forgetIndexed(mapping);
            }
        }
        sweepTrigger.swept(byExternal.size());
        return byExternal.size();
    }

    /** Mappings held in memory, dead or alive. */
    int stored() {
        return byExternal.size();
    }

    void clear() {
        byInternal.clear();
        byExternal.clear();
        lastFound = null;
        lastFoundByExternal = null;
        sweepTrigger.swept(0);
    }

    private Mapping liveOrRemove(Mapping mapping, long now) {
        if (mapping == null || isLive(mapping, now)) {
            return mapping;
        }
        byExternal.remove(mapping.external);
        forgetIndexed(mapping);
        return null;
    }

    /** Alive while idle for less than the timeout: at exactly the timeout it is gone. */
    private boolean isLive(Mapping mapping, long now) {
        return now - mapping.lastRefresh() < idleTimeout(mapping);
    }

    private long idleTimeout(Mapping mapping) {
        if (protocol == Protocol.UDP) {
            return behavior.udpMappingTimeoutNanos();
        }
        return mapping.tcpEstablished() ? behavior.tcpEstablishedTimeoutNanos() : behavior.tcpTransitoryTimeoutNanos();
    }

    /** Drops a mapping leaving {@link #byExternal} from the internal index and from both caches. */
    private void forgetIndexed(Mapping mapping) {
        if (lastFound == mapping) {
            lastFound = null;
        }
        if (lastFoundByExternal == mapping) {
            lastFoundByExternal = null;
        }
        Map<Object, Mapping> ofEndpoint = byInternal.get(mapping.internal);
        if (ofEndpoint != null && ofEndpoint.get(mapping.selector) == mapping) {
            ofEndpoint.remove(mapping.selector);
            if (ofEndpoint.isEmpty()) {
                byInternal.remove(mapping.internal);
            }
        }
    }
}
