package org.icesim.turn;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.icesim.kernel.Durations;
import org.icesim.net.tcp.TlsVersion;
import org.icesim.stun.StunAttribute;

/**
 * What a TURN server allows and how long things live on it.
 *
 * @param realm                       the long-term credential realm (RFC 8489 §9.2), fewer than 128 characters
 * @param users                       user name → password
 * @param transports                  the client transports it listens on, each on its
 *                                    {@link TurnTransport#defaultPort()}
 * @param defaultLifetimeNanos        allocation lifetime when the client asks for none or for less
 *                                    (RFC 8656 §2.2: 600 s)
 * @param maxLifetimeNanos            the most an allocation is granted per Allocate or Refresh
 *                                    (RFC 8656 §7.2: 3600 s recommended)
 * @param permissionLifetimeNanos     a permission's life after its last CreatePermission or ChannelBind
 *                                    (RFC 8656 §9: 300 s)
 * @param channelLifetimeNanos        a channel binding's life after its last ChannelBind (RFC 8656 §12: 600 s)
 * @param nonceLifetimeNanos          how long a NONCE is accepted before 438 Stale Nonce; RFC 8489 §9.2 leaves it to
 *                                    the server, coturn's default is 600 s (aiortc/aioice#28)
 * @param maxAllocationsPerUser       more Allocate requests of one user get 486 Allocation Quota Reached
 * @param maxAllocations              more Allocate requests in all get 508 Insufficient Capacity
 * @param relayBandwidthBitsPerSecond rate of relayed payload, both directions together, the server lets through;
 *                                    0 means unlimited. Beyond it packets are dropped
 *                                    ({@link TurnDropReason#BANDWIDTH_QUOTA})
 * @param relayBurstBytes             how many payload bytes may pass at once after an idle period (the bucket depth)
 * @param tlsVersion                  the highest TLS version offered on {@link TurnTransport#TLS}; a client offering
 *                                    less gets what it offers
 */
