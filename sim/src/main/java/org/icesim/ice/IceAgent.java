package org.icesim.ice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.ice.CheckTransaction.Purpose;
import org.icesim.ice.IceEvent.CheckKind;
import org.icesim.kernel.Invariants;
import org.icesim.kernel.Scheduler;
import org.icesim.kernel.Timer;
import org.icesim.net.Ipv4Address;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunAttribute.ErrorCode;
import org.icesim.stun.StunAttribute.Fingerprint;
import org.icesim.stun.StunAttribute.IceControlled;
import org.icesim.stun.StunAttribute.IceControlling;
import org.icesim.stun.StunAttribute.MessageIntegrity;
import org.icesim.stun.StunAttribute.Priority;
import org.icesim.stun.StunAttribute.UseCandidate;
import org.icesim.stun.StunAttribute.Username;
import org.icesim.stun.StunAttribute.XorMappedAddress;
import org.icesim.stun.StunClass;
import org.icesim.stun.StunKey;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.StunTransactionConfig;
import org.icesim.stun.TransactionId;

/**
 * A sans-IO ICE agent (RFC 8445 full or lite) for one data stream with one component, with
 * Trickle ICE (RFC 8838), consent freshness (RFC 7675), PAC (RFC 8863) and ICE restart.
 *
 * <p>It never touches a network or a clock of its own: time and timers come from the
 * {@link Scheduler}, STUN messages leave through {@link IceIo} and arrive through
 * {@link #handleStun}, and everything it decides is reported to an {@link IceEventListener}.
 * Data (media) uses {@link #selectedPair()}; the integration layer tells the agent about data
 * with {@link #dataSent()}, {@link #dataSendRefused()} and {@link #dataReceived} so keepalives and
 * liveness see it.
 *
 * <p>Message integrity: the model carries the key a message was built with instead of an HMAC,
 * so comparing that key with the expected one is equivalent to verifying MESSAGE-INTEGRITY
 * (which the codec does on real bytes).
 */
public final class IceAgent {

    private final Scheduler scheduler;
    private final Invariants invariants;
    private final RandomGenerator random;
    private final IceProfile profile;
    private final TypePreferences preferences;
    private final IceIo io;
    private final IceEventListener listener;
    private final boolean lite;

    private IceRole role;
    private long tieBreaker;
    private Generation current;
    /** The generation before a restart, kept until the new one selects a pair (RFC 8445 §9, §12.1). */
    private Generation previous;
    /** Open transactions by ID; looked up only, never iterated. */
    private final Map<TransactionId, CheckTransaction> transactions = new HashMap<>();
    /** (relayed base, peer IP) combinations the TURN layer has prepared (RFC 8445 §7.2.1); looked up only. */
    private final Set<RelayPermission> relayPermissions = new HashSet<>();

    private CandidatePair selectedPair;
    private Generation selectedGeneration;
    /** Whether a pair was ever selected: the security handshake, and so data, starts at the first selection. */
    private boolean everSelected;
    private IceTransportState state = IceTransportState.NEW;
    private boolean closed;
    private long checksSent;

    private Timer pacerTimer;
    private long lastPacedCheckAt = Long.MIN_VALUE;
    private final HostPacing hostPacing;
    /** Inside a run of libwebrtc's check loop, which schedules its own next run. */
    private boolean inCheckLoopRun;

    private final SelectedPairMonitor monitor;

    private record RelayPermission(TransportAddress base, Ipv4Address peer) {
    }

    /** An agent alone on its host (see the constructor with {@link HostPacing}). */
    public IceAgent(Scheduler scheduler, RandomGenerator random, IceProfile profile, IceRole initialRole, boolean lite,
            IceCredentials localCredentials, IceIo io, IceEventListener listener) {
        this(scheduler, random, profile, initialRole, lite, localCredentials, io, listener, new HostPacing());
    }

    /**
     * A full agent ({@code lite} false) or a lite agent (RFC 8445 §2.5: host candidates only, no
     * checks, always controlled against a full peer).
     *
     * @param scheduler        time and timers
     * @param random           tie-breaker, transaction IDs and consent jitter
     * @param profile          the implementation constants
     * @param initialRole      the role from the offer/answer exchange (RFC 8445 §6.1.1)
     * @param localCredentials this agent's first ufrag and password
     * @param io               where STUN messages go
     * @param listener         receives events
     * @param hostPacing        the pacing floor shared by every agent of this agent's host (RFC 8445 §14.2)
     */
    public IceAgent(Scheduler scheduler, RandomGenerator random, IceProfile profile, IceRole initialRole, boolean lite,
            IceCredentials localCredentials, IceIo io, IceEventListener listener, HostPacing hostPacing) {
        if (scheduler == null || random == null || profile == null || initialRole == null || localCredentials == null
                || io == null || listener == null || hostPacing == null) {
            throw new IllegalArgumentException("scheduler, random, profile, initialRole, localCredentials, io, listener"
                    + " and hostPacing must not be null");
        }
        this.hostPacing = hostPacing;
        this.scheduler = scheduler;
        this.invariants = scheduler.invariants();
        this.random = random;
        this.profile = profile;
        this.preferences = profile.typePreferences();
        this.io = io;
        this.listener = listener;
        this.lite = lite;
        // RFC 8445 §6.1.1: a lite agent is controlled when its peer is full.
        this.role = lite ? IceRole.CONTROLLED : initialRole;
        this.tieBreaker = random.nextLong();
        this.current = new Generation(0, scheduler.now(), localCredentials);
        this.monitor = new SelectedPairMonitor(scheduler, profile, random, new MonitorActions());
    }

    // ------------------------------------------------------------------------------------------
    // What the integration layer reads

    /** The pair data must use now, or null: the nominated pair, or during a restart the previous one (RFC 8445 §12.1). */
    public CandidatePair selectedPair() {
        return selectedPair;
    }

    public IceTransportState state() {
        return state;
    }

    /**
     * Whether data may leave on the selected pair now. libwebrtc sends nothing on a selected
     * connection that timed out (p2p_transport_channel.cc ReadyToSend) although it keeps it, and
     * sends again once an answer makes it writable.
     */
    public boolean canSendData() {
        return selectedPair != null && !selectedPair.timedOut;
    }

    /**
     * With {@link IceProfile#sendsBeforeSelection()}, no pair selected and one selected before:
     * the newest generation's best valid pair, which data uses until one is selected (pion
     * transport.go Conn.Write, agent.go getBestValidCandidatePair); otherwise null.
     */
    public CandidatePair pairBeforeSelection() {
        if (!profile.sendsBeforeSelection() || selectedPair != null || !everSelected || current.failed) {
            return null;
        }
        CandidatePair best = null;
        for (CandidatePair valid : current.checkList.valid) {
            if (best == null || valid.priority() > best.priority()) {
                best = valid;
            }
        }
        return best;
    }

    public IceRole role() {
        return role;
    }

    public long tieBreaker() {
        return tieBreaker;
    }

    public boolean isLite() {
        return lite;
    }

    public IceProfile profile() {
        return profile;
    }

    /** The credentials of the newest generation. */
    public IceCredentials localCredentials() {
        return current.localCredentials;
    }

    /** The newest generation's check list, highest priority first. */
    public List<CandidatePair> checkList() {
        return current.checkList.view();
    }

    /** The newest generation's valid list (RFC 8445 §7.2.5.3.2). */
    public List<CandidatePair> validList() {
        return Collections.unmodifiableList(current.checkList.valid);
    }

    public CheckListState checkListState() {
        return current.checkList.state;
    }

    public List<Candidate> localCandidates() {
        return Collections.unmodifiableList(current.localCandidates);
    }

    public List<Candidate> remoteCandidates() {
        return Collections.unmodifiableList(current.remoteCandidates);
    }

    /** How many requests and indications the agent has sent, retransmissions included. */
    public long checksSent() {
        return checksSent;
    }

    /** Whether a restart is in progress: the previous generation still carries data. */
    public boolean restarting() {
        return previous != null;
    }

    // ------------------------------------------------------------------------------------------
    // Calls from the integration layer

    /**
     * Sets the role from the offer/answer exchange (RFC 8445 §6.1.1), e.g. when the first offer
     * was rolled back and the other side's offer applied; pair priorities follow (§6.1.2.3). A
     * lite agent stays controlled.
     */
    public void setRole(IceRole newRole) {
        requireOpen();
        if (newRole == null) {
            throw new IllegalArgumentException("role must be CONTROLLING or CONTROLLED, was null");
        }
        if (!lite && newRole != role) {
            switchRole(newRole);
            afterCheckListChange(current);
        }
    }

    /**
     * A candidate the gatherer found (host, srflx or relay). Redundant candidates are dropped
     * (RFC 8445 §5.1.3); the rest are paired with the remote candidates (RFC 8838 §10). Returns
     * whether it was kept.
     */
    public boolean addLocalCandidate(Candidate candidate) {
        requireOpen();
        if (candidate.type() == CandidateType.PEER_REFLEXIVE) {
            throw new IllegalArgumentException("local peer-reflexive candidates are learnt from checks, not gathered"
                    + " (RFC 8445 §7.2.5.3.1), was " + candidate);
        }
        if (lite && candidate.type() != CandidateType.HOST) {
            throw new IllegalArgumentException("a lite agent has host candidates only (RFC 8445 §5.2), was " + candidate);
        }
        Generation g = current;
        if (Candidates.isRedundant(candidate, g.localCandidates)) {
            return false;
        }
        // RFC 8445 §5.1.3: a lower-priority candidate with the same address and base goes.
        g.localCandidates.removeIf(c -> c.address().equals(candidate.address()) && c.base().equals(candidate.base()));
        g.localCandidates.add(candidate);
        // RFC 8838 §8: a new local candidate re-opens gathering until the gatherer says it is done again.
        g.localGatheringComplete = false;
        if (!lite) {
            for (int i = 0; i < g.remoteCandidates.size(); i++) {
                Candidate remote = g.remoteCandidates.get(i);
                if (remote.type() != CandidateType.PEER_REFLEXIVE) {
                    pair(g, candidate, remote);
                }
            }
        }
        afterCheckListChange(g);
        return true;
    }

