package org.icesim.ice;

import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;

/**
 * Watches the selected pair once data uses it: keepalives (RFC 8445 §11), consent freshness
 * (RFC 7675) or the profile's own liveness rule ({@link Liveness}), and decides when the
 * transport is "disconnected" and when the pair is lost. Consent and pion's liveness run on one
 * timer, set to the earliest instant at which something is due, so every deadline is met exactly;
 * libwebrtc's runs on its agent's check loop instead ({@link #loopRun}, {@link #pingDue}), as the
 * real stack decides on the runs of its loop.
 */
final class SelectedPairMonitor {

    /** What the monitor asks of its agent. */
    interface Actions {
        /** Sends a Binding request on {@code pair}: a consent check, liveness ping or keepalive request. */
        void sendRequest(CandidatePair pair);

        /** Sends a Binding indication keepalive on {@code pair} (RFC 8445 §11). */
        void sendIndication(CandidatePair pair);

        /** The watched pair is lost; {@code fatal}: the transport fails at once (pion's failed timeout). */
        void lost(boolean fatal);

        /** The monitor evaluated the pair; "disconnected" may have changed. */
        void evaluated();
    }

    private final Scheduler scheduler;
    private final IceProfile profile;
    private final RandomGenerator random;
    private final Actions actions;

    private CandidatePair pair;
    private Timer timer;
    private boolean disconnected;
    private long lastConsentAt;
    private long nextConsentAt;
    private boolean consentUnanswered;

    SelectedPairMonitor(Scheduler scheduler, IceProfile profile, RandomGenerator random, Actions actions) {
        this.scheduler = scheduler;
        this.profile = profile;
        this.random = random;
        this.actions = actions;
    }

    /** Starts watching {@code selected}, which was just validated. */
    void watch(CandidatePair selected) {
        stop();
        pair = selected;
        long now = scheduler.now();
        selected.lastReceivedAt = Math.max(selected.lastReceivedAt, now);
        lastConsentAt = now;
        nextConsentAt = profile.consentInterval() > 0 ? now + consentInterval() : Long.MAX_VALUE;
        if (profile.liveness() != Liveness.PINGS) {
            // libwebrtc's pings and state changes happen on runs of its agent's check loop (loopRun)
            tick();
        }
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        pair = null;
        disconnected = false;
        consentUnanswered = false;
    }

    /** Whether the watched pair currently counts as "disconnected". */
    boolean disconnected() {
        return disconnected;
    }

    /** A liveness request on {@code answeredPair} was answered. */
    void answered(CandidatePair answeredPair) {
        if (answeredPair != pair) {
            return;
        }
        if (profile.liveness() == Liveness.LAST_PACKET) {
            // An answer is a packet like any other; pion judges it at its next tick.
            received(answeredPair);
            return;
        }
        lastConsentAt = scheduler.now();
        consentUnanswered = false;
        if (disconnected) {
            disconnected = false;
            if (profile.liveness() == Liveness.PINGS) {
                // the answer makes the connection writable at once (connection.cc ReceivedPingResponse)
                actions.evaluated();
            } else {
                retick();
            }
        }
    }

    /**
     * The host refused data on the watched pair (its local address vanished): "disconnected" at
     * once, until a consent check is answered ({@link IceProfile#sendErrorDisconnects()}; nICEr
     * ice_media_stream.c nr_ice_media_stream_send, ice_component.c nr_ice_component_disconnected).
     */
    void sendRefused() {
        if (pair == null || disconnected || !profile.sendErrorDisconnects()) {
            return;
        }
        disconnected = true;
        actions.evaluated();
    }

    /** Something (a check, an answer, data) arrived on {@code receivedPair}. */
    void received(CandidatePair receivedPair) {
        if (receivedPair != pair) {
            return;
        }
        // pion decides "connected" again at its next tick only (lastPacketTick).
        receivedPair.lastReceivedAt = scheduler.now();
    }

    private void retick() {
        if (timer != null) {
            timer.cancel();
        }
        tick();
    }

    private void tick() {
        timer = null;
        CandidatePair watched = pair;
        if (watched == null) {
            return;
        }
        long next = switch (profile.liveness()) {
            case CONSENT -> consentTick(watched);
            case PINGS -> throw new IllegalStateException("libwebrtc's liveness runs on its check loop");
            case LAST_PACKET -> lastPacketTick(watched);
        };
        if (pair == watched && next != Long.MAX_VALUE) {
            timer = scheduler.scheduleAt(Math.max(next, scheduler.now()), this::tick);
        }
        actions.evaluated();
    }

    /**
     * RFC 7675 §5.1: a consent check every 4-6 s; one still unanswered when the next is due
     * makes the transport "disconnected"; 30 s after the last answered one, consent is lost and
     * the pair stops carrying data. Without consent checks, RFC 8445 §11 keepalive indications.
     */
    private long consentTick(CandidatePair watched) {
        long now = scheduler.now();
        long expiry = Long.MAX_VALUE;
        if (profile.consentInterval() > 0) {
            expiry = lastConsentAt + profile.consentExpiry();
            if (now >= expiry) {
                actions.lost(false);
                return Long.MAX_VALUE;
            }
            if (now >= nextConsentAt) {
                if (consentUnanswered) {
                    disconnected = true;
                }
                consentUnanswered = true;
                actions.sendRequest(watched);
                nextConsentAt = now + consentInterval();
            }
        }
        long keepaliveAt = watched.lastSentAt + profile.keepaliveInterval();
        if (now >= keepaliveAt) {
            actions.sendIndication(watched);
            keepaliveAt = now + profile.keepaliveInterval();
        }
        return Math.min(Math.min(nextConsentAt, expiry), keepaliveAt);
    }