public record TurnServerConfig(
        String realm,
        Map<String, String> users,
        Set<TurnTransport> transports,
        long defaultLifetimeNanos,
        long maxLifetimeNanos,
        long permissionLifetimeNanos,
        long channelLifetimeNanos,
        long nonceLifetimeNanos,
        int maxAllocationsPerUser,
        int maxAllocations,
        long relayBandwidthBitsPerSecond,
        long relayBurstBytes,
        TlsVersion tlsVersion) {

    public static final long DEFAULT_LIFETIME = Durations.seconds(600);
    public static final long MAX_LIFETIME = Durations.seconds(3600);
    public static final long PERMISSION_LIFETIME = Durations.seconds(300);
    public static final long CHANNEL_LIFETIME = Durations.seconds(600);
    public static final long NONCE_LIFETIME = Durations.seconds(600);
    public static final long UNLIMITED_BANDWIDTH = 0;
    /** Largest bucket the limiter's integer arithmetic holds exactly. */
    public static final long MAX_BURST_BYTES = 1_000_000_000L;

    public TurnServerConfig {
        if (realm == null) {
            throw new IllegalArgumentException("realm must not be null");
        }
        new StunAttribute.Realm(realm); // the attribute's own limit: fewer than 128 characters
        if (users == null || users.isEmpty()) {
            throw new IllegalArgumentException("users must name at least one user, was " + users);
        }
        users.forEach((user, password) -> {
            if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("user names and passwords must not be empty, was '" + user + "'");
            }
            new StunAttribute.Username(user); // the attribute's own limit: fewer than 509 bytes
        });
        // Sorted (Map.copyOf would iterate in an order that changes from one JVM to the next).
        users = Collections.unmodifiableMap(new TreeMap<>(users));
        if (transports == null || transports.isEmpty()) {
            throw new IllegalArgumentException("transports must name at least one of " + EnumSet.allOf(TurnTransport.class)
                    + ", was " + transports);
        }
        transports = Collections.unmodifiableSet(EnumSet.copyOf(transports));
        requirePositive("default lifetime", defaultLifetimeNanos);
        if (maxLifetimeNanos < defaultLifetimeNanos) {
            throw new IllegalArgumentException("max lifetime must be >= the default lifetime (" + defaultLifetimeNanos
                    + " ns), was " + maxLifetimeNanos + " ns");
        }
        requirePositive("permission lifetime", permissionLifetimeNanos);
        requirePositive("channel lifetime", channelLifetimeNanos);
        requirePositive("nonce lifetime", nonceLifetimeNanos);
        if (maxAllocationsPerUser < 1) {
            throw new IllegalArgumentException("maxAllocationsPerUser must be >= 1, was " + maxAllocationsPerUser);
        }
        if (maxAllocations < 1) {
            throw new IllegalArgumentException("maxAllocations must be >= 1, was " + maxAllocations);
        }
        if (relayBandwidthBitsPerSecond < 0) {
            throw new IllegalArgumentException("relay bandwidth must be >= 0 bit/s (0: unlimited), was "
                    + relayBandwidthBitsPerSecond + " bit/s");
        }
        if (tlsVersion == null || tlsVersion == TlsVersion.NONE) {
            throw new IllegalArgumentException("tlsVersion must be TLS_1_2 or TLS_1_3, was " + tlsVersion);
        }
        if (relayBandwidthBitsPerSecond > 0 && (relayBurstBytes < 1 || relayBurstBytes > MAX_BURST_BYTES)) {
            throw new IllegalArgumentException("relay burst must be in [1, " + MAX_BURST_BYTES
                    + "] bytes when bandwidth is limited, was " + relayBurstBytes + " bytes");
        }
    }

    /** RFC lifetimes, UDP only, no quotas, TLS up to 1.3. */
    public static TurnServerConfig defaults(String realm, Map<String, String> users) {
        return new TurnServerConfig(realm, users, Set.of(TurnTransport.UDP), DEFAULT_LIFETIME, MAX_LIFETIME,
                PERMISSION_LIFETIME, CHANNEL_LIFETIME, NONCE_LIFETIME, Integer.MAX_VALUE, Integer.MAX_VALUE,
                UNLIMITED_BANDWIDTH, 0, TlsVersion.TLS_1_3);
    }

    public TurnServerConfig withTransports(Set<TurnTransport> newTransports) {
        return new TurnServerConfig(realm, users, newTransports, defaultLifetimeNanos, maxLifetimeNanos,
                permissionLifetimeNanos, channelLifetimeNanos, nonceLifetimeNanos, maxAllocationsPerUser, maxAllocations,
                relayBandwidthBitsPerSecond, relayBurstBytes, tlsVersion);
    }

    public TurnServerConfig withLifetimes(long newDefaultNanos, long newMaxNanos) {
        return new TurnServerConfig(realm, users, transports, newDefaultNanos, newMaxNanos, permissionLifetimeNanos,
                channelLifetimeNanos, nonceLifetimeNanos, maxAllocationsPerUser, maxAllocations,
                relayBandwidthBitsPerSecond, relayBurstBytes, tlsVersion);
    }

    public TurnServerConfig withNonceLifetime(long nanos) {
        return new TurnServerConfig(realm, users, transports, defaultLifetimeNanos, maxLifetimeNanos,
                permissionLifetimeNanos, channelLifetimeNanos, nanos, maxAllocationsPerUser, maxAllocations,
                relayBandwidthBitsPerSecond, relayBurstBytes, tlsVersion);
    }

    public TurnServerConfig withQuotas(int perUser, int total) {
        return new TurnServerConfig(realm, users, transports, defaultLifetimeNanos, maxLifetimeNanos,
                permissionLifetimeNanos, channelLifetimeNanos, nonceLifetimeNanos, perUser, total,
                relayBandwidthBitsPerSecond, relayBurstBytes, tlsVersion);
    }

    public TurnServerConfig withRelayBandwidth(long bitsPerSecond, long burstBytes) {
        return new TurnServerConfig(realm, users, transports, defaultLifetimeNanos, maxLifetimeNanos,
                permissionLifetimeNanos, channelLifetimeNanos, nonceLifetimeNanos, maxAllocationsPerUser, maxAllocations,
                bitsPerSecond, burstBytes, tlsVersion);
    }

    public TurnServerConfig withTlsVersion(TlsVersion version) {
        return new TurnServerConfig(realm, users, transports, defaultLifetimeNanos, maxLifetimeNanos,
                permissionLifetimeNanos, channelLifetimeNanos, nonceLifetimeNanos, maxAllocationsPerUser, maxAllocations,
                relayBandwidthBitsPerSecond, relayBurstBytes, version);
    }

    private static void requirePositive(String name, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 ns, was " + nanos + " ns");
        }
    }
}