    /** The local gatherer finished (RFC 8838 §8); "failed" may now be declared. */
    public void localGatheringComplete() {
        requireOpen();
        current.localGatheringComplete = true;
        evaluateFailure(current);
        updateTransportState();
    }

    /**
     * The peer's ufrag and password for the newest generation. Checks begin (RFC 8445 §6.1.2.6,
     * §6.1.4.2), and requests answered early are processed now (RFC 8445 §7.3). After a remote
     * restart the integration layer first calls {@link #restart}.
     */
    public void setRemoteCredentials(IceCredentials remote) {
        requireOpen();
        Generation g = current;
        if (g.remoteCredentials != null) {
            if (g.remoteCredentials.equals(remote)) {
                return;
            }
            throw new IllegalStateException("remote credentials of this generation are already " + g.remoteCredentials
                    + "; new ones (" + remote + ") need an ICE restart first (RFC 8445 §9)");
        }
        g.setRemoteCredentials(remote);
        startChecks(g);
        List<Generation.EarlyCheck> early = new ArrayList<>(g.earlyChecks);
        g.earlyChecks.clear();
        for (Generation.EarlyCheck check : early) {
            processRequestAfterAnswer(g, check.base(), check.source(), check.priority(), check.useCandidate());
        }
        afterCheckListChange(g);
    }

    /**
     * A candidate the peer signalled (use {@link Candidate#remote}). A signalled candidate whose
     * address was learnt as peer-reflexive replaces it in place (RFC 8838 §11). Returns whether
     * the candidate was new.
     */
    public boolean addRemoteCandidate(Candidate candidate) {
        requireOpen();
        Generation g = current;
        if (g.remoteEndOfCandidates) {
            throw new IllegalStateException("the peer signalled end-of-candidates for this generation; candidate "
                    + candidate + " is refused (RFC 8838 §13)");
        }
        Candidate known = g.remoteByAddress(candidate.address());
        if (known != null) {
            if (known.type() != CandidateType.PEER_REFLEXIVE || candidate.type() == CandidateType.PEER_REFLEXIVE) {
                return false;
            }
            g.remoteCandidates.set(g.remoteCandidates.indexOf(known), candidate);
            for (CandidatePair pair : allPairs(g)) {
                if (pair.remote() == known) {
                    pair.replaceRemote(candidate);
                    pair.setPriority(pairPriority(pair.local(), candidate));
                }
            }
            g.checkList.resort();
        } else {
            g.remoteCandidates.add(candidate);
        }
        if (!lite) {
            for (int i = 0; i < g.localCandidates.size(); i++) {
                Candidate local = g.localCandidates.get(i);
                if (local.type() != CandidateType.PEER_REFLEXIVE) {
                    pair(g, local, candidate);
                }
            }
        }
        afterCheckListChange(g);
        return true;
    }

    /** The peer's end-of-candidates for the newest generation (RFC 8838 §13). */
    public void remoteEndOfCandidates() {
        requireOpen();
        current.remoteEndOfCandidates = true;
        evaluateFailure(current);
        updateTransportState();
    }

    /**
     * The interface behind these bases vanished: their candidates go, their pairs fail, and a
     * selected pair on them is lost (RFC 8445 §5.1.1.4: drop candidates whose base vanished).
     */
    public void removeLocalCandidates(Collection<TransportAddress> bases) {
        requireOpen();
        for (Generation g : liveGenerations()) {
            g.localCandidates.removeIf(c -> bases.contains(c.base()));
            g.earlyChecks.removeIf(e -> bases.contains(e.base()));
            for (CandidatePair pair : new ArrayList<>(g.checkList.pairs)) {
                if (bases.contains(pair.local().base())) {
                    forgetTransactions(pair);
                    g.checkList.remove(pair);
                    setPairState(pair, PairState.FAILED);
                }
            }
            g.checkList.valid.removeIf(pair -> {
                boolean gone = bases.contains(pair.local().base());
                if (gone) {
                    pair.setValid(false);
                }
                return gone;
            });
            if (g.nominating != null && bases.contains(g.nominating.local().base())) {
                g.nominating = null;
            }
        }
        if (selectedPair != null && bases.contains(selectedPair.local().base())) {
            loseSelectedPair(false);
        }
        afterCheckListChange(current);
    }

    /**
     * ICE restart (RFC 8445 §9): a new generation with {@code newLocal} (both ufrag and password
     * must change), roles kept. The previous selected pair keeps carrying data until the new
     * generation selects one (RFC 8445 §12.1), and the previous generation keeps answering checks
     * until then; unless the profile closes the previous generation at once
     * ({@link IceProfile#keepPreviousGenerationDuringRestart()}), when nothing of it is kept.
     */
    public void restart(IceCredentials newLocal) {
        requireOpen();
        IceCredentials old = current.localCredentials;
        if (newLocal.ufrag().equals(old.ufrag()) || newLocal.pwd().equals(old.pwd())) {
            throw new IllegalArgumentException("an ICE restart must change both ufrag and pwd (RFC 8445 §9), ufrag "
                    + old.ufrag() + " -> " + newLocal.ufrag() + (newLocal.pwd().equals(old.pwd()) ? ", pwd unchanged" : ""));
        }
        Generation restarted = current;
        stopChecking(restarted);
        boolean keepsPrevious = profile.keepPreviousGenerationDuringRestart();
        if (selectedPair != null && !keepsPrevious) {
            setSelected(null, null);
        }
        Generation keep = !keepsPrevious ? null : selectedPair != null ? selectedGeneration : restarted;
        if (previous != null && previous != keep) {
            discard(previous);
        }
        if (restarted != keep) {
            discard(restarted);
        }
        previous = keep;
        current = new Generation(restarted.number + 1, scheduler.now(), newLocal);
        updateTransportState();
    }

    /**
     * Undoes a {@link #restart} whose new generation has no remote credentials yet (a rolled-back
     * offer, JSEP rtcweb-wg/jsep#250): the new generation is discarded and the previous one is
     * current again, its unfinished checks re-queued.
     */
    public void rollbackRestart() {
        requireOpen();
        if (previous == null || current.remoteCredentials != null) {
            throw new IllegalStateException("no restart to roll back: "
                    + (previous == null ? "no previous generation" : "the new generation already has remote credentials"));
        }
        discard(current);
        current = previous;
        previous = null;
        for (CandidatePair pair : current.checkList.pairs) {
            if (pair.state() == PairState.IN_PROGRESS && pair.outstanding.isEmpty()) {
                setPairState(pair, PairState.WAITING);
            }
        }
        afterCheckListChange(current);
    }

    /**
     * A STUN message arrived on the local base {@code localBase} from {@code source} (for a
     * relayed base, the peer address the TURN server reported, RFC 8445 §7.3.1.2).
     */
    public void handleStun(TransportAddress localBase, TransportAddress source, StunMessage message) {
        if (closed || message.method() != StunMethod.BINDING) {
            return;
        }
        StunClass stunClass = message.stunClass();
        if (stunClass == StunClass.REQUEST) {
            handleRequest(localBase, source, message);
        } else if (stunClass.isResponse()) {
            handleResponse(localBase, source, message);
        } else {
            noteReceived(localBase, source);
        }
    }

    /** Data left on the selected pair (it counts as traffic for keepalives, RFC 8445 §11). */
    public void dataSent() {
        if (selectedPair != null) {
            selectedPair.lastSentAt = scheduler.now();
        }
    }

    /**
     * The host refused data on the selected pair: the socket's local address vanished with its
     * interface. What follows is the profile's ({@link IceProfile#sendErrorDisconnects()}).
     */
    public void dataSendRefused() {
        if (!closed && selectedPair != null) {
            monitor.sendRefused();
        }
    }

    /** Data arrived on {@code localBase} from {@code source}; on the selected pair it counts as a sign of life. */
    public void dataReceived(TransportAddress localBase, TransportAddress source) {
        long now = scheduler.now();
        CandidatePair arrivedOn = null;
        for (CandidatePair valid : current.checkList.valid) {
            if (valid.matches(localBase, source)) {
                valid.lastDataReceivedAt = now;
                arrivedOn = valid;
            }
        }
        noteReceived(localBase, source);
        // libwebrtc's controlled side follows the media path (p2p_transport_channel.cc OnReadPacket:
        // data on a connection other than the selected one asks for a switch, DATA_RECEIVED), decided
        // by the same ranking as a nomination (basic_ice_controller.cc ShouldSwitchConnection).
        if (arrivedOn != null && role == IceRole.CONTROLLED && profile.backupPairs() && !closed
                && current.selected != null && arrivedOn != current.selected
                && controlledRanksAbove(arrivedOn, current.selected)) {
            select(current, arrivedOn);
        }
    }

    /** Shuts the agent down: no more checks, answers or events except the final "closed". */
    public void close() {
        if (closed) {
            return;
        }
        cancel(pacerTimer);
        monitor.stop();
        if (previous != null) {
            discard(previous);
        }
        discard(current);
        if (selectedPair != null) {
            setSelected(null, null);
        }
        closed = true;
        transition(IceTransportState.CLOSED);
    }

    // ------------------------------------------------------------------------------------------
    // Pairing (RFC 8445 §6.1.2)

    private void pair(Generation g, Candidate local, Candidate remote) {
        if (g.checkList.state != CheckListState.RUNNING || local.componentId() != remote.componentId()) {
            // After nomination the data destination changes only through a restart (RFC 8445 §9).
            return;
        }
        // RFC 8445 §6.1.2.4: a reflexive local candidate is replaced by its base.
        Candidate pairLocal = local;
        if (local.type().isReflexive()) {
            Candidate base = g.localByBase(local.base());
            if (base != null) {
                pairLocal = base;
            }
        }
        long priority = pairPriority(pairLocal, remote);
        CandidatePair existing = g.checkList.find(pairLocal.base(), remote.address());
        if (existing != null) {
            // RFC 8445 §6.1.2.4: same base and remote: keep the higher-priority pair only.
            if (existing.priority() >= priority) {
                return;
            }
            forgetTransactions(existing);
            g.checkList.remove(existing);
        }
        CandidatePair pair = new CandidatePair(pairLocal, remote, priority);
        insertPair(g, pair);
    }

