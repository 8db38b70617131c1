package org.icesim.turn;

import org.icesim.kernel.Durations;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunTransactionConfig;

/**
 * How a {@link TurnClient} talks to its server and when it refreshes. The defaults follow
 * libwebrtc's TurnPort (turn_port.cc), the most common TURN client behind WebRTC.
 *
 * @param server                 the server's transport address for {@code transport}
 * @param transport              UDP, TCP or TLS to the server
 * @param username               long-term credential user name
 * @param password               long-term credential password
 * @param requestedLifetimeSeconds LIFETIME asked for in Allocate and Refresh; 0 asks for none (server default)
 * @param refreshMarginNanos     refresh this long before the allocation expires (libwebrtc: 60 s); when the
 *                               lifetime is under twice the margin, refresh at half the lifetime
 * @param permissionRefreshNanos re-send CreatePermission this often (libwebrtc: 4 min, under the 5-min permission)
 * @param channelRefreshNanos    re-send ChannelBind this often (libwebrtc: 4 min, which also keeps the permission)
 * @param maxMismatchRetries     Allocate retries on a new local port after 437 (libwebrtc: 2)
 * @param maxStaleNonceRetries   consecutive retries of one request after 438 before giving up
 * @param transactions           STUN retransmission over UDP and Ti over TCP/TLS
 * @param tlsVersion             the TLS version offered over {@link TurnTransport#TLS} (TLS 1.3: +1 RTT, 1.2: +2 RTT);
 *                               ignored over UDP and TCP
 */
public record TurnClientConfig(
        TransportAddress server,
        TurnTransport transport,
        String username,
        String password,
        long requestedLifetimeSeconds,
        long refreshMarginNanos,
        long permissionRefreshNanos,
        long channelRefreshNanos,
        int maxMismatchRetries,
        int maxStaleNonceRetries,
        StunTransactionConfig transactions,
        TlsVersion tlsVersion) {

    public static final long REFRESH_MARGIN = Durations.seconds(60);
    public static final long PERMISSION_REFRESH = Durations.seconds(240);
    public static final long CHANNEL_REFRESH = Durations.seconds(240);
    public static final int MAX_MISMATCH_RETRIES = 2;
    public static final int MAX_STALE_NONCE_RETRIES = 3;
    /** libwebrtc never schedules a refresh later than this (turn_port.cc). */
    static final long LONGEST_REFRESHED_LIFETIME = Durations.seconds(3600);

    public TurnClientConfig {
        if (server == null || transport == null) {
            throw new IllegalArgumentException("server and transport must not be null, were " + server + ", " + transport);
        }
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("username and password must not be empty, username was '" + username + "'");
        }
        new StunAttribute.Username(username); // the attribute's own limit: fewer than 509 bytes
        if (requestedLifetimeSeconds < 0 || requestedLifetimeSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("requested lifetime must be in [0, 4294967295] s (0: none), was "
                    + requestedLifetimeSeconds + " s");
        }
        if (refreshMarginNanos <= 0 || refreshMarginNanos >= LONGEST_REFRESHED_LIFETIME / 2) {
            throw new IllegalArgumentException("refresh margin must be in (0, 1800) s, was " + refreshMarginNanos + " ns");
        }
        requirePositive("permission refresh interval", permissionRefreshNanos);
        requirePositive("channel refresh interval", channelRefreshNanos);
        if (maxMismatchRetries < 0) {
            throw new IllegalArgumentException("maxMismatchRetries must be >= 0, was " + maxMismatchRetries);
        }
        if (maxStaleNonceRetries < 0) {
            throw new IllegalArgumentException("maxStaleNonceRetries must be >= 0, was " + maxStaleNonceRetries);
        }
        if (transactions == null) {
            throw new IllegalArgumentException("transactions must not be null");
        }
        if (tlsVersion == null || tlsVersion == TlsVersion.NONE) {
            throw new IllegalArgumentException("tlsVersion must be TLS_1_2 or TLS_1_3, was " + tlsVersion);
        }
    }

    /** libwebrtc's refresh behaviour with RFC 8489 retransmissions; TLS 1.3 when the transport is TLS. */
    public static TurnClientConfig of(TransportAddress server, TurnTransport transport, String username, String password) {
        return new TurnClientConfig(server, transport, username, password, 0, REFRESH_MARGIN, PERMISSION_REFRESH,
                CHANNEL_REFRESH, MAX_MISMATCH_RETRIES, MAX_STALE_NONCE_RETRIES, StunTransactionConfig.RFC_8489,
                TlsVersion.TLS_1_3);
    }

    public TurnClientConfig withRequestedLifetime(long seconds) {
        return new TurnClientConfig(server, transport, username, password, seconds, refreshMarginNanos,
                permissionRefreshNanos, channelRefreshNanos, maxMismatchRetries, maxStaleNonceRetries, transactions,
                tlsVersion);
    }

    public TurnClientConfig withRefreshMargin(long nanos) {
        return new TurnClientConfig(server, transport, username, password, requestedLifetimeSeconds, nanos,
                permissionRefreshNanos, channelRefreshNanos, maxMismatchRetries, maxStaleNonceRetries, transactions,
                tlsVersion);
    }

    public TurnClientConfig withTransactions(StunTransactionConfig config) {
        return new TurnClientConfig(server, transport, username, password, requestedLifetimeSeconds, refreshMarginNanos,
                permissionRefreshNanos, channelRefreshNanos, maxMismatchRetries, maxStaleNonceRetries, config,
                tlsVersion);
    }

    public TurnClientConfig withMaxMismatchRetries(int retries) {
        return new TurnClientConfig(server, transport, username, password, requestedLifetimeSeconds, refreshMarginNanos,
                permissionRefreshNanos, channelRefreshNanos, retries, maxStaleNonceRetries, transactions, tlsVersion);
    }

    public TurnClientConfig withRefreshIntervals(long permissionNanos, long channelNanos) {
        return new TurnClientConfig(server, transport, username, password, requestedLifetimeSeconds, refreshMarginNanos,
                permissionNanos, channelNanos, maxMismatchRetries, maxStaleNonceRetries, transactions, tlsVersion);
    }

    public TurnClientConfig withTlsVersion(TlsVersion version) {
        return new TurnClientConfig(server, transport, username, password, requestedLifetimeSeconds, refreshMarginNanos,
                permissionRefreshNanos, channelRefreshNanos, maxMismatchRetries, maxStaleNonceRetries, transactions,
                version);
    }

    public TurnClientConfig withPassword(String newPassword) {
        return new TurnClientConfig(server, transport, username, newPassword, requestedLifetimeSeconds,
                refreshMarginNanos, permissionRefreshNanos, channelRefreshNanos, maxMismatchRetries, maxStaleNonceRetries,
                transactions, tlsVersion);
    }

    /**
     * When to refresh an allocation granted {@code lifetimeNanos}, counted from the grant
     * (libwebrtc TurnPort::ScheduleRefresh): the margin before expiry, or half the lifetime when
     * that is under twice the margin; never later than one hour minus the margin.
     */
    public long refreshDelay(long lifetimeNanos) {
        if (lifetimeNanos < 2 * refreshMarginNanos) {
            return lifetimeNanos / 2;
        }
        return Math.min(lifetimeNanos, LONGEST_REFRESHED_LIFETIME) - refreshMarginNanos;
    }

    private static void requirePositive(String name, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 ns, was " + nanos + " ns");
        }
    }
}