    /**
     * One run of libwebrtc's check loop for the watched pair (connection.cc UpdateState, dead()):
     * unwritable ("disconnected") with at least 5 unanswered pings, the first 5 s old; timed out
     * 15 s after the first unanswered ping, when it stops counting as an active connection and
     * carries no data, but is still pinged: an answer makes it writable again. Only once it is dead
     * (nothing received for 30 s, the oldest unanswered ping 30 s old) is it destroyed and lost.
     * The agent runs the loop ({@link IceAgent}) and sends its pings.
     */
    void loopRun() {
        CandidatePair watched = pair;
        if (watched == null) {
            return;
        }
        long now = scheduler.now();
        if (now >= watched.deadAt(profile)) {
            actions.lost(false);
            return;
        }
        if (watched.firstUnansweredAt >= 0) {
            if (watched.unwritable(now, profile)) {
                disconnected = true;
            }
            if (watched.inactive(now, profile)) {
                watched.timedOut = true;
            }
        }
        actions.evaluated();
    }

    /**
     * Whether the watched pair is the loop's first choice now: writable and past its own ping
     * interval (basic_ice_controller.cc FindNextPingableConnection, its first rule).
     */
    boolean pingDue(long now) {
        return pair != null && !disconnected && now >= pair.lastPingSentAt + pingInterval(pair, now);
    }

    /** The loop pings the watched pair. */
    void ping() {
        actions.sendRequest(pair);
    }

    /**
     * libwebrtc's ping interval for the selected connection, counted from its own last ping
     * (basic_ice_controller.cc CalculateActiveWritablePingInterval, IsPingable): its first
     * {@code weakPingsFirst} pings at the weak interval; then the stable interval once it is
     * stable (connection.cc stable()) and the channel strong, the stabilizing interval while not.
     */
    private long pingInterval(CandidatePair watched, long now) {
        if (watched.pingsSent < profile.weakPingsFirst()) {
            return profile.weakPingInterval();
        }
        return !weak(now) && watched.stable(now) ? profile.stablePingInterval()
                : Math.min(profile.stablePingInterval(), profile.stabilizingPingInterval());
    }

    /**
     * libwebrtc's channel is weak when its selected pair is missing, unwritable or not receiving
     * (basic_ice_controller.cc weak(); connection.cc receiving: something arrived within the
     * receiving timeout). Meaningful for {@link Liveness#PINGS} only.
     */
    boolean weak(long now) {
        return pair == null || disconnected || now - pair.lastReceivedAt >= profile.receivingTimeout();
    }

    /**
     * pion's one timer loop (agent.go connectivityChecks) decides at ticks, every keepalive interval
     * while connected or disconnected, or sooner if the disconnected or failed timeout is shorter
     * (its updateInterval keeps the least non-zero one). The ticks here count from the selection;
     * pion's start at its first check tick after the selection, up to one check interval later,
     * and start over whenever a candidate is added (requestConnectivityCheck), which is not
     * modelled (docs/testbed-pion.md).
     */
    private long lastPacketTickInterval() {
        long interval = profile.keepaliveInterval();
        for (long timeout : new long[] {profile.disconnectedTimeout(), profile.failedTimeout()}) {
            if (timeout > 0 && timeout < interval) {
                interval = timeout;
            }
        }
        return interval;
    }

    /**
     * pion at each tick (agent.go validateSelectedPair, checkKeepalive): failed once nothing arrived
     * from the pair for more than the disconnected plus failed timeouts, disconnected for more than
     * the disconnected timeout, connected again otherwise; then a keepalive Binding request when
     * nothing was sent or nothing arrived for the keepalive interval. pion compares with "more
     * than", and its timer fires a little after each interval, so a keepalive sent at one tick is
     * due again at the next: the keepalive test here includes equality.
     */
    private long lastPacketTick(CandidatePair watched) {
        long now = scheduler.now();
        long silence = now - watched.lastReceivedAt;
        long failAfter = profile.failedTimeout() > 0 ? profile.disconnectedTimeout() + profile.failedTimeout() : 0;
        if (failAfter > 0 && silence > failAfter) {
            actions.lost(true);
            return Long.MAX_VALUE;
        }
        disconnected = profile.disconnectedTimeout() > 0 && silence > profile.disconnectedTimeout();
        long keepalive = profile.keepaliveInterval();
        if (now - watched.lastSentAt >= keepalive || silence >= keepalive) {
            actions.sendRequest(watched);
        }
        return now + lastPacketTickInterval();
    }

    /** RFC 7675 §5.1: each interval uniform in base·[1 − j, 1 + j], never below the floor. */
    private long consentInterval() {
        double jitter = profile.consentJitterPercent() / 100.0;
        double factor = 1 - jitter + 2 * jitter * random.nextDouble();
        return Math.max(profile.consentMinInterval(), Math.round(profile.consentInterval() * factor));
    }
}
