package org.icesim.ice;

/**
 * The pacing floor of one host: RFC 8445 §14.2 lets all transactions of all ICE agents on a host
 * together leave no more often than once every 5 ms, "as though there were one global Ta value
 * for pacing all agents". Every agent on the host shares one instance; each agent's own Ta (at
 * least 5 ms, {@link IceProfile#MIN_CHECK_INTERVAL}) still paces its own checks.
 */
public final class HostPacing {

    private long lastCheckAt = Long.MIN_VALUE;

    /** The earliest instant, at or after {@code at}, at which a paced check may leave the host. */
    long earliest(long at) {
        return lastCheckAt == Long.MIN_VALUE ? at : Math.max(at, lastCheckAt + IceProfile.MIN_CHECK_INTERVAL);
    }

    /** A paced check left the host at {@code at}. */
    void sent(long at) {
        lastCheckAt = Math.max(lastCheckAt, at);
    }
}
