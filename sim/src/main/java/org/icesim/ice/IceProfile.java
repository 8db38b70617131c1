package org.icesim.ice;

import static org.icesim.kernel.Durations.millis;
import static org.icesim.kernel.Durations.seconds;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icesim.kernel.Durations;

/**
 * Every constant in which ICE implementations differ, as one value. Durations are nanoseconds of
 * simulated time (every {@code long} component is a duration); a duration of 0 switches the
 * behaviour off where the component says so. Presets: {@link #RFC}, {@link #LIBWEBRTC},
 * {@link #FIREFOX}, {@link #PION}; each value names its source in the preset's comments. A
 * scenario may override any component by name ({@link #with(String, String)}).
 *
 * @param name                         preset name, for reports
 * @param checkInterval                Ta: one ordinary or triggered check per interval (RFC 8445 §6.1.4.2, §14.2); at least 5 ms
 * @param checkMode                    how unanswered checks are repeated
 * @param checkRtoFloor                least check RTO in {@link CheckMode#RETRANSMIT} mode (RFC 8445 §14.3)
 * @param checkTransmissions           Rc: sends per check transaction in {@link CheckMode#RETRANSMIT} mode (RFC 8489 §6.2.1)
 * @param finalWaitFactor              Rm: the last send waits Rm × RTO for an answer (RFC 8489 §6.2.1)
 * @param pingAllPairsEachTick         in {@link CheckMode#REPEATED_PINGS} mode, ping every unfinished pair at each tick instead of one
 * @param maxUnansweredPings           in {@link CheckMode#REPEATED_PINGS} mode, a pair fails after this many unanswered pings (0: no limit)
 * @param inactiveTimeout              a pair whose oldest unanswered ping is this old fails (0: never; {@link CheckMode#REPEATED_PINGS} and {@link Liveness#PINGS})
 * @param maxPairs                     check-list size limit (RFC 8445 §6.1.2.5)
 * @param hostTypePreference           type preference of host candidates (RFC 8445 §5.1.2.2)
 * @param prflxTypePreference          type preference of peer-reflexive candidates
 * @param srflxTypePreference          type preference of server-reflexive candidates
 * @param relayTypePreference          type preference of relayed candidates
 * @param nominationSettleTime         regular nomination: the controlling agent nominates the best valid pair once no better pair is
 *                                     still being checked, or this long after the first valid pair, whichever comes first
 * @param hostAcceptanceWait           the best valid pair is nominated only this long after checks began if its local candidate is host
 * @param srflxAcceptanceWait          ... if server-reflexive
 * @param prflxAcceptanceWait          ... if peer-reflexive
 * @param relayAcceptanceWait          ... if relayed
 * @param freeCandidatesDelay          after completion, non-selected candidates answer checks for this long (RFC 8445 §8.3.1)
 * @param keepSelectedPairDuringRestart the previous selected pair carries data until the restart's check list selects one (RFC 8445 §12.1)
 * @param backupPairs                  after selection the other pairs keep being checked and pinged (those on the selected pair's
 *                                     network that are not better are pruned while it is strong), and the controlling agent
 *                                     nominates the best writable one when it beats the selected pair or the selected pair turns
 *                                     unwritable (libwebrtc; RFC 8445 §8.1.1 allows one nomination per session)
 * @param backupPingInterval           with {@code backupPairs}: ping interval of writable, unpruned non-selected pairs while the
 *                                     selected pair is strong
 * @param continualGathering           the gatherer keeps gathering as networks change (read by the gatherer, not by the agent)
 * @param reportsCompleted             the transport reports "completed" when checking is over (libwebrtc never does)
 * @param liveness                     how "disconnected" and "failed" are decided after selection
 * @param keepaliveInterval            Tr: a keepalive is sent on the selected pair when nothing was sent for this long (RFC 8445 §11)
 * @param consentInterval              base interval of consent checks (RFC 7675 §5.1); 0: no consent checks
 * @param consentJitterPercent         each consent interval is drawn uniformly within ± this percentage of the base
 * @param consentMinInterval           consent checks are never closer than this (RFC 7675 §5.1)
 * @param consentExpiry                consent is lost this long after the last successful consent check (RFC 7675 §5.1)
 * @param stablePingInterval           {@link Liveness#PINGS}: ping interval of a receiving, writable selected pair
 * @param weakPingInterval             {@link Liveness#PINGS}: ping interval while the selected pair is not receiving
 * @param receivingTimeout             {@link Liveness#PINGS}: a pair is not receiving when nothing arrived for this long
 * @param unwritableMinChecks          {@link Liveness#PINGS}: unanswered pings needed before a pair turns unwritable
 * @param unwritableTimeout            {@link Liveness#PINGS}: age the first unanswered ping needs before a pair turns unwritable
 * @param deadConnectionTimeout        {@link Liveness#PINGS}: a pair is destroyed once nothing arrived on it for this long and its
 *                                     oldest unanswered ping, if any, is this old; until then a timed-out pair is still pinged
 *                                     while the channel is weak and revives if answered (0: never)
 * @param disconnectedTimeout          {@link Liveness#LAST_PACKET}: "disconnected" after this long without a packet from the selected pair
 * @param failedTimeout                {@link Liveness#LAST_PACKET}: "failed" this long after "disconnected"
 * @param pacTimeout                   RFC 8863 PAC: "failed" is not declared before this long after checking began (0: no PAC;
 *                                     must be 0 with {@link Liveness#PINGS}, whose "failed" is libwebrtc's)
 * @param trickleGracePeriod           "failed" waits this long after the last pair failed, for trickled candidates (0: none;
 *                                     must be 0 with {@link Liveness#PINGS})
 * @param failedRequiresEndOfCandidates "failed" needs local gathering complete and the peer's end-of-candidates (RFC 8838; W3C;
 *                                     must be false with {@link Liveness#PINGS})
 */