    private void insertPair(Generation g, CandidatePair pair) {
        g.checkList.insert(pair);
        g.hadPairs = true;
        if (g.checksStarted()) {
            setPairState(pair, initialState(g, pair));
        }
        // RFC 8445 §6.1.2.5: limit the list by discarding the lowest-priority pairs.
        while (g.checkList.pairs.size() > profile.maxPairs()) {
            CandidatePair lowest = g.checkList.pairs.get(g.checkList.pairs.size() - 1);
            forgetTransactions(lowest);
            g.checkList.remove(lowest);
        }
    }

    /**
     * RFC 8445 §6.1.2.6 and RFC 8838 §10: Waiting when no pair of the same foundation is Waiting or
     * In-Progress, Frozen otherwise. Profiles that ping every pair have no Frozen state.
     */
    private PairState initialState(Generation g, CandidatePair pair) {
        if (profile.pingAllPairsEachTick() || !g.checkList.foundationActive(pair.foundation())) {
            return PairState.WAITING;
        }
        return PairState.FROZEN;
    }

    private void startChecks(Generation g) {
        g.checksStartedAt = scheduler.now();
        // RFC 8445 §6.1.2.6: all Frozen, then per foundation the first pair (highest priority) Waiting.
        for (CandidatePair pair : g.checkList.pairs) {
            setPairState(pair, initialState(g, pair));
        }
    }

    private long pairPriority(Candidate local, Candidate remote) {
        // RFC 8445 §6.1.2.3: G is the controlling agent's candidate priority.
        return role == IceRole.CONTROLLING
                ? Priorities.pairPriority(local.priority(), remote.priority())
                : Priorities.pairPriority(remote.priority(), local.priority());
    }

    // ------------------------------------------------------------------------------------------
    // Pacing (RFC 8445 §6.1.4.2)

    private void afterCheckListChange(Generation g) {
        pruneBehindSelected(g);
        kickPacer();
        maybeNominate(g);
        evaluateFailure(g);
        updateTransportState();
    }

    private void kickPacer() {
        if (closed || lite) {
            return;
        }
        if (profile.liveness() == Liveness.PINGS) {
            startCheckLoop();
            return;
        }
        long due = nextCheckDue(current);
        if (due == Long.MAX_VALUE) {
            return;
        }
        long at = lastPacedCheckAt == Long.MIN_VALUE ? due : Math.max(due, lastPacedCheckAt + profile.checkInterval());
        at = hostPacing.earliest(at);
        if (pacerTimer != null && pacerTimer.isPending()) {
            if (pacerTimer.time() <= at) {
                return;
            }
            pacerTimer.cancel();
        }
        pacerTimer = scheduler.scheduleAt(at, this::pacerTick);
    }

    /** When the pacer next has a check to send: now, the next backup ping, or never. */
    private long nextCheckDue(Generation g) {
        if (g.remoteKey == null || g.discarded) {
            return Long.MAX_VALUE;
        }
        long now = scheduler.now();
        CheckList list = g.checkList;
        if (!list.triggered.isEmpty()) {
            return now;
        }
        if (list.state != CheckListState.RUNNING) {
            return Long.MAX_VALUE;
        }
        if (list.count(PairState.WAITING) > 0 || canUnfreeze(list)) {
            return now;
        }
        if (profile.checkMode() != CheckMode.REPEATED_PINGS) {
            return Long.MAX_VALUE;
        }
        if (list.count(PairState.IN_PROGRESS) > 0 || g.nominating != null) {
            return now;
        }
        long due = Long.MAX_VALUE;
        for (CandidatePair pair : list.pairs) {
            if (isBackup(g, pair)) {
                due = Math.min(due, Math.max(now, backupDue(pair)));
            }
        }
        return due;
    }

    /** The next instant a backup needs the pacer: its next ping, its write timeout or its death. */
    private long backupDue(CandidatePair pair) {
        long due = Math.min(backupPingDue(pair), pair.deadAt(profile));
        if (!pair.timedOut && pair.unansweredPings >= profile.unwritableMinChecks()) {
            // Enough pings are unanswered: the timeout is a matter of time alone (connection.cc UpdateState).
            long timeout = Math.max(profile.unwritableTimeout(), profile.inactiveTimeout());
            due = Math.min(due, pair.firstUnansweredAt + timeout);
        }
        return due;
    }

    /**
     * libwebrtc backups: a succeeded pair other than the selected one, pinged every 25 s, or at
     * every tick while the selected pair is not receiving or gone (basic_ice_controller.cc: a weak
     * channel pings all connections), until it is dead.
     */
    private boolean isBackup(Generation g, CandidatePair pair) {
        if (!profile.backupPairs() || pair.state() != PairState.SUCCEEDED) {
            return false;
        }
        CandidatePair selected = g.selected;
        return selected != null ? pair != selected && pair != selected.generator : g.lostSelection;
    }

    private long backupPingDue(CandidatePair pair) {
        if (monitor.weak(scheduler.now())) {
            return pair.lastPingSentAt + profile.checkInterval();
        }
        // basic_ice_controller.cc IsPingable: an inactive (pruned or timed-out) pair waits for a weak channel.
        return pair.timedOut ? Long.MAX_VALUE : pair.lastPingSentAt + profile.backupPingInterval();
    }

