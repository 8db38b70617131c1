package org.icesim.nat;

import java.util.HashSet;
import java.util.Set;
import org.icesim.net.TcpHeader;
import org.icesim.net.TransportAddress;

/**
 * One translation: an internal endpoint's external address, the outside endpoints its filter
 * admits, and when it was last refreshed. Expiry is lazy: nothing fires when the mapping times
 * out; its table treats it as gone the next time it is looked up.
 */
final class Mapping {
    final TransportAddress internal;
    final TransportAddress external;
    /** What selected this mapping among the internal endpoint's mappings (see {@link MappingBehavior}). */
    final Object selector;
    /**
     * Permission keys (see {@link FilteringBehavior#permissionKey}) of the outside endpoints this
     * mapping has sent to; {@code null} under endpoint-independent filtering, which needs none.
     * Only membership is ever asked, so a hash set's order cannot leak into a result.
     */
    private final Set<Object> permitted;
    /**
     * The key last added to {@link #permitted}: a call sends to the same remote packet after
     * packet, and comparing with it is cheaper than hashing into the set again.
     */
    private Object lastPermitted;
    /**
     * The key {@link #admits} last found in {@link #permitted}: replies come from one remote packet
     * after packet, which need not be the one the mapping last opened for (a check to another
     * remote in between). The set never loses a key, so one found once stays admitted.
     */
    private Object lastAdmitted;
    private long lastRefresh;
    /** TCP: a segment has come back in, so the connection got past its SYN. */
    private boolean answered;
    /** TCP: a FIN or RST has been seen, so the connection is closing. */
    private boolean closing;

    Mapping(TransportAddress internal, TransportAddress external, Object selector, boolean filters, long now) {
        this.internal = internal;
        this.external = external;
        this.selector = selector;
        this.permitted = filters ? new HashSet<>(4) : null;
        this.lastRefresh = now;
    }

    long lastRefresh() {
        return lastRefresh;
    }

    /**
     * An outbound packet went through toward a remote whose permission key is {@code permissionKey}:
     * open the filter for it and refresh (RFC 4787 §4.3 REQ-6: outbound packets MUST refresh).
     */
    void sent(Object permissionKey, int tcpFlags, long now) {
        if (permitted != null && !permissionKey.equals(lastPermitted)) {
            permitted.add(permissionKey);
            lastPermitted = permissionKey;
        }
        lastRefresh = now;
        if ((tcpFlags & (TcpHeader.FLAG_SYN | TcpHeader.FLAG_ACK)) == TcpHeader.FLAG_SYN) {
            // A fresh connection attempt through a reused mapping starts over as transitory.
            answered = false;
            closing = false;
        }
        noteClosing(tcpFlags);
    }

    /**
     * Whether the filter admits a remote whose permission key is {@code permissionKey} (RFC 4787 §5).
     * The set never loses a key, so the keys last added and last admitted are in it: the replies
     * of the remote a call sends to pass on a comparison, without hashing into the set.
     */
    boolean admits(Object permissionKey) {
        if (permitted == null || permissionKey.equals(lastPermitted) || permissionKey.equals(lastAdmitted)) {
            return true;
        }
        if (permitted.contains(permissionKey)) {
            lastAdmitted = permissionKey;
            return true;
        }
        return false;
    }

    /** An inbound packet was admitted; it refreshes the mapping only if {@code refresh} (RFC 4787 §4.3 REQ-6 MAY). */
    void received(int tcpFlags, boolean refresh, long now) {
        if (refresh) {
            lastRefresh = now;
        }
        answered = true;
        noteClosing(tcpFlags);
    }

    /**
     * Whether a TCP mapping counts as established for its idle timeout: it has carried segments
     * both ways and no FIN or RST has been seen. Before that (only the SYN went out) and after it
     * (closing) the transitory timeout applies (RFC 5382 §5 REQ-5).
     */
    boolean tcpEstablished() {
        return answered && !closing;
    }

    private void noteClosing(int tcpFlags) {
        if ((tcpFlags & (TcpHeader.FLAG_FIN | TcpHeader.FLAG_RST)) != 0) {
            closing = true;
        }
    }
}