public record IceProfile(
        String name,
        long checkInterval,
        CheckMode checkMode,
        long checkRtoFloor,
        int checkTransmissions,
        int finalWaitFactor,
        boolean pingAllPairsEachTick,
        int maxUnansweredPings,
        long inactiveTimeout,
        int maxPairs,
        int hostTypePreference,
        int prflxTypePreference,
        int srflxTypePreference,
        int relayTypePreference,
        long nominationSettleTime,
        long hostAcceptanceWait,
        long srflxAcceptanceWait,
        long prflxAcceptanceWait,
        long relayAcceptanceWait,
        long freeCandidatesDelay,
        boolean keepSelectedPairDuringRestart,
        boolean backupPairs,
        long backupPingInterval,
        boolean continualGathering,
        boolean reportsCompleted,
        Liveness liveness,
        long keepaliveInterval,
        long consentInterval,
        int consentJitterPercent,
        long consentMinInterval,
        long consentExpiry,
        long stablePingInterval,
        long weakPingInterval,
        long receivingTimeout,
        int unwritableMinChecks,
        long unwritableTimeout,
        long deadConnectionTimeout,
        long disconnectedTimeout,
        long failedTimeout,
        long pacTimeout,
        long trickleGracePeriod,
        boolean failedRequiresEndOfCandidates) {

    /** RFC 8445 §14.2: all transactions of a host together no more often than one per 5 ms. */
    public static final long MIN_CHECK_INTERVAL = millis(5);
    private static final long DAY = seconds(86_400);

    /**
     * RFC 8445 with RFC 7675 consent, RFC 8838 trickle and RFC 8863 PAC, at the RFCs' defaults.
     */
    public static final IceProfile RFC = new IceProfile(
            "rfc",
            millis(50),            // Ta 50 ms (RFC 8445 §14.2)
            CheckMode.RETRANSMIT,  // STUN retransmissions for checks (RFC 8445 §14.3)
            millis(500),           // RTO floor 500 ms (RFC 8445 §14.3)
            7,                     // Rc 7 (RFC 8489 §6.2.1)
            16,                    // Rm 16 (RFC 8489 §6.2.1) -> 39.5 s transaction timeout
            false,
            0,
            0,
            100,                   // pair limit 100 (RFC 8445 §6.1.2.5)
            126, 110, 100, 0,      // type preferences (RFC 8445 §5.1.2.2)
            seconds(2),            // settle 2 s: RFC 8445 leaves the stopping criterion local; libjuice NOMINATION_TIMEOUT (agent.h)
            0, 0, 0, 0,
            seconds(3),            // free candidates 3 s after completion (RFC 8445 §8.3.1)
            true,                  // keep the previous pair during a restart (RFC 8445 §9, §12.1)
            false,                 // one nomination per session (RFC 8445 §8.1.1)
            seconds(25),
            false,
            true,
            Liveness.CONSENT,
            seconds(15),           // Tr 15 s (RFC 8445 §11)
            seconds(5),            // consent every 5 s (RFC 7675 §5.1)
            20,                    // ±20 % (RFC 7675 §5.1)
            seconds(4),            // never below 4 s (RFC 7675 §5.1)
            seconds(30),           // consent expiry 30 s (RFC 7675 §5.1)
            millis(2500), millis(48), millis(2500), 5, seconds(5), seconds(30),
            0, 0,
            millis(39_500),        // PAC = full check transaction timeout 39.5 s (RFC 8863 §3; libjuice ICE_PAC_TIMEOUT)
            0,
            true);                 // failed only after end-of-candidates (RFC 8838; W3C RTCIceTransportState)

    /** libwebrtc (p2p_constants.h, connection.cc, basic_ice_controller.cc, p2p_transport_channel.cc). */
    public static final IceProfile LIBWEBRTC = new IceProfile(
            "libwebrtc",
            millis(48),            // kWeakPingInterval 48 ms: the channel is weak until a pair is selected
            CheckMode.REPEATED_PINGS, // pings are not retransmitted (connection.cc ConnectionRequest)
            millis(500),
            1,
            16,
            false,                 // one pair per tick, least recently pinged (basic_ice_controller.cc)
            0,                     // no ping-count limit while connecting
            seconds(15),           // inactive (write) timeout 15 s (CONNECTION_WRITE_TIMEOUT)
            100,
            126, 110, 100, 3,      // IcePriorityValue: relay over UDP 3 (p2p_constants.h)
            0,                     // semi-aggressive: the selected connection is nominated at once (NominationMode::SEMI_AGGRESSIVE)
            0, 0, 0, 0,
            seconds(3),
            true,                  // the old connection carries media until a new one is selected
            true,                  // other connections stay pinged; the best writable one takes over (basic_ice_controller.cc)
            seconds(25),           // backup connections pinged every 25 s (p2p_constants.h)
            false,                 // GATHER_ONCE is the default (ice_transport_internal.h)
            false,                 // completed is never reported (p2p_transport_channel.cc ComputeIceTransportState)
            Liveness.PINGS,
            seconds(15),
            0,                     // the selected-pair pings are the consent checks
            20,
            seconds(4),
            seconds(30),
            millis(2500),          // STABLE_CONNECTION_PING_INTERVAL 2.5 s
            millis(48),            // WEAK_PING_INTERVAL 48 ms
            millis(2500),          // WEAK_CONNECTION_RECEIVE_TIMEOUT 2.5 s
            5,                     // CONNECTION_WRITE_CONNECT_FAILS 5
            seconds(5),            // CONNECTION_WRITE_CONNECT_TIMEOUT 5 s
            seconds(30),           // DEAD_CONNECTION_RECEIVE_TIMEOUT, dead_connection_timeout_ms 30 s (connection.cc)
            0, 0,
            0,                     // no PAC timer
            0,
            false);                // failed as soon as no connection is active (ComputeIceTransportState)

    /** Firefox (nICEr and its prefs). */
    public static final IceProfile FIREFOX = new IceProfile(
            "firefox",
            millis(20),            // Ta 20 ms (nICEr)
            CheckMode.RETRANSMIT,
            millis(100),           // STUN client RTO 100 ms (nICEr stun_client_ctx.c)
            7,                     // stun_client_maximum_transmits 7 (all.js)
            16,                    // final wait 16 x RTO (nICEr stun_client_ctx.c)
            false,
            0,
            0,
            100,
            126, 110, 100, 0,
            seconds(2),            // regular nomination; settle time assumed as in the rfc profile
            0, 0, 0, 0,
            seconds(3),
            true,
            false,
            seconds(25),
            false,
            true,
            Liveness.CONSENT,
            seconds(15),
            seconds(5),            // NR_ICE_CONSENT_TIMER_DEFAULT 5000 ms (nICEr ice_component.c)
            20,
            seconds(4),
            seconds(30),           // NR_ICE_CONSENT_TIMEOUT_DEFAULT 30000 ms
            millis(2500), millis(48), millis(2500), 5, seconds(5), seconds(30),
            0, 0,
            0,
            seconds(5),            // media.peerconnection.ice.trickle_grace_period 5000 ms
            true);

    /** pion/ice (agent_config.go defaults, agent.go validateSelectedPair). */
    public static final IceProfile PION = new IceProfile(
            "pion",
            millis(200),           // defaultCheckInterval 200 ms
            CheckMode.REPEATED_PINGS,
            millis(500),
            1,
            16,
            true,                  // every tick pings all pairs (pingAllCandidates)
            7,                     // defaultMaxBindingRequests 7, then the pair fails
            0,
            100,
            126, 110, 100, 0,
            0,                     // nominates the best valid pair once its acceptance wait is over
            0,                     // defaultHostAcceptanceMinWait 0
            millis(500),           // defaultSrflxAcceptanceMinWait 500 ms
            seconds(1),            // defaultPrflxAcceptanceMinWait 1 s
            seconds(2),            // defaultRelayAcceptanceMinWait 2 s
            seconds(3),
            false,                 // Restart drops the selected pair (pion/ice; ex_ice#30)
            false,                 // keeps its selected pair (pion/ice#246)
            seconds(25),
            false,
            true,
            Liveness.LAST_PACKET,
            seconds(2),            // defaultKeepaliveInterval 2 s
            0,                     // no consent freshness
            20,
            seconds(4),
            seconds(30),
            millis(2500), millis(48), millis(2500), 5, seconds(5), seconds(30),
            seconds(5),            // defaultDisconnectedTimeout 5 s
            seconds(25),           // defaultFailedTimeout 25 s (failed 30 s after the last packet)
            0,
            0,
            true);

    private static final List<IceProfile> PRESETS = List.of(RFC, LIBWEBRTC, FIREFOX, PION);

    public IceProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("profile name must not be blank, was '" + name + "'");
        }
        requireDuration("checkInterval", checkInterval, MIN_CHECK_INTERVAL, seconds(10));
        requireNonNull("checkMode", checkMode);
        requireDuration("checkRtoFloor", checkRtoFloor, millis(10), seconds(60));
        requireCount("checkTransmissions", checkTransmissions, 1, 20);
        requireCount("finalWaitFactor", finalWaitFactor, 1, 64);
        requireCount("maxUnansweredPings", maxUnansweredPings, 0, 1000);
        requireDuration("inactiveTimeout", inactiveTimeout, 0, DAY);
        if (checkMode == CheckMode.REPEATED_PINGS && maxUnansweredPings == 0 && inactiveTimeout == 0) {
            throw new IllegalArgumentException("with checkMode REPEATED_PINGS, maxUnansweredPings or inactiveTimeout must be"
                    + " set so that unanswered pairs can fail, both were 0");
        }
        requireCount("maxPairs", maxPairs, 1, 10_000);
        new TypePreferences(hostTypePreference, prflxTypePreference, srflxTypePreference, relayTypePreference);
        requireDuration("nominationSettleTime", nominationSettleTime, 0, DAY);
        requireDuration("hostAcceptanceWait", hostAcceptanceWait, 0, DAY);
        requireDuration("srflxAcceptanceWait", srflxAcceptanceWait, 0, DAY);
        requireDuration("prflxAcceptanceWait", prflxAcceptanceWait, 0, DAY);
        requireDuration("relayAcceptanceWait", relayAcceptanceWait, 0, DAY);
        requireDuration("freeCandidatesDelay", freeCandidatesDelay, 0, DAY);
        requireDuration("backupPingInterval", backupPingInterval, millis(10), DAY);
        if (backupPairs && (checkMode != CheckMode.REPEATED_PINGS || liveness != Liveness.PINGS)) {
            throw new IllegalArgumentException("backupPairs needs checkMode REPEATED_PINGS and liveness PINGS (the libwebrtc"
                    + " model), was " + checkMode + " and " + liveness);
        }
        requireNonNull("liveness", liveness);
        requireDuration("keepaliveInterval", keepaliveInterval, millis(100), DAY);
        requireDuration("consentInterval", consentInterval, 0, DAY);
        requireCount("consentJitterPercent", consentJitterPercent, 0, 50);
        requireDuration("consentMinInterval", consentMinInterval, 0, DAY);
        requireDuration("consentExpiry", consentExpiry, seconds(1), DAY);
        requireDuration("stablePingInterval", stablePingInterval, millis(10), seconds(60));
        requireDuration("weakPingInterval", weakPingInterval, millis(5), seconds(60));
        requireDuration("receivingTimeout", receivingTimeout, millis(10), seconds(60));
        requireCount("unwritableMinChecks", unwritableMinChecks, 1, 100);
        requireDuration("unwritableTimeout", unwritableTimeout, millis(10), seconds(600));
        requireDuration("deadConnectionTimeout", deadConnectionTimeout, 0, DAY);
        requireDuration("disconnectedTimeout", disconnectedTimeout, 0, DAY);
        requireDuration("failedTimeout", failedTimeout, 0, DAY);
        if (liveness == Liveness.LAST_PACKET && disconnectedTimeout == 0) {
            throw new IllegalArgumentException("disconnectedTimeout must be > 0 with liveness LAST_PACKET, was 0");
        }
        if (liveness == Liveness.PINGS && inactiveTimeout == 0) {
            throw new IllegalArgumentException("inactiveTimeout must be > 0 with liveness PINGS, was 0");
        }
        requireDuration("pacTimeout", pacTimeout, 0, DAY);
        requireDuration("trickleGracePeriod", trickleGracePeriod, 0, DAY);
        if (liveness == Liveness.PINGS && (pacTimeout > 0 || trickleGracePeriod > 0 || failedRequiresEndOfCandidates)) {
            // libwebrtc's "failed" is a function of its connections only (ComputeIceTransportState).
            throw new IllegalArgumentException("with liveness PINGS \"failed\" means no active pair, so pacTimeout and"
                    + " trickleGracePeriod must be 0 and failedRequiresEndOfCandidates false, were "
                    + formatDuration(pacTimeout) + ", " + formatDuration(trickleGracePeriod) + " and "
                    + failedRequiresEndOfCandidates);
        }
    }

    /** The preset called {@code name}: {@code rfc}, {@code libwebrtc}, {@code firefox} or {@code pion}. */
    public static IceProfile named(String name) {
        for (IceProfile preset : PRESETS) {
            if (preset.name.equals(name)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown ICE profile '" + name + "', known profiles are " + presetNames());
    }

    /** The preset names, in a fixed order. */
    public static List<String> presetNames() {
        return PRESETS.stream().map(IceProfile::name).toList();
    }

    /** The type preferences as one value. */
    public TypePreferences typePreferences() {
        return new TypePreferences(hostTypePreference, prflxTypePreference, srflxTypePreference, relayTypePreference);
    }

    /** The acceptance wait for a pair whose local candidate has type {@code type}. */
    public long acceptanceWait(CandidateType type) {
        return switch (type) {
            case HOST -> hostAcceptanceWait;
            case SERVER_REFLEXIVE -> srflxAcceptanceWait;
            case PEER_REFLEXIVE -> prflxAcceptanceWait;
            case RELAYED -> relayAcceptanceWait;
        };
    }

    /** The names {@link #with(String, String)} accepts, in declaration order. */
    public static List<String> constantNames() {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : IceProfile.class.getRecordComponents()) {
            if (!component.getName().equals("name")) {
                names.add(component.getName());
            }
        }
        return names;
    }

    /**
     * This profile with the constant {@code constant} set from {@code value}: a duration with a
     * unit ({@code 3s}, {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 500us}, or {@code 0}) for
     * durations, an integer for counts, {@code true}/{@code false} for switches, an enum name for
     * modes. Errors name the constant and what it accepts.
     */
    public IceProfile with(String constant, String value) {
        return withAll(Map.of(constant, value));
    }

    /** This profile with every entry of {@code overrides} applied (see {@link #with(String, String)}). */
    public IceProfile withAll(Map<String, String> overrides) {
        RecordComponent[] components = IceProfile.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            try {
                values[i] = components[i].getAccessor().invoke(this);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read profile constant " + components[i].getName(), e);
            }
        }
        // Apply in a fixed order so that the first error reported does not depend on map order.
        List<String> keys = new ArrayList<>(overrides.keySet());
        keys.sort(null);
        for (String key : keys) {
            int index = indexOf(components, key);
            values[index] = parse(key, types[index], overrides.get(key));
        }
        try {
            Constructor<IceProfile> canonical = IceProfile.class.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new IllegalStateException("cannot build profile", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build profile", e);
        }
    }

    private static int indexOf(RecordComponent[] components, String key) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(key) && !key.equals("name")) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown ICE profile constant '" + key + "', known constants are "
                + constantNames());
    }

    private static Object parse(String constant, Class<?> type, String text) {
        if (text == null) {
            throw new IllegalArgumentException("value of ICE profile constant " + constant + " must not be null");
        }
        String value = text.trim();
        if (type == long.class) {
            return parseDuration(constant, value);
        }
        if (type == int.class) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ICE profile constant " + constant + " must be an integer, was '"
                        + text + "'");
            }
        }
        if (type == boolean.class) {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new IllegalArgumentException("ICE profile constant " + constant + " must be true or false, was '"
                    + text + "'");
        }
        if (type.isEnum()) {
            for (Object option : type.getEnumConstants()) {
                String optionName = ((Enum<?>) option).name();
                if (optionName.equalsIgnoreCase(value.replace('-', '_'))) {
                    return option;
                }
            }
            List<String> options = new ArrayList<>();
            for (Object option : type.getEnumConstants()) {
                options.add(((Enum<?>) option).name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException("ICE profile constant " + constant + " must be one of " + options
                    + ", was '" + text + "'");
        }
        throw new IllegalStateException("ICE profile constant " + constant + " has unsupported type " + type);
    }

    /** A duration with a unit: ns, us, ms, s, m (e.g. {@code 250ms}, {@code 1.5s}); a bare 0 is allowed. */
    private static long parseDuration(String constant, String value) {
        if (value.equals("0")) {
            return 0;
        }
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}, {"m", "60000000000"}};
        for (int u = 0; u < units.length; u++) {
            String unit = units[u][0];
            if (value.endsWith(unit) && !(unit.equals("s") && (value.endsWith("ms") || value.endsWith("ns")
                    || value.endsWith("us"))) && !(unit.equals("m") && value.endsWith("mm"))) {
                String number = value.substring(0, value.length() - unit.length()).trim();
                try {
                    double amount = Double.parseDouble(number);
                    if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
                        break;
                    }
                    return Math.round(amount * Long.parseLong(units[u][1]));
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("ICE profile constant " + constant
                + " must be a non-negative duration with a unit (ns, us, ms, s, m), e.g. 250ms or 1.5s, was '"
                + value + "'");
    }

    private static void requireDuration(String constant, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("ICE profile constant " + constant + " must be in ["
                    + formatDuration(min) + ", " + formatDuration(max) + "], was " + formatDuration(value));
        }
    }

    private static void requireCount(String constant, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("ICE profile constant " + constant + " must be in [" + min + ", " + max
                    + "], was " + value);
        }
    }

    private static void requireNonNull(String constant, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("ICE profile constant " + constant + " must not be null");
        }
    }

    private static String formatDuration(long nanos) {
        if (nanos == 0) {
            return "0";
        }
        if (nanos % Durations.NANOS_PER_SECOND == 0) {
            return nanos / Durations.NANOS_PER_SECOND + "s";
        }
        if (nanos % Durations.NANOS_PER_MILLI == 0) {
            return nanos / Durations.NANOS_PER_MILLI + "ms";
        }
        return nanos + "ns";
    }
}
