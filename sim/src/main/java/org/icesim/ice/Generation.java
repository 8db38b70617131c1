package org.icesim.ice;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Timer;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunKey;

/**
 * One ICE session between two credential sets: the state an ICE restart replaces (RFC 8445 §9).
 * The agent keeps the previous generation while its selected pair still carries data.
 */
final class Generation {

    /** A request answered before the peer's credentials were known (RFC 8445 §7.3, "early check"). */
    record EarlyCheck(TransportAddress base, TransportAddress source, long priority, boolean useCandidate) {
    }

    final int number;
    final long createdAt;
    final IceCredentials localCredentials;
    final StunKey localKey;
    /** MESSAGE-INTEGRITY of the answers this generation sends (local password, RFC 8445 §7.2.2). */
    final MessageIntegrity answerIntegrity;
    IceCredentials remoteCredentials;
    StunKey remoteKey;
    /** USERNAME and MESSAGE-INTEGRITY of this generation's checks, built once (RFC 8445 §7.2.2). */
    Username checkUsername;
    MessageIntegrity checkIntegrity;
    final List<Candidate> localCandidates = new ArrayList<>();
    final List<Candidate> remoteCandidates = new ArrayList<>();
    boolean localGatheringComplete;
    boolean remoteEndOfCandidates;
    final CheckList checkList = new CheckList();
    final List<EarlyCheck> earlyChecks = new ArrayList<>();

    /** When checks could begin (remote credentials known); -1 before. */
    long checksStartedAt = -1;
    long firstValidAt = -1;
    long completedAt = -1;
    /** When every pair had concluded without a valid one; -1 while some pair is pending. */
    long allConcludedAt = -1;
    /** The valid pair whose nomination is in flight (controlling side). */
    CandidatePair nominating;
    /** The nominated pair of this session (RFC 8445 §8.1.1). */
    CandidatePair selected;
    boolean failed;
    /** Some pair was ever formed (libwebrtc fails only a transport that had connections). */
    boolean hadPairs;
    boolean lostSelection;
    boolean discarded;
    int remotePeerReflexiveCount;
    Timer nominationTimer;
    Timer failureTimer;

    Generation(int number, long createdAt, IceCredentials localCredentials) {
        this.number = number;
        this.createdAt = createdAt;
        this.localCredentials = localCredentials;
        this.localKey = StunKey.shortTerm(localCredentials.pwd());
        this.answerIntegrity = new MessageIntegrity(localKey);
    }

    /** The peer's credentials of this generation: checks are sent with them from now on. */
    void setRemoteCredentials(IceCredentials remote) {
        remoteCredentials = remote;
        remoteKey = StunKey.shortTerm(remote.pwd());
        checkUsername = new Username(remote.ufrag() + ":" + localCredentials.ufrag());
        checkIntegrity = new MessageIntegrity(remoteKey);
    }

    boolean checksStarted() {
        return checksStartedAt >= 0;
    }

    Candidate localByAddress(TransportAddress address) {
        for (int i = 0, n = localCandidates.size(); i < n; i++) {
            if (localCandidates.get(i).address().equals(address)) {
                return localCandidates.get(i);
            }
        }
        return null;
    }

    /** The host or relayed candidate whose base is {@code base}: the one a request arrived on (RFC 8445 §7.3.1.4). */
    Candidate localByBase(TransportAddress base) {
        for (int i = 0, n = localCandidates.size(); i < n; i++) {
            Candidate candidate = localCandidates.get(i);
            if (candidate.address().equals(base) && !candidate.type().isReflexive()) {
                return candidate;
            }
        }
        return null;
    }

    Candidate remoteByAddress(TransportAddress address) {
        for (int i = 0, n = remoteCandidates.size(); i < n; i++) {
            if (remoteCandidates.get(i).address().equals(address)) {
                return remoteCandidates.get(i);
            }
        }
        return null;
    }
}