    /**
     * libwebrtc (basic_ice_controller.cc PruneConnections, connection.cc Prune): while the selected
     * pair is strong, the other pairs on its network that are not better than it are pruned. One
     * still being checked is given up; a succeeded one stops counting as active and is not pinged
     * until the channel turns weak, when an answer makes it writable again (until pruned again).
     * Pairs on other networks are the backups.
     */
    private void pruneBehindSelected(Generation g) {
        CandidatePair selected = selectedPair;
        if (!profile.backupPairs() || selected == null || selectedGeneration != g || monitor.weak(scheduler.now())) {
            return;
        }
        int network = Priorities.networkIndex(selected.local().priority());
        // Pruning changes states, not the list, and sends nothing: no copy needed.
        for (CandidatePair pair : g.checkList.pairs) {
            CandidatePair valid = pair.validPair != null ? pair.validPair : pair;
            if (pair == selected || pair == selected.generator || pair == nominatingGenerator(g)
                    || valid.priority() > selected.priority()
                    || Priorities.networkIndex(pair.local().priority()) != network) {
                continue;
            }
            if (pair.state() == PairState.SUCCEEDED) {
                pair.timedOut = true;
            } else if (pair.state() != PairState.FAILED) {
                forgetTransactions(pair);
                pair.nominateNext = false;
                setPairState(pair, PairState.FAILED);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // libwebrtc's check loop (p2p_transport_channel.cc CheckAndPing, basic_ice_controller.cc
    // SelectConnectionToPing, FindNextPingableConnection)

    /** libwebrtc pings from one loop, started once there is something to ping, which then runs on by itself. */
    private void startCheckLoop() {
        if (inCheckLoopRun || pacerTimer != null && pacerTimer.isPending() || !checkLoopHasWork()) {
            return;
        }
        pacerTimer = scheduler.scheduleAt(scheduler.now(), this::checkLoopRun);
    }

    private boolean checkLoopHasWork() {
        return !closed && (selectedPair != null || nextCheckDue(current) != Long.MAX_VALUE);
    }

    /**
     * One run of the loop: the selected pair's state is brought up to date, then at most one ping
     * goes out, if the last one (of any pair) is far enough back: the selected pair's when it is
     * writable and past its own interval, else a triggered check, an unchecked pair, or the least
     * recently pinged pair still worth pinging ({@link #pacerStep}). The loop runs again after the
     * shorter of the ping spacing and the strong check interval, on the stack's timer grid.
     */
    private void checkLoopRun() {
        pacerTimer = null;
        inCheckLoopRun = true;
        long now = scheduler.now();
        Generation g = current;
        long spacing;
        try {
            pruneBehindSelected(g);
            monitor.loopRun();
            spacing = checkLoopPingSpacing(g, now);
            boolean sent = false;
            boolean spaced = lastPacedCheckAt == Long.MIN_VALUE || now >= lastPacedCheckAt + spacing;
            if (spaced && hostPacing.earliest(now) <= now && !closed) {
                if (monitor.pingDue(now)) {
                    monitor.ping();
                    sent = true;
                } else {
                    sent = pacerStep(g);
                }
            }
            afterPacedStep(g, now, sent);
        } finally {
            inCheckLoopRun = false;
        }
        if (pacerTimer == null && checkLoopHasWork()) {
            long delay = loopDelay(Math.min(spacing, profile.strongCheckInterval()));
            pacerTimer = scheduler.scheduleAt(now + delay, this::checkLoopRun);
        }
    }

    /**
     * The weak ping interval while the channel is weak or a pair has not had its first pings yet
     * (kMinPingsAtWeakPingInterval), the strong one otherwise.
     */
    private long checkLoopPingSpacing(Generation g, long now) {
        boolean firstPingsOwed = selectedPair != null && !selectedPair.timedOut
                && selectedPair.pingsSent < profile.weakPingsFirst();
        for (CandidatePair pair : g.checkList.pairs) {
            firstPingsOwed |= pair.state() != PairState.FAILED && !pair.timedOut && pair.validPair == null
                    && pair.pingsSent < profile.weakPingsFirst();
        }
        return monitor.weak(now) || firstPingsOwed ? profile.weakPingInterval() : profile.strongPingInterval();
    }

    /**
     * How long after a run the loop's next run comes: a task posted with {@code delay} just after a
     * tick of the stack's timer grid runs at the first tick after the delay has passed.
     */
    private long loopDelay(long delay) {
        long tick = profile.timerAlignment();
        return tick == 0 ? delay : (delay / tick + 1) * tick;
    }

    private void pacerTick() {
        pacerTimer = null;
        long now = scheduler.now();
        if (hostPacing.earliest(now) > now) {
            // Another agent of this host sent a check less than 5 ms ago (RFC 8445 §14.2).
            pacerTimer = scheduler.scheduleAt(hostPacing.earliest(now), this::pacerTick);
            return;
        }
        Generation g = current;
        pruneBehindSelected(g);
        boolean sent = profile.pingAllPairsEachTick() ? pingAll(g) : pacerStep(g);
        afterPacedStep(g, now, sent);
        kickPacer();
    }

    /** After a pacer tick or a run of the check loop: what was sent paces the next, and the states follow. */
    private void afterPacedStep(Generation g, long now, boolean sent) {
        if (sent) {
            lastPacedCheckAt = now;
            hostPacing.sent(now);
        }
        evaluateFailure(g);
        maybeNominate(g);
        updateTransportState();
    }

    /** One Ta tick (RFC 8445 §6.1.4.2): a triggered check first, else the best Waiting pair. */
    private boolean pacerStep(Generation g) {
        if (g.remoteKey == null) {
            return false;
        }
        CheckList list = g.checkList;
        if (profile.checkMode() == CheckMode.REPEATED_PINGS) {
            failUnansweredPairs(g);
        }
        // Step 1: the triggered-check queue.
        while (!list.triggered.isEmpty()) {
            CandidatePair pair = list.triggered.pollFirst();
            pair.queued = false;
            if (triggeredCheckStillWanted(pair)) {
                sendCheck(g, pair, CheckKind.TRIGGERED);
                return true;
            }
        }
        if (list.state != CheckListState.RUNNING) {
            return false;
        }
        // Step 2: no Waiting pair: unfreeze one pair per foundation with nothing Waiting or In-Progress.
        if (list.count(PairState.WAITING) == 0) {
            unfreezeIdleFoundations(list);
        }
        // Step 3: the highest-priority Waiting pair.
        CandidatePair waiting = list.firstWaiting();
        if (waiting != null) {
            sendCheck(g, waiting, CheckKind.ORDINARY);
            return true;
        }
        // libwebrtc: with nothing new to check, re-ping the least recently pinged unanswered pair.
        if (profile.checkMode() == CheckMode.REPEATED_PINGS) {
            CandidatePair stalest = null;
            long now = scheduler.now();
            for (CandidatePair pair : list.pairs) {
                boolean due = repingable(g, pair) || isBackup(g, pair) && backupPingDue(pair) <= now;
                if (due && (stalest == null || pair.lastPingSentAt < stalest.lastPingSentAt)) {
                    stalest = pair;
                }
            }
            // a weak channel pings every connection, the selected one among them (IsPingable)
            CandidatePair selected = selectedGeneration == g ? selectedPair : null;
            if (selected != null && monitor.weak(now)
                    && (stalest == null || selected.lastPingSentAt < stalest.lastPingSentAt)) {
                monitor.ping();
                return true;
            }
            if (stalest != null) {
                sendCheck(g, stalest, CheckKind.ORDINARY);
                return true;
            }
        }
        return false;
    }

    /** pion: at every tick every unfinished pair is pinged (pingAllCandidates). */
    private boolean pingAll(Generation g) {
        if (g.remoteKey == null) {
            return false;
        }
        failUnansweredPairs(g);
        CheckList list = g.checkList;
        boolean sent = false;
        while (!list.triggered.isEmpty()) {
            CandidatePair pair = list.triggered.pollFirst();
            pair.queued = false;
            if (triggeredCheckStillWanted(pair)) {
                sendCheck(g, pair, CheckKind.TRIGGERED);
                sent = true;
            }
        }
        if (list.state != CheckListState.RUNNING) {
            return sent;
        }
        for (CandidatePair pair : new ArrayList<>(list.pairs)) {
            if (pair.state() == PairState.WAITING || pair.state() == PairState.FROZEN || repingable(g, pair)) {
                if (pair.lastPingSentAt != scheduler.now()) {
                    sendCheck(g, pair, CheckKind.ORDINARY);
                    sent = true;
                }
            }
        }
        return sent;
    }

    /**
     * In REPEATED_PINGS mode, an unanswered pair, or the pair whose nomination is unanswered, is
     * pinged again. The nominating pair is pinged until the nomination itself is answered, even
     * when an earlier ordinary ping of it was answered meanwhile: {@link #nextCheckDue} counts a
     * pending nomination as work due now, so a pacer that then found nothing to send would tick
     * again at the same instant forever.
     */
    private static boolean repingable(Generation g, CandidatePair pair) {
        return pair.state() == PairState.IN_PROGRESS || nominatingGenerator(g) == pair;
    }

    /** The check-list pair whose check is re-sent with USE-CANDIDATE to nominate, or null. */
    private static CandidatePair nominatingGenerator(Generation g) {
        if (g.nominating == null) {
            return null;
        }
        return g.nominating.generator != null ? g.nominating.generator : g.nominating;
    }

    private boolean triggeredCheckStillWanted(CandidatePair pair) {
        if (pair.nominateNext) {
            return true;
        }
        return pair.inCheckList && pair.state() != PairState.SUCCEEDED && pair.state() != PairState.FAILED;
    }

    private void unfreezeIdleFoundations(CheckList list) {
        for (CandidatePair pair : list.pairs) {
            if (pair.state() == PairState.FROZEN && !list.foundationActive(pair.foundation())) {
                setPairState(pair, PairState.WAITING);
            }
        }
    }

    private static boolean canUnfreeze(CheckList list) {
        for (CandidatePair pair : list.pairs) {
            if (pair.state() == PairState.FROZEN && !list.foundationActive(pair.foundation())) {
                return true;
            }
        }
        return false;
    }

    /** REPEATED_PINGS mode: a pair with too many or too old unanswered pings fails. */
    private void failUnansweredPairs(Generation g) {
        long now = scheduler.now();
        // Failing a pair changes states, not the list, and sends nothing: no copy needed.
        for (CandidatePair pair : g.checkList.pairs) {
            boolean nominationPending = nominatingGenerator(g) == pair;
            boolean backup = isBackup(g, pair);
            if (pair.state() != PairState.IN_PROGRESS && !nominationPending && !backup) {
                continue;
            }
            if (backup) {
                if (now >= pair.deadAt(profile)) {
                    // libwebrtc destroys a dead connection: no longer a pair to fail over to.
                    forgetTransactions(pair);
                    invalidate(g, pair.validPair != null ? pair.validPair : pair);
                    setPairState(pair, PairState.FAILED);
                } else if (pair.inactive(now, profile)) {
                    // Timed out: no longer active, still pinged in case it answers again.
                    pair.timedOut = true;
                }
                continue;
            }
            boolean tooMany = profile.maxUnansweredPings() > 0 && pair.unansweredPings >= profile.maxUnansweredPings();
            boolean tooOld = profile.inactiveTimeout() > 0 && pair.firstUnansweredAt >= 0
                    && now - pair.firstUnansweredAt >= profile.inactiveTimeout();
            if (tooMany || tooOld) {
                forgetTransactions(pair);
                checkFailed(g, pair, nominationPending);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Sending checks (RFC 8445 §7.2)

    private void sendCheck(Generation g, CandidatePair pair, CheckKind kind) {
        boolean useCandidate = role == IceRole.CONTROLLING
                && (profile.aggressiveNomination() || pair.nominateNext || nominatingGenerator(g) == pair
                        || semiAggressiveNominates(g, pair));
        pair.nominateNext = false;
        if (pair.state() != PairState.SUCCEEDED) {
            setPairState(pair, PairState.IN_PROGRESS);
        }
        StunMessage request = checkRequest(g, pair, useCandidate);
        long rto = profile.checkMode() == CheckMode.RETRANSMIT ? checkRto(g) : 0;
        CheckTransaction tx = new CheckTransaction(g, pair, request, Purpose.CHECK, useCandidate, role, rto);
        open(tx);
        transmit(tx, kind);
    }

    /**
     * RFC 8445 §14.3: {@code RTO = max(500 ms, Ta · N · (Num-Waiting + Num-In-Progress))}, N being
     * "the total number of connectivity checks to be performed": one per pair of the check list
     * (one data stream, one component here). Recomputed for every transaction. The profile's
     * floor replaces 500 ms for implementations that use less, and those that leave N out
     * (nICEr) use {@code Ta · (Num-Waiting + Num-In-Progress)}.
     */
    private long checkRto(Generation g) {
        long active = g.checkList.count(PairState.WAITING) + g.checkList.count(PairState.IN_PROGRESS);
        long checks = profile.checkRtoCountsChecks() ? g.checkList.pairs.size() : 1;
        return Math.max(profile.checkRtoFloor(), profile.checkInterval() * checks * active);
    }

    /**
     * A Binding request with USERNAME, PRIORITY, ICE-CONTROLLING/ICE-CONTROLLED, optional
     * USE-CANDIDATE, MESSAGE-INTEGRITY with the peer's password and FINGERPRINT (RFC 8445 §7.1,
     * §7.2.2).
     */
    private StunMessage checkRequest(Generation g, CandidatePair pair, boolean useCandidate) {
        List<StunAttribute> attributes = new ArrayList<>(6);
        attributes.add(g.checkUsername);
        // RFC 8445 §7.1.1: the priority a prflx candidate learnt from this check would have.
        attributes.add(new Priority(Candidates.checkPriority(pair.local(), preferences)));
        attributes.add(role == IceRole.CONTROLLING ? new IceControlling(tieBreaker) : new IceControlled(tieBreaker));
        if (useCandidate) {
            // RFC 8445 §7.1.2: only the controlling agent nominates.
            attributes.add(UseCandidate.INSTANCE);
        }
        attributes.add(g.checkIntegrity);
        attributes.add(Fingerprint.INSTANCE);
        return StunMessage.request(StunMethod.BINDING, TransactionId.random(random), attributes);
    }

    private void open(CheckTransaction tx) {
        transactions.put(tx.request.transactionId(), tx);
        tx.pair.outstanding.add(tx);
    }

    /** Sends (or re-sends) {@code tx}, after the TURN permission for a relayed base is in place (RFC 8445 §7.2.1). */
    private void transmit(CheckTransaction tx, CheckKind kind) {
        CandidatePair pair = tx.pair;
        pair.pinged(scheduler.now());
        if (pair.local().type() == CandidateType.RELAYED) {
            RelayPermission permission = new RelayPermission(pair.local().base(), pair.remote().address().ip());
            if (!relayPermissions.contains(permission)) {
                io.prepareRelay(permission.base(), permission.peer(), () -> {
                    relayPermissions.add(permission);
                    if (!closed && transactions.get(tx.request.transactionId()) == tx) {
                        transmitNow(tx, kind);
                    }
                });
                return;
            }
        }
        transmitNow(tx, kind);
    }

    private void transmitNow(CheckTransaction tx, CheckKind kind) {
        tx.transmissions++;
        tx.lastSentAt = scheduler.now();
        CandidatePair pair = tx.pair;
        io.send(pair.local().base(), pair.remote().address(), tx.request);
        checksSent++;
        listener.onEvent(new IceEvent.CheckSent(scheduler.now(), pair, tx.request, kind, tx.transmissions > 1));
        if (tx.purpose == Purpose.CHECK && profile.checkMode() == CheckMode.RETRANSMIT) {
            scheduleRetransmission(tx, kind);
        }
    }

    /**
     * RFC 8489 §6.2.1: the k-th send is followed by the next after RTO·2^(k−1); after the Rc-th
     * send the transaction waits Rm·RTO and then times out (0, 0.5, 1.5, ... 31.5 s; 39.5 s). A
     * profile may grow the waits otherwise ({@link IceProfile#checkSchedule}).
     */
    private void scheduleRetransmission(CheckTransaction tx, CheckKind kind) {
        long wait = profile.checkSchedule(tx.rto).waitAfter(tx.transmissions - 1, tx.rto);
        if (tx.transmissions < profile.checkTransmissions()) {
            tx.timer = scheduler.schedule(wait, () -> {
                if (transactions.get(tx.request.transactionId()) == tx && !tx.cancelled) {
                    tx.pair.lastSentAt = scheduler.now();
                    transmitNow(tx, kind);
                }
            });
        } else {
            tx.timer = scheduler.schedule(wait, () -> transactionTimedOut(tx));
        }
    }

    /** The remaining time until {@code tx} would time out if it kept retransmitting. */
    private long remainingLifetime(CheckTransaction tx) {
        StunTransactionConfig schedule = profile.checkSchedule(tx.rto);
        long left = 0;
        for (int index = tx.transmissions - 1; index < profile.checkTransmissions(); index++) {
            left += schedule.waitAfter(index, tx.rto);
        }
        return left;
    }

    /**
     * Stops retransmitting {@code tx} without failing the pair on silence; a response arriving
     * within the transaction's lifetime is still processed (RFC 8445 §7.3.1.4, §8.1.2).
     */
    private void cancelTransaction(CheckTransaction tx) {
        if (tx.cancelled) {
            return;
        }
        tx.cancelled = true;
        cancel(tx.timer);
        if (profile.checkMode() == CheckMode.RETRANSMIT && tx.transmissions > 0) {
            tx.timer = scheduler.schedule(remainingLifetime(tx), () -> close(tx));
        }
    }

    private void transactionTimedOut(CheckTransaction tx) {
        if (transactions.get(tx.request.transactionId()) != tx) {
            return;
        }
        close(tx);
        if (tx.cancelled || tx.purpose != Purpose.CHECK || tx.generation.discarded) {
            return;
        }
        // RFC 8445 §7.2.5.2.3: no response after the full schedule: the pair fails.
        checkFailed(tx.generation, tx.pair, tx.useCandidate);
        afterCheckListChange(tx.generation);
    }

    private void close(CheckTransaction tx) {
        tx.pair.outstanding.remove(tx);
        release(tx);
    }

    private void forgetTransactions(CandidatePair pair) {
        // All of them go: release each, then empty the list once rather than search it per one.
        for (CheckTransaction tx : pair.outstanding) {
            release(tx);
        }
        pair.outstanding.clear();
    }

    /** Stops matching responses to {@code tx} and its retransmissions; the caller unlists it from its pair. */
    private void release(CheckTransaction tx) {
        transactions.remove(tx.request.transactionId());
        cancel(tx.timer);
    }

    // ------------------------------------------------------------------------------------------
    // Responses (RFC 8445 §7.2.5)

    private void handleResponse(TransportAddress localBase, TransportAddress source, StunMessage response) {
        CheckTransaction tx = transactions.get(response.transactionId());
        if (tx == null) {
            return;
        }
        Generation g = tx.generation;
        boolean success = response.stunClass() == StunClass.SUCCESS_RESPONSE;
        ErrorCode error = success ? null : response.attribute(ErrorCode.class).orElse(null);
        boolean roleConflict = error != null && error.code() == ErrorCode.ROLE_CONFLICT.code();
        if ((success || roleConflict) && !integrityMatches(response, g.remoteKey)) {
            // RFC 8489 §9.1.4: a response whose integrity check fails is discarded.
            return;
        }
        close(tx);
        CandidatePair pair = tx.pair;
        if (success && tx.lastSentAt >= 0) {
            // the valid pair, once there is one, is the connection whose RTT libwebrtc measures
            CandidatePair measured = pair.validPair != null ? pair.validPair : pair;
            measured.rttSample(scheduler.now() - tx.lastSentAt);
        }
        if (tx.purpose == Purpose.LIVENESS) {
            if (success) {
                livenessAnswered(pair, tx.lastSentAt);
            }
            return;
        }
        // RFC 8445 §7.2.5.2.1: the response must come from where the request went, to where it came from.
        if (!pair.local().base().equals(localBase) || !pair.remote().address().equals(source)) {
            checkFailed(g, pair, tx.useCandidate);
            afterCheckListChange(g);
            return;
        }
        pair.answered(scheduler.now());
        if (pair == selectedPair) {
            noteReceived(localBase, source);
        }
        if (roleConflict) {
            roleConflictResponse(g, pair, tx);
        } else if (success) {
            checkSucceeded(g, pair, tx, response);
        } else {
            // RFC 8445 §7.2.5.2.4: an unrecoverable error fails the pair.
            checkFailed(g, pair, tx.useCandidate);
        }
        afterCheckListChange(g);
    }

    /**
     * RFC 8445 §7.2.5.1: a 487 means the roles clash: switch to the opposite of the role the
     * request claimed, draw a new tie-breaker, and retry the pair as a triggered check.
     */
    private void roleConflictResponse(Generation g, CandidatePair pair, CheckTransaction tx) {
        if (tx.roleSent == role) {
            switchRole(role.opposite());
            tieBreaker = random.nextLong();
        }
        if (pair.inCheckList) {
            setPairState(pair, PairState.WAITING);
            pair.nominateNext = tx.useCandidate && role == IceRole.CONTROLLING;
            g.checkList.enqueueTriggered(pair);
        }
    }

    /** RFC 8445 §7.2.5.3: discovering a prflx candidate, the valid pair, unfreezing and nomination. */
    private void checkSucceeded(Generation g, CandidatePair pair, CheckTransaction tx, StunMessage response) {
        XorMappedAddress mapped = response.attribute(XorMappedAddress.class).orElse(null);
        if (mapped == null) {
            checkFailed(g, pair, tx.useCandidate);
            return;
        }
        long now = scheduler.now();
        // §7.2.5.3.1: an unknown mapped address is a new local peer-reflexive candidate, not paired.
        Candidate local = g.localByAddress(mapped.address());
        if (local == null) {
            long priority = tx.request.attribute(Priority.class).orElseThrow().priority();
            local = Candidates.localPeerReflexive(mapped.address(), pair.local().base(), priority);
            g.localCandidates.add(local);
            listener.onEvent(new IceEvent.PeerReflexiveLearnt(now, local, true));
        }
        // §7.2.5.3.2: the valid pair is (mapped candidate, remote candidate of the request).
        CandidatePair valid;
        if (local.equals(pair.local())) {
            valid = pair;
        } else if (pair.validPair != null && pair.validPair.local().equals(local)) {
            valid = pair.validPair;
        } else {
            valid = new CandidatePair(local, pair.remote(), pairPriority(local, pair.remote()));
            valid.continuePingRecordOf(pair);
        }
        valid.generator = pair;
        pair.validPair = valid;
        // §7.2.5.3.3: the pair and its valid pair succeed; Frozen pairs of the foundation wake.
        setPairState(pair, PairState.SUCCEEDED);
        if (valid != pair) {
            valid.setState(PairState.SUCCEEDED);
        }
        if (!valid.isValid()) {
            valid.setValid(true);
            g.checkList.valid.add(valid);
            if (g.firstValidAt < 0) {
                g.firstValidAt = now;
            }
        }
        for (CandidatePair other : g.checkList.pairs) {
            if (other.state() == PairState.FROZEN && other.foundation().equals(pair.foundation())) {
                setPairState(other, PairState.WAITING);
            }
        }
        // §7.2.5.3.4: the controlling agent's USE-CANDIDATE check, or the controlled agent's
        // triggered check caused by one, nominates the valid pair.
        if (tx.useCandidate) {
            nominated(g, valid);
        } else if (role == IceRole.CONTROLLED && pair.nominateOnSuccess) {
            pair.nominateOnSuccess = false;
            nominated(g, valid);
        } else if (role == IceRole.CONTROLLED && profile.semiAggressiveNomination()
                && (g.selected == null && outranksPreviousGeneration(g, valid) || selectedUnwritable(g))) {
            // libwebrtc (basic_ice_controller.cc CompareConnections, ShouldSwitchConnection): a writable
            // connection ranks ahead of a nominated one, so the controlled side selects its first itself.
            select(g, valid);
        }
    }

    /** A check failed (RFC 8445 §7.2.5.2); a failed nomination also fails the check list (§7.2.5.3.4). */
    private void checkFailed(Generation g, CandidatePair pair, boolean nominating) {
        if (!nominating && pair.state() == PairState.SUCCEEDED) {
            // Another transaction already proved the pair; a redundant one failing changes nothing
            // (RFC 8445 figure 6 has no way from Succeeded to Failed but a failed nomination).
            return;
        }
        setPairState(pair, PairState.FAILED);
        pair.nominateNext = false;
        if (nominating) {
            CandidatePair valid = pair.validPair != null ? pair.validPair : pair;
            invalidate(g, valid);
            if (g.nominating == valid) {
                g.nominating = null;
            }
            if (!profile.backupPairs()) {
                g.checkList.state = CheckListState.FAILED;
            }
        }
    }

    private static void invalidate(Generation g, CandidatePair valid) {
        valid.setValid(false);
        g.checkList.valid.remove(valid);
    }

    private static boolean integrityMatches(StunMessage message, StunKey expected) {
        // The model's MESSAGE-INTEGRITY names its key; equal keys are what a matching HMAC proves.
        MessageIntegrity integrity = message.attribute(MessageIntegrity.class).orElse(null);
        return integrity != null && expected != null && integrity.key().equals(expected);
    }

    // ------------------------------------------------------------------------------------------
    // Requests (RFC 8445 §7.3)

    private void handleRequest(TransportAddress localBase, TransportAddress source, StunMessage request) {
        Username username = request.attribute(Username.class).orElse(null);
        if (username == null || !request.hasAttribute(MessageIntegrity.class)) {
            // RFC 8489 §9.1.3: missing credentials: 400.
            io.send(localBase, source, request.respondError(List.of(ErrorCode.BAD_REQUEST, Fingerprint.INSTANCE)));
            return;
        }
        String name = username.value();
        int colon = name.indexOf(':');
        String localUfrag = colon < 0 ? name : name.substring(0, colon);
        Generation g = generationByUfrag(localUfrag);
        if (g == null || !integrityMatches(request, g.localKey)) {
            // RFC 8445 §7.3: the USERNAME must start with a current ufrag; RFC 8489 §9.1.3: else 401.
            io.send(localBase, source, request.respondError(List.of(ErrorCode.UNAUTHORIZED, Fingerprint.INSTANCE)));
            return;
        }
        if (g.localByBase(localBase) == null || candidatesFreed(g, localBase)) {
            return;
        }
        long priority = request.attribute(Priority.class).map(Priority::priority).orElse(0L);
        if (priority < 1 || priority > Priorities.MAX_CANDIDATE_PRIORITY) {
            // RFC 8445 §7.1.1: a check MUST carry PRIORITY, a candidate priority (§5.1.2); without
            // it the request is malformed and answered 400 (RFC 8489 §6.3.1.1), as libwebrtc does
            // (p2p_transport_channel.cc OnUnknownAddress), before it can change the role.
            io.send(localBase, source, request.respondError(List.of(ErrorCode.BAD_REQUEST, g.answerIntegrity,
                    Fingerprint.INSTANCE)));
            return;
        }
        // RFC 8445 §7.3.1.1: role conflicts.
        IceControlling controlling = request.attribute(IceControlling.class).orElse(null);
        IceControlled controlled = request.attribute(IceControlled.class).orElse(null);
        if (role == IceRole.CONTROLLING && controlling != null) {
            if (Long.compareUnsigned(tieBreaker, controlling.tieBreaker()) >= 0) {
                respondRoleConflict(g, localBase, source, request);
                return;
            }
            switchRole(IceRole.CONTROLLED);
        } else if (role == IceRole.CONTROLLED && controlled != null) {
            if (Long.compareUnsigned(tieBreaker, controlled.tieBreaker()) >= 0) {
                switchRole(IceRole.CONTROLLING);
            } else {
                respondRoleConflict(g, localBase, source, request);
                return;
            }
        }
        // RFC 8445 §7.3.1.2: answer with the source as seen here.
        io.send(localBase, source, request.respondSuccess(List.of(new XorMappedAddress(source), g.answerIntegrity,
                Fingerprint.INSTANCE)));
        noteReceived(localBase, source);
        boolean useCandidate = request.hasAttribute(UseCandidate.class);
        if (lite) {
            liteRequest(g, localBase, source, priority, useCandidate);
            return;
        }
        if (g != current) {
            // The previous generation is answered but generates nothing new (RFC 8445 §9).
            return;
        }
        if (g.remoteCredentials == null) {
            // RFC 8445 §7.3: early check; the rest waits for the peer's credentials.
            g.earlyChecks.add(new Generation.EarlyCheck(localBase, source, priority, useCandidate));
            return;
        }
        processRequestAfterAnswer(g, localBase, source, priority, useCandidate);
        afterCheckListChange(g);
    }

    private void respondRoleConflict(Generation g, TransportAddress localBase, TransportAddress source,
            StunMessage request) {
        io.send(localBase, source, request.respondError(List.of(ErrorCode.ROLE_CONFLICT, g.answerIntegrity,
                Fingerprint.INSTANCE)));
    }

    /** RFC 8445 §7.3.1.3-§7.3.1.5: peer-reflexive remote candidate, triggered check, nomination. */
    private void processRequestAfterAnswer(Generation g, TransportAddress localBase, TransportAddress source,
            long priority, boolean useCandidate) {
        Candidate local = g.localByBase(localBase);
        if (local == null) {
            return;
        }
        Candidate remote = g.remoteByAddress(source);
        if (remote == null) {
            // §7.3.1.3: a new remote prflx candidate, its priority from PRIORITY, not paired with every local one.
            remote = Candidate.remote(CandidateType.PEER_REFLEXIVE, source, priority,
                    "rp" + g.remotePeerReflexiveCount++);
            g.remoteCandidates.add(remote);
            listener.onEvent(new IceEvent.PeerReflexiveLearnt(scheduler.now(), remote, false));
        }
        CandidatePair pair = g.checkList.find(localBase, source);
        if (pair != null) {
            // A check from the peer is a sign of life of the pair (libwebrtc connection.cc ReceivedPing).
            pair.lastReceivedAt = scheduler.now();
        }
        if (g.checkList.state == CheckListState.FAILED) {
            // A failed check list is answered but revived only by an ICE restart.
            return;
        }
        // §7.3.1.4: the triggered check. After completion too (§8.1.2: requests are still answered,
        // and only a Succeeded pair generates no triggered check; §8.3.1: a local candidate stops
        // answering and triggering only once it is freed, 3 s after completion, unless selected).
        if (pair == null) {
            pair = new CandidatePair(local, remote, pairPriority(local, remote));
            insertPair(g, pair);
            if (!pair.inCheckList) {
                return;
            }
            setPairState(pair, PairState.WAITING);
            g.checkList.enqueueTriggered(pair);
        } else {
            switch (pair.state()) {
                case SUCCEEDED -> {
                }
                case IN_PROGRESS -> {
                    for (CheckTransaction tx : pair.outstanding) {
                        cancelTransaction(tx);
                    }
                    setPairState(pair, PairState.WAITING);
                    g.checkList.enqueueTriggered(pair);
                }
                case WAITING, FROZEN, FAILED -> {
                    setPairState(pair, PairState.WAITING);
                    g.checkList.enqueueTriggered(pair);
                }
            }
        }
        // §7.3.1.5: nomination on the controlled side.
        if (useCandidate && role == IceRole.CONTROLLED) {
            if (pair.state() == PairState.SUCCEEDED) {
                nominated(g, pair.validPair != null ? pair.validPair : pair);
            } else {
                pair.nominateOnSuccess = true;
            }
        }
    }

    /** RFC 8445 §7.3.2: a lite agent nominates the pair a USE-CANDIDATE request arrived on. */
    private void liteRequest(Generation g, TransportAddress localBase, TransportAddress source, long priority,
            boolean useCandidate) {
        if (!useCandidate || g != current) {
            return;
        }
        Candidate local = g.localByBase(localBase);
        Candidate remote = g.remoteByAddress(source);
        if (remote == null) {
            remote = Candidate.remote(CandidateType.PEER_REFLEXIVE, source, priority, "rp" + g.remotePeerReflexiveCount++);
            g.remoteCandidates.add(remote);
        }
        CandidatePair pair = null;
        for (CandidatePair valid : g.checkList.valid) {
            if (valid.matches(localBase, source)) {
                pair = valid;
            }
        }
        if (pair == null) {
            pair = new CandidatePair(local, remote, pairPriority(local, remote));
            pair.setState(PairState.SUCCEEDED);
            pair.setValid(true);
            g.checkList.valid.add(pair);
        }
        nominated(g, pair);
        updateTransportState();
    }

    private Generation generationByUfrag(String ufrag) {
        if (current.localCredentials.ufrag().equals(ufrag)) {
            return current;
        }
        if (previous != null && previous.localCredentials.ufrag().equals(ufrag)) {
            return previous;
        }
        return null;
    }

    /** RFC 8445 §8.3.1: 3 s after completion, candidates other than the selected pair's stop answering. */
    private boolean candidatesFreed(Generation g, TransportAddress localBase) {
        return g.completedAt >= 0 && g.selected != null && !g.selected.local().base().equals(localBase)
                && scheduler.now() >= g.completedAt + profile.freeCandidatesDelay();
    }

    // ------------------------------------------------------------------------------------------
    // Roles (RFC 8445 §7.2.5.1, §7.3.1.1)

    private void switchRole(IceRole newRole) {
        IceRole old = role;
        role = newRole;
        // RFC 8445 §7.2.5.1, §7.3.1.1: pair priorities follow the role.
        for (Generation g : liveGenerations()) {
            for (CandidatePair pair : allPairs(g)) {
                pair.setPriority(pairPriority(pair.local(), pair.remote()));
            }
            g.checkList.resort();
            if (newRole == IceRole.CONTROLLED) {
                // A controlled agent nominates nothing (RFC 8445 §7.1.2).
                cancel(g.nominationTimer);
                g.nominating = null;
            }
        }
        listener.onEvent(new IceEvent.RoleChanged(scheduler.now(), old, newRole));
    }

    // ------------------------------------------------------------------------------------------
    // Nomination and selection (RFC 8445 §8)

    /**
     * Regular nomination (RFC 8445 §8.1.1) by the controlling agent: once the best valid pair is
     * found by the profile's stopping rule, its generating check is re-sent with USE-CANDIDATE
     * through the triggered queue. One nomination per session.
     */
    private void maybeNominate(Generation g) {
        if (lite || closed || role != IceRole.CONTROLLING || g != current || g.nominating != null
                || g.checkList.state != CheckListState.RUNNING || g.remoteKey == null) {
            return;
        }
        if (g.selected != null) {
            maybeSwitch(g);
            return;
        }
        if (profile.aggressiveNomination()) {
            // Every check already nominates; there is no separate nominating check to send.
            return;
        }
        CandidatePair best = bestNominee(g);
        if (best == null) {
            return;
        }
        long now = scheduler.now();
        // pion (selection.go controllingSelector isNominatable, Start): both candidates' waits must
        // have passed, counted from the selector's start: when checks begin, and again at Restart.
        long clock = g.number > 0 ? g.createdAt : g.checksStartedAt;
        long wait = Math.max(profile.acceptanceWait(best.local().type()), profile.acceptanceWait(best.remote().type()));
        long acceptAt = clock + wait;
        long readyAt = g.checkList.betterPairPending(best.priority())
                ? Math.max(acceptAt, g.firstValidAt + profile.nominationSettleTime())
                : acceptAt;
        if (now >= readyAt) {
            cancel(g.nominationTimer);
            nominate(g, best);
        } else if (g.nominationTimer == null || !g.nominationTimer.isPending() || g.nominationTimer.time() != readyAt) {
            cancel(g.nominationTimer);
            g.nominationTimer = scheduler.scheduleAt(readyAt, () -> {
                maybeNominate(g);
                updateTransportState();
            });
        }
    }

    /**
     * libwebrtc semi-aggressive nomination (basic_ice_controller.cc GetUseCandidateAttr,
     * SEMI_AGGRESSIVE, remote full ICE): a check carries USE-CANDIDATE while no pair is selected
     * or the selected one is unwritable, and when its pair ranks above the selected one.
     */
    private boolean semiAggressiveNominates(Generation g, CandidatePair pair) {
        if (!profile.semiAggressiveNomination()) {
            return false;
        }
        CandidatePair selected = g.selected;
        return selected == null || selectedUnwritable(g) || pair.priority() > selected.priority();
    }

    private boolean selectedUnwritable(Generation g) {
        return g.selected != null && (g.selected.timedOut || monitor.disconnected() && selectedPair == g.selected);
    }

    private void nominate(Generation g, CandidatePair valid) {
        g.nominating = valid;
        CandidatePair generator = nominatingGenerator(g);
        generator.nominateNext = true;
        g.checkList.enqueueTriggered(generator);
        kickPacer();
    }

    /**
     * libwebrtc with a pair selected: nominate the best writable other pair when it has a higher
     * priority, or when the selected pair turned unwritable (basic_ice_controller.cc
     * ShouldSwitchSelectedConnection).
     */
    private void maybeSwitch(Generation g) {
        if (!profile.backupPairs()) {
            return;
        }
        CandidatePair best = bestNominee(g);
        boolean selectedDown = monitor.disconnected() && selectedPair == g.selected;
        if (best != null && (selectedDown || best.priority() > g.selected.priority())) {
            nominate(g, best);
        }
    }

    /** The highest-priority valid pair other than the selected one; with backups, only a writable, active one. */
    private CandidatePair bestNominee(Generation g) {
        CandidatePair best = null;
        for (CandidatePair valid : g.checkList.valid) {
            CandidatePair generator = valid.generator != null ? valid.generator : valid;
            boolean usable = valid != g.selected
                    && (!profile.backupPairs() || generator.unansweredPings == 0 && !generator.timedOut);
            if (usable && (best == null || valid.priority() > best.priority())) {
                best = valid;
            }
        }
        return best;
    }

    /** A valid pair got nominated (RFC 8445 §7.2.5.3.4, §7.3.1.5). */
    private void nominated(Generation g, CandidatePair valid) {
        valid.setNominated(true);
        if (g.nominating == valid) {
            g.nominating = null;
        }
        // RFC 8445 §8.1.1: with several nominations (RFC 5245 peers) the highest-priority one is
        // used. libwebrtc's controlling side nominates only the connection it switches to, so it
        // follows its latest nomination; its controlled side switches only to a better-ranked one.
        if (g.selected != null && g.selected != valid) {
            boolean keep = !profile.backupPairs() ? g.selected.priority() >= valid.priority()
                    : role == IceRole.CONTROLLED && !controlledRanksAbove(valid, g.selected);
            if (keep) {
                return;
            }
        }
        select(g, valid);
    }

    /**
     * libwebrtc's controlled side on a nomination (p2p_transport_channel.cc OnNominated,
     * MaybeSwitchSelectedConnection; basic_ice_controller.cc ShouldSwitchConnection): it switches
     * only to a writable connection that CompareConnections ranks above the selected one. The
     * ranking (basic_ice_controller.cc CompareConnectionStates, CompareConnections): writable
     * first, then receiving; then, on the controlled side, nominated by the peer (connection.cc
     * remote_nomination: a USE-CANDIDATE counts as nomination 1, so every pair an aggressive peer
     * checked ties here), then data received more recently (connection.cc last_data_received),
     * then the pair priority (CompareConnectionCandidates). Not modelled: the network-cost step
     * of CompareConnectionCandidates (one cost for every interface here), and the
     * receiving_switching_delay that postpones a switch decided by receiving alone.
     */
    private boolean controlledRanksAbove(CandidatePair nominee, CandidatePair selected) {
        long now = scheduler.now();
        boolean nomineeWritable = writable(nominee, now);
        if (!nomineeWritable) {
            return false;
        }
        if (!writable(selected, now)) {
            return true;
        }
        boolean nomineeReceiving = receiving(nominee, now);
        if (nomineeReceiving != receiving(selected, now)) {
            return nomineeReceiving;
        }
        if (nominee.isNominated() != selected.isNominated()) {
            return nominee.isNominated();
        }
        if (nominee.lastDataReceivedAt != selected.lastDataReceivedAt) {
            return nominee.lastDataReceivedAt > selected.lastDataReceivedAt;
        }
        return nominee.priority() > selected.priority();
    }

    /**
     * During a restart libwebrtc keeps the previous generation's connections in the same ranking
     * (p2p_transport_channel.cc SortConnectionsAndUpdateState over all connections), so a new
     * generation's first writable connection replaces the pair still in use only when it ranks
     * above it (nominated, with data, it usually does not until the peer nominates).
     */
    private boolean outranksPreviousGeneration(Generation g, CandidatePair valid) {
        return selectedPair == null || selectedGeneration == g || controlledRanksAbove(valid, selectedPair);
    }

    /** libwebrtc connection.cc writable(): neither the valid pair nor the pair checked for it went unwritable or timed out. */
    private boolean writable(CandidatePair valid, long now) {
        CandidatePair generator = valid.generator != null ? valid.generator : valid;
        boolean selectedDown = valid == selectedPair && monitor.disconnected();
        return !selectedDown && !valid.timedOut && !generator.timedOut
                && !valid.unwritable(now, profile) && !generator.unwritable(now, profile);
    }

    /** libwebrtc connection.cc receiving: something arrived on the pair within the receiving timeout. */
    private boolean receiving(CandidatePair valid, long now) {
        CandidatePair generator = valid.generator != null ? valid.generator : valid;
        long last = Math.max(valid.lastReceivedAt, generator.lastReceivedAt);
        return last >= 0 && now - last < profile.receivingTimeout();
    }

    /** {@code valid} becomes the selected pair of {@code g}, and the data path if {@code g} is current. */
    private void select(Generation g, CandidatePair valid) {
        g.selected = valid;
        g.lostSelection = false;
        if (g.checkList.state == CheckListState.RUNNING && !profile.backupPairs()) {
            completeCheckList(g);
        }
        if (g == current) {
            if (previous != null) {
                discard(previous);
                previous = null;
            }
            setSelected(valid, g);
        }
    }

    /**
     * RFC 8445 §8.1.2: with the component nominated, the other pairs leave the check list and the
     * triggered queue, In-Progress ones are cancelled (late answers still count), and the list is
     * Completed.
     */
    private void completeCheckList(Generation g) {
        CheckList list = g.checkList;
        for (CandidatePair pair : new ArrayList<>(list.pairs)) {
            PairState pairState = pair.state();
            if (pairState == PairState.FROZEN || pairState == PairState.WAITING) {
                list.remove(pair);
            } else if (pairState == PairState.IN_PROGRESS) {
                for (CheckTransaction tx : pair.outstanding) {
                    cancelTransaction(tx);
                }
                list.remove(pair);
            }
        }
        list.clearTriggered();
        list.state = CheckListState.COMPLETED;
        g.completedAt = scheduler.now();
        cancel(g.nominationTimer);
        cancel(g.failureTimer);
    }

    private void setSelected(CandidatePair pair, Generation g) {
        CandidatePair old = selectedPair;
        if (old == pair) {
            return;
        }
        selectedPair = pair;
        selectedGeneration = g;
        everSelected |= pair != null;
        monitor.stop();
        listener.onEvent(new IceEvent.SelectedPairChanged(scheduler.now(), old, pair));
        if (pair != null && !lite) {
            monitor.watch(pair);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Liveness after selection (see SelectedPairMonitor)

    /** How the monitor of the selected pair acts through this agent. */
    private final class MonitorActions implements SelectedPairMonitor.Actions {

        @Override
        public void sendRequest(CandidatePair pair) {
            Generation g = selectedGeneration;
            StunMessage request = checkRequest(g, pair, false);
            CheckTransaction tx = new CheckTransaction(g, pair, request, Purpose.LIVENESS, false, role, 0);
            open(tx);
            transmit(tx, CheckKind.LIVENESS);
        }

        /** RFC 8445 §11: a Binding indication carrying FINGERPRINT only. */
        @Override
        public void sendIndication(CandidatePair pair) {
            long now = scheduler.now();
            StunMessage indication = StunMessage.indication(StunMethod.BINDING, TransactionId.random(random),
                    List.of(Fingerprint.INSTANCE));
            io.send(pair.local().base(), pair.remote().address(), indication);
            checksSent++;
            pair.lastSentAt = now;
            listener.onEvent(new IceEvent.CheckSent(now, pair, indication, CheckKind.KEEPALIVE, false));
        }

        @Override
        public void lost(boolean fatal) {
            loseSelectedPair(fatal);
        }

        @Override
        public void evaluated() {
            if (closed) {
                return;
            }
            if (profile.backupPairs()) {
                // An unwritable selected pair is replaced; a weak one makes the backups pinged faster.
                pruneBehindSelected(current);
                maybeNominate(current);
                kickPacer();
            }
            updateTransportState();
        }
    }

    private void livenessAnswered(CandidatePair pair, long sentAt) {
        pair.answered(scheduler.now());
        // Earlier unanswered liveness checks are moot once a later one is answered; a later one
        // still in flight is answered in its turn and measures the RTT too (connection.cc
        // ReceivedPingResponse counts every answer).
        for (Iterator<CheckTransaction> it = pair.outstanding.iterator(); it.hasNext(); ) {
            CheckTransaction earlier = it.next();
            if (earlier.lastSentAt < sentAt) {
                release(earlier);
                it.remove();
            }
        }
        monitor.answered(pair);
        updateTransportState();
    }

    /** Something authenticated or data arrived from {@code source} on {@code localBase}. */
    private void noteReceived(TransportAddress localBase, TransportAddress source) {
        CandidatePair pair = selectedPair;
        if (pair != null && pair.matches(localBase, source)) {
            monitor.received(pair);
        }
    }

    /**
     * The selected pair is gone: consent expired, libwebrtc destroyed it as dead, pion's failed
     * timeout passed ({@code fatal}: the transport fails at once), or its interface vanished.
     */
    private void loseSelectedPair(boolean fatal) {
        CandidatePair lost = selectedPair;
        Generation g = selectedGeneration;
        forgetTransactions(lost);
        lost.setValid(false);
        g.checkList.valid.remove(lost);
        g.checkList.remove(lost);
        setPairState(lost, PairState.FAILED);
        if (lost.generator != null && lost.generator != lost) {
            setPairState(lost.generator, PairState.FAILED);
        }
        setSelected(null, null);
        g.selected = null;
        if (g == current) {
            g.lostSelection = true;
            if (fatal) {
                g.failed = true;
            }
            afterCheckListChange(g);
        } else {
            discard(g);
            previous = null;
        }
        updateTransportState();
    }

    // ------------------------------------------------------------------------------------------
    // States (RFC 8445 §6.1.3, RFC 8838, RFC 8863, W3C RTCIceTransportState)

    /**
     * "failed" once nothing is left to check or nominate, local gathering is complete and the
     * peer signalled end-of-candidates (RFC 8838 §8; W3C), the PAC timer ran out (RFC 8863) and
     * the profile's trickle grace period passed. Terminal until a restart. Not for
     * {@link Liveness#PINGS}, whose "failed" follows the pairs ({@link #noActivePair}).
     */
    private void evaluateFailure(Generation g) {
        if (closed || g.failed || g.selected != null || g.discarded || lite || profile.liveness() == Liveness.PINGS) {
            return;
        }
        boolean checked = g.checksStarted() && (profile.failedRequiresEndOfCandidates() || g.hadPairs);
        boolean concluded = g.lostSelection || g.checkList.state == CheckListState.FAILED
                || (!g.checkList.hasPendingPairs() && g.checkList.valid.isEmpty() && g.nominating == null);
        if (!checked || !concluded) {
            g.allConcludedAt = -1;
            cancel(g.failureTimer);
            return;
        }
        long now = scheduler.now();
        if (g.allConcludedAt < 0) {
            g.allConcludedAt = now;
        }
        if (profile.failedRequiresEndOfCandidates() && !(g.localGatheringComplete && g.remoteEndOfCandidates)) {
            return;
        }
        long started = g.checksStarted() ? g.checksStartedAt : g.createdAt;
        long pacAt = profile.pacTimeout() > 0 && !g.localCandidates.isEmpty() ? started + profile.pacTimeout() : now;
        long deadline = Math.max(Math.max(pacAt, g.allConcludedAt + profile.trickleGracePeriod()), now);
        if (g.lostSelection) {
            // PAC and grace cover the wait for a first connection, not the loss of one.
            deadline = now;
        }
        if (now >= deadline) {
            g.failed = true;
            g.checkList.state = CheckListState.FAILED;
            cancel(g.failureTimer);
        } else if (g.failureTimer == null || !g.failureTimer.isPending() || g.failureTimer.time() != deadline) {
            cancel(g.failureTimer);
            g.failureTimer = scheduler.scheduleAt(deadline, () -> {
                evaluateFailure(g);
                updateTransportState();
            });
        }
    }

    private void updateTransportState() {
        if (closed) {
            return;
        }
        if (profile.liveness() == Liveness.PINGS && noActivePair(current) && anyPairAlive(current)) {
            destroyAllTimedOut(current);
        }
        transition(computeTransportState());
    }

    /**
     * libwebrtc (p2p_transport_channel.cc UpdateState, HandleAllTimedOut): once every connection
     * has timed out, every one is destroyed, the selected one included. Nothing is pinged any
     * more, so a path that returns is not found again without an ICE restart (or new candidates).
     */
    private void destroyAllTimedOut(Generation g) {
        for (CandidatePair pair : g.checkList.pairs) {
            forgetTransactions(pair);
            pair.nominateNext = false;
            invalidate(g, pair.validPair != null ? pair.validPair : pair);
            if (pair.state() != PairState.FAILED) {
                setPairState(pair, PairState.FAILED);
            }
        }
        g.checkList.clearTriggered();
        g.nominating = null;
        if (selectedPair != null) {
            loseSelectedPair(false);
        } else {
            afterCheckListChange(g);
        }
    }

    /** Whether a pair of {@code g}, or the selected pair, is still kept (not yet destroyed). */
    private boolean anyPairAlive(Generation g) {
        if (selectedPair != null) {
            return true;
        }
        for (CandidatePair pair : g.checkList.pairs) {
            if (pair.state() != PairState.FAILED) {
                return true;
            }
        }
        return false;
    }

    private IceTransportState computeTransportState() {
        Generation g = current;
        if (g.failed || profile.liveness() == Liveness.PINGS && noActivePair(g)) {
            return IceTransportState.FAILED;
        }
        if (selectedPair != null) {
            if (monitor.disconnected()) {
                // W3C: a restart from "disconnected" shows "checking".
                return selectedGeneration == g ? IceTransportState.DISCONNECTED : IceTransportState.CHECKING;
            }
            boolean completed = profile.reportsCompleted() && selectedGeneration == g
                    && g.checkList.state == CheckListState.COMPLETED && g.localGatheringComplete && g.remoteEndOfCandidates;
            return completed ? IceTransportState.COMPLETED : IceTransportState.CONNECTED;
        }
        if (g.lostSelection) {
            return IceTransportState.DISCONNECTED;
        }
        if (g.number > 0 || g.remoteKey != null && (!g.remoteCandidates.isEmpty() || !g.checkList.pairs.isEmpty())) {
            return IceTransportState.CHECKING;
        }
        return IceTransportState.NEW;
    }

    /**
     * libwebrtc (p2p_transport_channel.cc ComputeIceTransportState): a transport that had
     * connections is "failed" while none of them is active, i.e. every pair failed or timed out
     * ({@link CandidatePair#timedOut}), the selected one included. Not terminal: a pair that
     * answers again, or a new pair, makes it active.
     */
    private boolean noActivePair(Generation g) {
        if (lite || !g.checksStarted() || !g.hadPairs) {
            return false;
        }
        CandidatePair selected = selectedPair;
        if (selected != null && !selected.timedOut) {
            return false;
        }
        for (CandidatePair pair : g.checkList.pairs) {
            // The generator of the selected pair lives on in the selected pair, pinged by the monitor.
            boolean carriedBySelected = selected != null && pair == selected.generator;
            if (pair.state() != PairState.FAILED && !pair.timedOut && !carriedBySelected) {
                return false;
            }
        }
        return true;
    }

    private void transition(IceTransportState to) {
        IceTransportState from = state;
        if (from == to) {
            return;
        }
        state = to;
        listener.onEvent(new IceEvent.TransportStateChanged(scheduler.now(), from, to));
    }

    // ------------------------------------------------------------------------------------------
    // Generations

    private void stopChecking(Generation g) {
        cancel(g.nominationTimer);
        cancel(g.failureTimer);
        for (CandidatePair pair : g.checkList.pairs) {
            if (pair != selectedPair) {
                forgetTransactions(pair);
            }
        }
        g.checkList.clearTriggered();
        g.nominating = null;
        // libwebrtc's check loop runs on across a restart (CheckAndPing posts its next run
        // unconditionally, and MaybeStartPinging starts it once per channel: p2p_transport_channel.cc),
        // so the new generation's first check waits for the loop's next run; a paced check list
        // (RFC 8445 §6.1.4.2) starts again with the new generation.
        if (profile.liveness() != Liveness.PINGS) {
            cancel(pacerTimer);
            pacerTimer = null;
        }
    }

    private void discard(Generation g) {
        if (g.discarded) {
            return;
        }
        g.discarded = true;
        cancel(g.nominationTimer);
        cancel(g.failureTimer);
        for (CandidatePair pair : allPairs(g)) {
            forgetTransactions(pair);
        }
        if (g.selected != null) {
            forgetTransactions(g.selected);
        }
    }

    private List<Generation> liveGenerations() {
        return previous == null ? List.of(current) : List.of(previous, current);
    }

    /** Check-list pairs and valid pairs not in the check list. */
    private static List<CandidatePair> allPairs(Generation g) {
        List<CandidatePair> pairs = new ArrayList<>(g.checkList.pairs);
        for (CandidatePair valid : g.checkList.valid) {
            if (!valid.inCheckList) {
                pairs.add(valid);
            }
        }
        return pairs;
    }

    private void setPairState(CandidatePair pair, PairState to) {
        PairState from = pair.state();
        if (from == to) {
            return;
        }
        if (invariants.enabled()) {
            requirePairTransition(invariants, pair, from, to);
        }
        pair.setState(to);
        listener.onEvent(new IceEvent.PairStateChanged(scheduler.now(), pair, from, to));
    }

    /** Checks one check-list pair state change against {@link PairState#canMoveTo}. */
    static void requirePairTransition(Invariants invariants, CandidatePair pair, PairState from, PairState to) {
        invariants.requireTransition(PairState.TRANSITION_INVARIANT, pair, from, to, from.canMoveTo(to));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the ICE agent is closed");
        }
    }

    private static void cancel(Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
