package org.icesim.metrics;

import static org.icesim.metrics.Direction.HIGHER_IS_BETTER;
import static org.icesim.metrics.Direction.LOWER_IS_BETTER;
import static org.icesim.metrics.Direction.NEUTRAL;
import static org.icesim.metrics.Metric.Importance.DETAIL;
import static org.icesim.metrics.Metric.Importance.HEADLINE;

/**
 * Every metric a run produces, defined once (design.md §4). Times are simulated milliseconds from
 * the named instant. Per-peer and per-direction quantities are folded into one value per run so
 * that {@code runs.csv} stays one tidy row per run: detection is the earliest peer to notice, media
 * figures are the worse direction (the call is back only when both directions flow), restart
 * figures belong to the peer whose restartIce() call came first. The media figures of each
 * direction are there too ({@code _ab}: from the first peer, the caller, to the second;
 * {@code _ba}: back), as details: a fault on one side often hurts one direction first.
 *
 * <p>Each metric also says which way is worse ({@link Direction}) and whether it is a headline
 * figure: the headline metrics are what a regression comparison judges when no rule is given.
 */
public enum Metric {
    DETECT_DISCONNECTED_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "fault → first iceConnectionState 'disconnected' at any peer (empty if never)"),
    DETECT_FAILED_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "fault → first iceConnectionState 'failed' at any peer (empty if never; "
            + "Chromium's page never sees it, see detect_connection_failed_ms)"),
    DETECT_CONNECTION_FAILED_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "fault → first connectionState 'failed' at any peer (empty if never)"),
    RESTART_LATENCY_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "first restartIce() call at or after the fault → iceConnectionState connected/completed "
            + "at that peer on a pair of the new ICE generation (empty if no restart or never)"),
    SIGNALING_MS(Kind.MILLIS, LOWER_IS_BETTER, DETAIL, "restart offer sent → answer applied, at the restarting peer"),
    GATHERING_MS(Kind.MILLIS, LOWER_IS_BETTER, DETAIL, "restartIce() → end of gathering of the new generation, at the restarting peer"),
    CHECKS_MS(Kind.MILLIS, LOWER_IS_BETTER, DETAIL, "answer applied → restart complete (connectivity checks and nomination)"),
    RECOVERY_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "fault → first media packet that ends the first interruption after the fault, worse direction "
            + "(0 if media never stopped, empty if it never came back)"),
    MEDIA_GAP_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "longest interval between consecutive received media packets in the fault window "
            + "(fault → end of run; a gap still open at the end counts up to the end), worse direction"),
    MEDIA_LOST_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "total time in the fault window covered by gaps longer than the interruption threshold, worse direction"),
    RECOVERY_AB_MS(Kind.MILLIS, LOWER_IS_BETTER, DETAIL, "recovery_ms of the media from the first peer (the caller) to the second"),
    RECOVERY_BA_MS(Kind.MILLIS, LOWER_IS_BETTER, DETAIL, "recovery_ms of the media from the second peer to the first"),
    MEDIA_GAP_AB_MS(Kind.MILLIS, LOWER_IS_BETTER, DETAIL, "media_gap_ms of the media from the first peer (the caller) to the second"),
    MEDIA_GAP_BA_MS(Kind.MILLIS, LOWER_IS_BETTER, DETAIL, "media_gap_ms of the media from the second peer to the first"),
    MEDIA_LOST_AB_MS(Kind.MILLIS, LOWER_IS_BETTER, DETAIL, "media_lost_ms of the media from the first peer (the caller) to the second"),
    MEDIA_LOST_BA_MS(Kind.MILLIS, LOWER_IS_BETTER, DETAIL, "media_lost_ms of the media from the second peer to the first"),
    SELECTED_PAIR_BEFORE(Kind.TEXT, NEUTRAL, DETAIL, "candidate types local/remote of the pair selected just before the fault, at the first peer"),
    SELECTED_PAIR_AFTER(Kind.TEXT, NEUTRAL, DETAIL, "candidate types local/remote of the pair selected at the end of the run, at the first peer"),
    USED_TURN(Kind.FLAG, NEUTRAL, DETAIL, "1 if any selected pair of the run was relayed through TURN, else 0"),
    STUN_CHECKS_SENT(Kind.COUNT, NEUTRAL, DETAIL, "ICE connectivity checks sent by all peers, retransmissions included"),
    TURN_ALLOCATIONS(Kind.COUNT, NEUTRAL, DETAIL, "TURN allocations created on all servers"),
    SIGNALING_MESSAGES(Kind.COUNT, NEUTRAL, DETAIL, "messages relayed by the signaling server"),
    BYTES_RELAYED(Kind.COUNT, NEUTRAL, DETAIL, "bytes relayed by all TURN servers (both directions, payload as on the relay leg)"),
    CALLS(Kind.COUNT, NEUTRAL, DETAIL, "fleet: calls started"),
    CALLS_CONNECTED(Kind.COUNT, HIGHER_IS_BETTER, DETAIL, "fleet: calls whose two peers both reached ICE connected or completed at some point"),
    CALLS_UP_AT_END(Kind.COUNT, HIGHER_IS_BETTER, DETAIL, "fleet: calls whose two peers are connected or completed at the end of the run"),
    CALLS_RELAYED_AT_END(Kind.COUNT, NEUTRAL, DETAIL, "fleet: calls up at the end whose caller's selected pair is relayed (TURN share = this / calls_up_at_end)"),
    FAULTS(Kind.COUNT, NEUTRAL, DETAIL, "fleet: random faults applied (link flaps, NAT reboots, TURN server crashes)"),
    RESTARTS(Kind.COUNT, NEUTRAL, DETAIL, "fleet: restartIce() calls of all peers"),
    INTERRUPTIONS(Kind.COUNT, LOWER_IS_BETTER, DETAIL, "fleet: media gaps longer than the interruption threshold, both directions of every call"),
    UNRECOVERED(Kind.COUNT, LOWER_IS_BETTER, HEADLINE, "fleet: faults after which a direction's media had not come back at the end of the run"),
    RESTART_LATENCY_P50_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "fleet: median of every restart's latency (restartIce() → connected on the new generation), nearest rank"),
    RESTART_LATENCY_P95_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "fleet: 95th percentile of the restart latencies, nearest rank"),
    RECOVERY_P50_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "fleet: median recovery per fault and direction (fault → the arrival that ends the first interruption "
            + "after it; 0 if media never stopped), nearest rank"),
    RECOVERY_P95_MS(Kind.MILLIS, LOWER_IS_BETTER, HEADLINE, "fleet: 95th percentile of the recoveries per fault and direction, nearest rank"),
    REFERENCE_MS(Kind.INSTANT, NEUTRAL, DETAIL, "the reference instant the per-call times count from, in simulated ms from the start of the "
            + "run: the first fault of the timeline; without one, the first restartIce(); without either, the first "
            + "selected pair (empty for a fleet, or if none happened); events.csv's since_reference_ms counts from it");

    /** How a metric's value is written and summarised. */
    public enum Kind {
        /** Milliseconds with nanosecond precision. */
        MILLIS,
        /** An instant of the run, in milliseconds from its start with nanosecond precision; not summarised. */
        INSTANT,
        /** A whole number. */
        COUNT,
        /** 0 or 1; summarised as a proportion. */
        FLAG,
        /** A category; summarised by counting values. */
        TEXT
    }

    /** Whether a comparison without rules judges the metric. */
    public enum Importance {
        /** What the simulator is for: detection, restart, recovery and media loss, failed calls. */
        HEADLINE,
        /** Parts and by-products of those (signaling, gathering, messages, bytes), reported only. */
        DETAIL
    }

    private final Kind kind;
    private final Direction direction;
    private final Importance importance;
    private final String description;

    Metric(Kind kind, Direction direction, Importance importance, String description) {
        this.kind = kind;
        this.direction = direction;
        this.importance = importance;
        this.description = description;
    }

    public Kind kind() {
        return kind;
    }

    public Direction direction() {
        return direction;
    }

    public boolean headline() {
        return importance == Importance.HEADLINE;
    }

    /** Whether the metric is a time or a count (summarised by its distribution). */
    public boolean numeric() {
        return kind == Kind.MILLIS || kind == Kind.COUNT;
    }

    public String description() {
        return description;
    }

    /** The column name in runs.csv and summary.json. */
    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
