package org.icesim.ice;

import java.util.ArrayList;
import java.util.List;
import org.icesim.net.TransportAddress;

/**
 * A pair of a local and a remote candidate (RFC 8445 §6.1.2), with its check state and the
 * liveness bookkeeping of the pair once it carries data. Data is sent from
 * {@code local().base()} to {@code remote().address()}.
 *
 * <p>Only the agent changes a pair; everyone else reads it.
 */
public final class CandidatePair {

    private final Candidate local;
    private Candidate remote;
    private String foundation;
    private long priority;
    private PairState state = PairState.FROZEN;
    private boolean nominated;
    private boolean valid;

    /** In the check list (false for a valid pair built from a mapped address, RFC 8445 §7.2.5.3.2). */
    boolean inCheckList;
    /** The valid pair a successful check on this pair produced (RFC 8445 §7.2.5.3.2). */
    CandidatePair validPair;
    /** For a valid pair: the check-list pair whose check produced it, which is re-checked to nominate it (RFC 8445 §8.1.1). */
    CandidatePair generator;
    /** Controlled side: the triggered check was caused by USE-CANDIDATE, so success nominates (RFC 8445 §7.3.1.5). */
    boolean nominateOnSuccess;
    /** Queued in the triggered-check FIFO (RFC 8445 §6.1.4.1). */
    boolean queued;
    /** The next triggered check on this pair carries USE-CANDIDATE (controlling side, RFC 8445 §8.1.1). */
    boolean nominateNext;
    /** Transactions sent on this pair that may still be answered. */
    final List<CheckTransaction> outstanding = new ArrayList<>(2);

    long lastPingSentAt = -1;
    /** Pings sent on this pair (connection.cc num_pings_sent). */
    int pingsSent;
    /** Answers measured, and the smoothed RTT; 3 s before the first (connection.cc kDefaultRtt). */
    int rttSamples;
    long rtt = DEFAULT_RTT;
    long firstUnansweredAt = -1;
    int unansweredPings;
    long lastReceivedAt = -1;
    /** For a valid pair: when data (not STUN) last arrived on it (libwebrtc connection.cc last_data_received). */
    long lastDataReceivedAt = -1;
    long lastSentAt = -1;
    /**
     * libwebrtc write state "timeout": the pair went unwritable and then stayed unanswered for the
     * inactive timeout, or it was pruned; it no longer counts as an active connection nor carries
     * data, but is pinged while the channel is weak until it is dead (connection.cc UpdateState,
     * Prune, dead()). Cleared by an answer.
     */
    boolean timedOut;

    private static final long DEFAULT_RTT = 3_000_000_000L;
    private static final int RTT_RATIO = 3;

    CandidatePair(Candidate local, Candidate remote, long priority) {
        this.local = local;
        this.remote = remote;
        this.priority = priority;
        this.foundation = local.foundation() + ":" + remote.foundation();
    }

    public Candidate local() {
        return local;
    }

    public Candidate remote() {
        return remote;
    }

    /** Local then remote foundation (RFC 8445 §6.1.2.6). */
    public String foundation() {
        return foundation;
    }

    public long priority() {
        return priority;
    }

    public PairState state() {
        return state;
    }

    /** Whether the pair is nominated (RFC 8445 §7.2.5.3.4). */
    public boolean isNominated() {
        return nominated;
    }

    /** Whether the pair is in the valid list (RFC 8445 §7.2.5.3.2). */
    public boolean isValid() {
        return valid;
    }

    void setState(PairState state) {
        this.state = state;
    }

    void setPriority(long priority) {
        this.priority = priority;
    }

    void setNominated(boolean nominated) {
        this.nominated = nominated;
    }

    void setValid(boolean valid) {
        this.valid = valid;
    }

    /** A signalled candidate replaces the peer-reflexive one learnt for the same address (RFC 8838 §11). */
    void replaceRemote(Candidate signalled) {
        this.remote = signalled;
        this.foundation = local.foundation() + ":" + remote.foundation();
    }

    /** Whether checks on this pair go from {@code base} to {@code remoteAddress}. */
    boolean matches(TransportAddress base, TransportAddress remoteAddress) {
        return local.base().equals(base) && remote.address().equals(remoteAddress);
    }

    void answered(long now) {
        lastReceivedAt = now;
        unansweredPings = 0;
        firstUnansweredAt = -1;
        timedOut = false;
    }

    /**
     * libwebrtc (connection.cc UpdateState): a writable pair turns unwritable once at least
     * {@code unwritableMinChecks} pings are unanswered and the first of them is
     * {@code unwritableTimeout} old.
     */
    boolean unwritable(long now, IceProfile profile) {
        return firstUnansweredAt >= 0 && unansweredPings >= profile.unwritableMinChecks()
                && now - firstUnansweredAt >= profile.unwritableTimeout();
    }

    /**
     * libwebrtc (connection.cc UpdateState): an unwritable pair times out when its first unanswered
     * ping is {@code inactiveTimeout} old.
     */
    boolean inactive(long now, IceProfile profile) {
        return unwritable(now, profile) && now - firstUnansweredAt >= profile.inactiveTimeout();
    }

    /**
     * libwebrtc (connection.cc dead()): a pair that received something is destroyed once nothing
     * arrived on it for {@code deadConnectionTimeout} and its oldest unanswered ping, if any, is
     * that old too; a pair that never received anything is not judged here (0: never).
     */
    long deadAt(IceProfile profile) {
        if (lastReceivedAt < 0 || profile.deadConnectionTimeout() == 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(lastReceivedAt, firstUnansweredAt) + profile.deadConnectionTimeout();
    }

    /**
     * libwebrtc (connection.cc ReceivedPingResponse): the first answer sets the RTT estimate, each
     * later one moves it a quarter of the way (kRttRatio 3 : 1).
     */
    void rttSample(long rtt) {
        this.rtt = rttSamples == 0 ? rtt : (RTT_RATIO * this.rtt + rtt) / (RTT_RATIO + 1);
        rttSamples++;
    }

    /**
     * libwebrtc (connection.cc stable(), rtt_converged(), missing_responses()): more than
     * kRttRatio + 1 answers measured, and no unanswered ping older than twice the RTT estimate.
     */
    boolean stable(long now) {
        return rttSamples > RTT_RATIO + 1 && !(firstUnansweredAt >= 0 && now - firstUnansweredAt > 2 * rtt);
    }

    /**
     * A new valid pair carries on the ping record of the pair whose check discovered it: libwebrtc
     * keeps one connection and only swaps its local candidate for the mapped one, so the pings sent
     * and the RTT measured before count towards its first pings and its converged RTT
     * (connection.cc MaybeUpdateLocalCandidate, ReceivedPingResponse, num_pings_sent).
     */
    void continuePingRecordOf(CandidatePair generator) {
        pingsSent = generator.pingsSent;
        lastPingSentAt = generator.lastPingSentAt;
        rtt = generator.rtt;
        rttSamples = generator.rttSamples;
    }

    void pinged(long now) {
        pingsSent++;
        lastPingSentAt = now;
        lastSentAt = now;
        if (firstUnansweredAt < 0) {
            firstUnansweredAt = now;
        }
        unansweredPings++;
    }

    @Override
    public String toString() {
        return local.type().sdpName() + " " + local.base() + " -> " + remote.type().sdpName() + " " + remote.address()
                + " " + state + (nominated ? " nominated" : "");
    }
}
