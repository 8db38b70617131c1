package org.icesim.webrtc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceRole;
import org.icesim.ice.IceTransportState;
import org.icesim.kernel.Invariants;
import org.icesim.kernel.Scheduler;

/**
 * The W3C {@code RTCPeerConnection} signaling and negotiation machinery (webrtc-pc, "RTCPeerConnection
 * Interface"), sans-IO: time and tasks come from a {@link Scheduler}, ICE is reached through
 * {@link IceTransportControl}, results come back as {@link Completion}s and events go to
 * {@link PeerConnectionListener}s.
 *
 * <p>Modelled as the spec writes it: the operations chain ({@code [[Operations]]}), the signaling
 * state machine with pranswer and rollback (implicit rollback on a colliding remote offer), the
 * negotiation-needed flag and its queued task, {@code restartIce()} with the
 * {@code [[LocalIceCredentialsToReplace]]} slot, candidate surfacing and end-of-candidates,
 * addIceCandidate with ICE generations, and the ICE connection, connection and gathering state
 * aggregates. A W3C "queue a task" is an event scheduled with zero delay.
 *
 * <p>Scope cuts: one bundled ICE/DTLS transport; transceivers are bare media sections (no tracks,
 * directions, codecs or msids, never stopped) matched to remote media sections the way those
 * created by {@code addTrack()} are; no data channels, candidate pool or {@code setConfiguration}.
 */
public final class PeerConnection {

    private final Scheduler scheduler;
    private final Invariants invariants;
    private final RandomGenerator random;
    private final PeerConnectionConfig config;
    private final IceTransportControl ice;
    private final DtlsTransport dtls;
    private final List<PeerConnectionListener> listeners = new ArrayList<>();
    private final ArrayDeque<Runnable> operations = new ArrayDeque<>();
    private final List<Transceiver> transceivers = new ArrayList<>();
    private final Set<IceCredentials> localIceCredentialsToReplace = new LinkedHashSet<>();

    private boolean closed;
    private boolean negotiationNeeded;
    private boolean updateNegotiationNeededFlagOnEmptyChain;
    private SignalingState signalingState = SignalingState.STABLE;
    private SessionDescription pendingLocal;
    private SessionDescription currentLocal;
    private SessionDescription pendingRemote;
    private SessionDescription currentRemote;
    private SessionDescription lastCreatedOffer;
    private SessionDescription lastCreatedAnswer;
    private Boolean canTrickleIceCandidates;
    /** Null while the W3C role is "unknown" (no offer applied yet). */
    private IceRole iceRole;
    private IceTransportState iceTransportState = IceTransportState.NEW;
    private IceGatheringState iceGathererState = IceGatheringState.NEW;
    private DtlsTransportState dtlsState = DtlsTransportState.NEW;
    private IceCandidatePair selectedCandidatePair;
    private IceConnectionState iceConnectionState = IceConnectionState.NEW;
    private PeerConnectionState connectionState = PeerConnectionState.NEW;
    private IceGatheringState iceGatheringState = IceGatheringState.NEW;

    /**
     * @param scheduler  simulated time and tasks
     * @param random     the stream ICE credentials are drawn from
     * @param config     operation and DTLS timing
     * @param iceFactory builds the ICE agent, given the observer it reports to
     */
    public PeerConnection(Scheduler scheduler, RandomGenerator random, PeerConnectionConfig config,
            Function<IceTransportObserver, IceTransportControl> iceFactory) {
        if (scheduler == null || random == null || config == null || iceFactory == null) {
            throw new IllegalArgumentException("scheduler, random, config and iceFactory must not be null");
        }
        this.scheduler = scheduler;
        this.invariants = scheduler.invariants();
        this.random = random;
        this.config = config;
        this.dtls = new DtlsTransport(scheduler, config.dtlsHandshakeNanos(),
                state -> queueTask(() -> onDtlsStateChanged(state)));
        this.ice = iceFactory.apply(new IceReports());
        if (ice == null) {
            throw new IllegalArgumentException("iceFactory returned null");
        }
    }

    /** Names the connection by its local ICE username fragment, the one identity it has. */
    @Override
    public String toString() {
        SessionDescription local = pendingLocal != null ? pendingLocal : currentLocal;
        return local == null ? "peer connection (no local description)"
                : "peer connection (local ufrag " + local.credentials().ufrag() + ")";
    }

    public void addListener(PeerConnectionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
    }

    // ---------------------------------------------------------------------------------------
    // Attributes

    public SignalingState signalingState() {
        return signalingState;
    }

    public IceConnectionState iceConnectionState() {
        return iceConnectionState;
    }

    public PeerConnectionState connectionState() {
        return connectionState;
    }

    public IceGatheringState iceGatheringState() {
        return iceGatheringState;
    }

    /** The pending local description if there is one, else the current one (W3C localDescription). */
    public SessionDescription localDescription() {
        return pendingLocal != null ? pendingLocal : currentLocal;
    }

    public SessionDescription currentLocalDescription() {
        return currentLocal;
    }

    public SessionDescription pendingLocalDescription() {
        return pendingLocal;
    }

    /** The pending remote description if there is one, else the current one (W3C remoteDescription). */
    public SessionDescription remoteDescription() {
        return pendingRemote != null ? pendingRemote : currentRemote;
    }

    public SessionDescription currentRemoteDescription() {
        return currentRemote;
    }

    public SessionDescription pendingRemoteDescription() {
        return pendingRemote;
    }

    /** Whether the remote side trickles candidates; null until a remote description is applied. */
    public Boolean canTrickleIceCandidates() {
        return canTrickleIceCandidates;
    }

    /** The ICE transport's role ({@code RTCIceTransport.role}); empty while the W3C role is "unknown". */
    public Optional<IceRole> iceRole() {
        return Optional.ofNullable(iceRole);
    }

    /**
     * The ICE transport's state as the page sees it ({@code RTCIceTransport.state}): as last reported
     * by the ICE agent, with failed shown as disconnected where the page never sees failed.
     */
    public IceTransportState iceTransportState() {
        return shownTransportState(iceTransportState);
    }

    /** The DTLS transport's state as the connection last processed it ({@code RTCDtlsTransport.state}). */
    public DtlsTransportState dtlsTransportState() {
        return dtlsState;
    }

    /** The DTLS transport, e.g. to make it fail. */
    public DtlsTransport dtlsTransport() {
        return dtls;
    }

    /** The ICE transport's selected pair, or null before one is selected. */
    public IceCandidatePair selectedCandidatePair() {
        return selectedCandidatePair;
    }

    // ---------------------------------------------------------------------------------------
    // Methods

    /**
     * Adds a media section to negotiate (W3C addTransceiver, reduced to what negotiation needs);
     * fires negotiationneeded through the usual flag update.
     *
     * @throws DomException InvalidStateError when closed
     */
    public void addTransceiver() {
        if (closed) {
            throw closedError("addTransceiver");
        }
        transceivers.add(new Transceiver());
        updateNegotiationNeededFlag();
    }

    /** {@link #createOffer(OfferOptions)} with default options. */
    public Completion<SessionDescription> createOffer() {
        return createOffer(OfferOptions.DEFAULT);
    }

    /** W3C createOffer: chained; InvalidStateError unless stable or have-local-offer. */
    public Completion<SessionDescription> createOffer(OfferOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null (use OfferOptions.DEFAULT)");
        }
        if (closed) {
            return Completion.rejected(closedError("createOffer"));
        }
        return chain(() -> createAnOffer(options));
    }

    /** W3C createAnswer: chained; InvalidStateError unless have-remote-offer or have-local-pranswer. */
    public Completion<SessionDescription> createAnswer() {
        if (closed) {
            return Completion.rejected(closedError("createAnswer"));
        }
        return chain(this::createAnAnswer);
    }

    /**
     * The parameterless W3C setLocalDescription(): an offer in stable, have-local-offer or
     * have-remote-pranswer, otherwise an answer, created afresh and then applied (two operation
     * delays). Creating afresh is what "the last created description no longer represents the
     * system state" allows; libwebrtc always does it.
     */
    public Completion<Void> setLocalDescription() {
        if (closed) {
            return Completion.rejected(closedError("setLocalDescription"));
        }
        return chain(() -> {
            SdpType type = (signalingState == SignalingState.STABLE || signalingState == SignalingState.HAVE_LOCAL_OFFER
                    || signalingState == SignalingState.HAVE_REMOTE_PRANSWER) ? SdpType.OFFER : SdpType.ANSWER;
            if (type == SdpType.OFFER) {
                return createAnOffer(OfferOptions.DEFAULT).thenCompose(offer -> setTheSessionDescription(offer, false));
            }
            return createAnAnswer().thenCompose(answer -> setTheSessionDescription(answer, false));
        });
    }

    /**
     * W3C setLocalDescription(description): an offer must be the last created offer and an
     * answer or pranswer the last created answer (InvalidModificationError otherwise); a rollback
     * is {@link SessionDescription#rollback()}.
     */
    public Completion<Void> setLocalDescription(SessionDescription description) {
        if (description == null) {
            throw new IllegalArgumentException("description must not be null (use setLocalDescription() for the implicit form)");
        }
        if (closed) {
            return Completion.rejected(closedError("setLocalDescription"));
        }
        return chain(() -> {
            SdpType type = description.type();
            if (type == SdpType.OFFER && !description.sameContentAs(lastCreatedOffer)) {
                return Completion.rejected(new DomException(DomExceptionName.INVALID_MODIFICATION_ERROR,
                        "the offer differs from the last one createOffer() returned"));
            }
            if ((type == SdpType.ANSWER || type == SdpType.PRANSWER) && !description.sameContentAs(lastCreatedAnswer)) {
                return Completion.rejected(new DomException(DomExceptionName.INVALID_MODIFICATION_ERROR,
                        "the " + type.w3cName() + " differs from the last answer createAnswer() returned"));
            }
            return setTheSessionDescription(description, false);
        });
    }

    /**
     * W3C setRemoteDescription: an offer that is invalid in the current state (a collision) first
     * rolls the local offer back (implicit rollback), which takes one more operation delay.
     */
    public Completion<Void> setRemoteDescription(SessionDescription description) {
        if (description == null) {
            throw new IllegalArgumentException("description must not be null");
        }
        if (closed) {
            return Completion.rejected(closedError("setRemoteDescription"));
        }
        return chain(() -> {
            if (description.type() == SdpType.OFFER && signalingState != SignalingState.STABLE
                    && signalingState != SignalingState.HAVE_REMOTE_OFFER) {
                return setTheSessionDescription(SessionDescription.rollback(), false)
                        .thenCompose(rolledBack -> setTheSessionDescription(description, true));
            }
            return setTheSessionDescription(description, true);
        });
    }

    /**
     * W3C addIceCandidate: a remote candidate, or the end-of-candidates form for one generation
     * ({@code usernameFragment}) of one media section, or of all when sdpMid and sdpMLineIndex are
     * both null. A null usernameFragment means the most recent generation.
     */
    public Completion<Void> addIceCandidate(IceCandidate candidate) {
        if (candidate == null) {
            throw new IllegalArgumentException("candidate must not be null (use IceCandidate.endOfCandidates(null))");
        }
        if (!candidate.isEndOfCandidates() && candidate.sdpMid() == null && candidate.sdpMLineIndex() == null) {
            return Completion.rejected(new DomException(DomExceptionName.TYPE_ERROR,
                    "a candidate needs an sdpMid or an sdpMLineIndex"));
        }
        if (closed) {
            return Completion.rejected(closedError("addIceCandidate"));
        }
        return chain(() -> addTheIceCandidate(candidate));
    }

    /**
     * W3C restartIce(): remembers the current and pending local ICE credentials in
     * {@code [[LocalIceCredentialsToReplace]]} and updates the negotiation-needed flag. The
     * restart itself happens when an offer with new credentials is applied.
     */
    public void restartIce() {
        localIceCredentialsToReplace.clear();
        if (currentLocal != null) {
            localIceCredentialsToReplace.add(currentLocal.credentials());
        }
        if (pendingLocal != null) {
            localIceCredentialsToReplace.add(pendingLocal.credentials());
        }
        updateNegotiationNeededFlag();
    }

    /**
     * W3C close ("close the connection"): everything goes to closed without firing events, the
     * ICE agent is destroyed, and operations still in the chain are abandoned (never settle).
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        moveSignalingState(SignalingState.CLOSED);
        operations.clear();
        dtls.close();
        dtlsState = DtlsTransportState.CLOSED;
        ice.close();
        iceTransportState = IceTransportState.CLOSED;
        moveIceConnectionState(IceConnectionState.CLOSED);
        connectionState = PeerConnectionState.CLOSED;
    }

    // ---------------------------------------------------------------------------------------
    // Operations chain (W3C "chain an operation")

    private <T> Completion<T> chain(Supplier<Completion<T>> operation) {
        Completion<T> result = new Completion<>();
        operations.addLast(() -> operation.get().whenComplete((value, error) -> {
            if (closed) {
                return;
            }
            if (error == null) {
                result.fulfill(value);
            } else {
                result.reject(error);
            }
            // Runs after the reactions the caller registered on the result, as the chain's own
            // reaction to the result is registered only now.
            onOperationSettled();
        }));
        if (operations.size() == 1) {
            operations.peekFirst().run();
        }
        return result;
    }

    private void onOperationSettled() {
        if (closed) {
            return;
        }
        operations.removeFirst();
        if (!operations.isEmpty()) {
            operations.peekFirst().run();
            return;
        }
        if (!updateNegotiationNeededFlagOnEmptyChain) {
            return;
        }
        updateNegotiationNeededFlagOnEmptyChain = false;
        updateNegotiationNeededFlag();
    }

    // ---------------------------------------------------------------------------------------
    // Creating descriptions

    /** W3C "create an offer": state check now, the offer itself after the stack's offer creation time. */
    private Completion<SessionDescription> createAnOffer(OfferOptions options) {
        if (signalingState != SignalingState.STABLE && signalingState != SignalingState.HAVE_LOCAL_OFFER) {
            return Completion.rejected(new DomException(DomExceptionName.INVALID_STATE_ERROR,
                    "createOffer in signaling state " + signalingState.w3cName()));
        }
        Completion<SessionDescription> result = new Completion<>();
        afterDelay(config.createOfferNanos(firstNegotiation()), () -> {
            List<String> mids = offerMids();
            if (mids.isEmpty()) {
                result.reject(new DomException(DomExceptionName.OPERATION_ERROR,
                        "nothing to offer: no media section exists (add a transceiver first)"));
                return;
            }
            SessionDescription base = localDescription();
            SessionDescription offer = base != null && !offerNeedsNewCredentials(options, base)
                    ? new SessionDescription(SdpType.OFFER, base.credentials(), mids, base.candidates(), true,
                            base.endOfCandidates(), DtlsSetup.ACTPASS, false)
                    : new SessionDescription(SdpType.OFFER, IceCredentials.random(random), mids, List.of(), true,
                            false, DtlsSetup.ACTPASS, false);
            lastCreatedOffer = offer;
            result.fulfill(offer);
        });
        return result;
    }

    /**
     * W3C RTCOfferOptions.iceRestart: new credentials if asked for, or if the
     * {@code [[LocalIceCredentialsToReplace]]} slot holds the ones the offer would otherwise reuse.
     * The reused ones are the latest local description's (the pending offer's in have-local-offer,
     * so that re-offering during a pending restart does not undo it; JSEP/RFC 8829 §5.2.2).
     */
    private boolean offerNeedsNewCredentials(OfferOptions options, SessionDescription base) {
        return options.iceRestart() || localIceCredentialsToReplace.contains(base.credentials());
    }

    /** The offer's media sections: those already negotiated or offered, then new ones (JSEP §5.2.2). */
    private List<String> offerMids() {
        SessionDescription base = localDescription();
        List<String> mids = new ArrayList<>(base != null ? base.mids() : List.of());
        for (Transceiver transceiver : transceivers) {
            if (transceiver.mid == null && transceiver.jsepMid == null) {
                transceiver.jsepMid = unusedMid();
            }
            String mid = transceiver.mid != null ? transceiver.mid : transceiver.jsepMid;
            if (!mids.contains(mid)) {
                mids.add(mid);
            }
        }
        return mids;
    }

    private String unusedMid() {
        for (int i = 0;; i++) {
            String candidate = Integer.toString(i);
            if (!midInUse(candidate)) {
                return candidate;
            }
        }
    }

    private boolean midInUse(String mid) {
        for (Transceiver transceiver : transceivers) {
            if (mid.equals(transceiver.mid) || mid.equals(transceiver.jsepMid)) {
                return true;
            }
        }
        for (SessionDescription description : new SessionDescription[] {pendingLocal, currentLocal, pendingRemote, currentRemote}) {
            if (description != null && description.mids().contains(mid)) {
                return true;
            }
        }
        return false;
    }

    /** W3C "create an answer": state check now, the answer itself after the stack's answer creation time. */
    private Completion<SessionDescription> createAnAnswer() {
        if (signalingState != SignalingState.HAVE_REMOTE_OFFER && signalingState != SignalingState.HAVE_LOCAL_PRANSWER) {
            return Completion.rejected(new DomException(DomExceptionName.INVALID_STATE_ERROR,
                    "createAnswer in signaling state " + signalingState.w3cName()));
        }
        Completion<SessionDescription> result = new Completion<>();
        afterDelay(config.createAnswerNanos(firstNegotiation()), () -> {
            SessionDescription offer = pendingRemote;
            SessionDescription base = answerCredentialsSource(offer);
            SessionDescription answer = base != null
                    ? new SessionDescription(SdpType.ANSWER, base.credentials(), offer.mids(), base.candidates(), true,
                            base.endOfCandidates(), offer.setup().answerTo(), false)
                    : new SessionDescription(SdpType.ANSWER, IceCredentials.random(random), offer.mids(), List.of(),
                            true, false, offer.setup().answerTo(), false);
            lastCreatedAnswer = answer;
            result.fulfill(answer);
        });
        return result;
    }

    /**
     * The local description whose credentials the answer reuses, or null for new ones. An answer
     * gets new credentials when the remote offer restarts ICE, i.e. either its ufrag or its pwd
     * differs from the current remote description's (JSEP/RFC 8829 §5.3.1, §5.10; RFC 8445 §9:
     * both sides change credentials). The {@code [[LocalIceCredentialsToReplace]]} slot is not
     * consulted: a pending local restart waits for the next local offer.
     */
    private SessionDescription answerCredentialsSource(SessionDescription offer) {
        if (pendingLocal != null) {
            return pendingLocal;
        }
        if (currentLocal != null && currentRemote != null && offer.credentials().equals(currentRemote.credentials())) {
            return currentLocal;
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------
    // Applying descriptions (W3C "set the session description")

    private Completion<Void> setTheSessionDescription(SessionDescription description, boolean remote) {
        if (description.type() == SdpType.ROLLBACK && (signalingState == SignalingState.STABLE
                || signalingState == SignalingState.HAVE_LOCAL_PRANSWER
                || signalingState == SignalingState.HAVE_REMOTE_PRANSWER)) {
            return Completion.rejected(new DomException(DomExceptionName.INVALID_STATE_ERROR,
                    "rollback in signaling state " + signalingState.w3cName()));
        }
        Completion<Void> result = new Completion<>();
        boolean remoteOffer = remote && description.type() == SdpType.OFFER;
        afterDelay(remoteOffer ? config.setRemoteOfferNanos(firstNegotiation()) : config.operationDelayNanos(), () -> {
            DomException error = checkApplicable(description, remote);
            if (error != null) {
                result.reject(error);
                return;
            }
            apply(description, remote);
            result.fulfill(null);
        });
        return result;
    }

    /** Whether JSEP processing would accept the description here (else the W3C error to reject with). */
    private DomException checkApplicable(SessionDescription description, boolean remote) {
        SdpType type = description.type();
        if (type == SdpType.ROLLBACK) {
            return null;
        }
        boolean validForState;
        if (type == SdpType.OFFER) {
            validForState = remote
                    ? signalingState == SignalingState.STABLE || signalingState == SignalingState.HAVE_REMOTE_OFFER
                    : signalingState == SignalingState.STABLE || signalingState == SignalingState.HAVE_LOCAL_OFFER;
        } else {
            validForState = remote
                    ? signalingState == SignalingState.HAVE_LOCAL_OFFER || signalingState == SignalingState.HAVE_REMOTE_PRANSWER
                    : signalingState == SignalingState.HAVE_REMOTE_OFFER || signalingState == SignalingState.HAVE_LOCAL_PRANSWER;
        }
        if (!validForState) {
            return new DomException(DomExceptionName.INVALID_STATE_ERROR, (remote ? "remote " : "local ")
                    + type.w3cName() + " in signaling state " + signalingState.w3cName());
        }
        if (remote && type != SdpType.OFFER && !description.mids().equals(pendingLocal.mids())) {
            // JSEP §5.3.1: an answer has exactly the offer's media sections, in order.
            return new DomException(DomExceptionName.INVALID_ACCESS_ERROR, "the " + type.w3cName() + "'s media sections "
                    + description.mids() + " do not match the offer's " + pendingLocal.mids());
        }
        if (remote && type == SdpType.OFFER && currentLocal != null
                && !startsWith(description.mids(), currentLocal.mids())) {
            // JSEP §5.2.2: a subsequent offer keeps every negotiated media section in place.
            return new DomException(DomExceptionName.INVALID_ACCESS_ERROR, "the offer's media sections "
                    + description.mids() + " drop or reorder the negotiated " + currentLocal.mids());
        }
        return null;
    }

    private static boolean startsWith(List<String> list, List<String> prefix) {
        return list.size() >= prefix.size() && list.subList(0, prefix.size()).equals(prefix);
    }

    /** The success task of "set the session description". */
    private void apply(SessionDescription description, boolean remote) {
        SignalingState before = signalingState;
        if (description.type() == SdpType.ROLLBACK) {
            applyRollback();
        } else if (remote) {
            applyRemote(description);
        } else {
            applyLocal(description);
        }
        if (signalingState == SignalingState.STABLE) {
            for (Transceiver transceiver : transceivers) {
                transceiver.lastStableMid = transceiver.mid;
                transceiver.createdByRemoteOffer = false;
            }
            negotiationNeeded = false;
            updateNegotiationNeededFlag();
        }
        if (signalingState != before) {
            fire(new PeerConnectionEvent.SignalingStateChange(scheduler.now(), signalingState));
        }
    }

    private void applyLocal(SessionDescription description) {
        switch (description.type()) {
            case OFFER:
                determineRole(IceRole.CONTROLLING);
                ice.setLocalCredentials(description.credentials());
                for (Transceiver transceiver : transceivers) {
                    if (transceiver.mid == null && description.mids().contains(transceiver.jsepMid)) {
                        transceiver.mid = transceiver.jsepMid;
                    }
                }
                pendingLocal = description;
                moveSignalingState(SignalingState.HAVE_LOCAL_OFFER);
                break;
            case PRANSWER:
                ice.setLocalCredentials(description.credentials());
                ice.startChecks(description.credentials(), pendingRemote.credentials());
                pendingLocal = description;
                moveSignalingState(SignalingState.HAVE_LOCAL_PRANSWER);
                break;
            case ANSWER:
                ice.setLocalCredentials(description.credentials());
                ice.startChecks(description.credentials(), pendingRemote.credentials());
                currentLocal = description;
                currentRemote = pendingRemote;
                completeNegotiation();
                // W3C: the slot empties when the applied answer carries none of its credentials.
                if (!localIceCredentialsToReplace.contains(description.credentials())) {
                    localIceCredentialsToReplace.clear();
                }
                break;
            default:
                throw new IllegalStateException("not a local description type: " + description.type());
        }
    }

    private void applyRemote(SessionDescription description) {
        canTrickleIceCandidates = description.trickle();
        switch (description.type()) {
            case OFFER:
                determineRole(description.iceLite() ? IceRole.CONTROLLING : IceRole.CONTROLLED);
                announceRemoteGeneration(description);
                associateRemoteMediaSections(description);
                pendingRemote = description;
                moveSignalingState(SignalingState.HAVE_REMOTE_OFFER);
                break;
            case PRANSWER:
                announceRemoteGeneration(description);
                ice.startChecks(pendingLocal.credentials(), description.credentials());
                pendingRemote = description;
                moveSignalingState(SignalingState.HAVE_REMOTE_PRANSWER);
                break;
            case ANSWER:
                announceRemoteGeneration(description);
                ice.startChecks(pendingLocal.credentials(), description.credentials());
                currentRemote = description;
                currentLocal = pendingLocal;
                completeNegotiation();
                // W3C: the slot empties when the new current local description carries none of its credentials.
                if (!localIceCredentialsToReplace.contains(currentLocal.credentials())) {
                    localIceCredentialsToReplace.clear();
                }
                break;
            default:
                throw new IllegalStateException("not a remote description type: " + description.type());
        }
    }

    /** The shared tail of applying an answer: pending descriptions become current, state stable. */
    private void completeNegotiation() {
        pendingLocal = null;
        pendingRemote = null;
        lastCreatedOffer = null;
        lastCreatedAnswer = null;
        moveSignalingState(SignalingState.STABLE);
    }

    private void moveSignalingState(SignalingState next) {
        if (invariants.enabled() && next != signalingState) {
            invariants.requireTransition(SignalingState.TRANSITION_INVARIANT, this, signalingState, next,
                    signalingState.canMoveTo(next));
        }
        signalingState = next;
    }

    private void moveIceConnectionState(IceConnectionState next) {
        if (invariants.enabled() && next != iceConnectionState) {
            invariants.requireTransition(IceConnectionState.TRANSITION_INVARIANT, this, iceConnectionState, next,
                    iceConnectionState.canMoveTo(next));
        }
        iceConnectionState = next;
    }

    /** W3C rollback branch: back to the last stable state; ICE drops the generation the offer announced. */
    private void applyRollback() {
        ice.rollback();
        transceivers.removeIf(transceiver -> transceiver.createdByRemoteOffer);
        for (Transceiver transceiver : transceivers) {
            if (transceiver.lastStableMid == null) {
                transceiver.mid = null;
                transceiver.jsepMid = null;
            }
        }
        pendingLocal = null;
        pendingRemote = null;
        moveSignalingState(SignalingState.STABLE);
        if (currentLocal == null) {
            // The rolled-back offer was the first one: the role it set is undone, as libwebrtc
            // forgets which side was the initial offerer on rollback.
            iceRole = null;
        }
    }

    /** RFC 8445 §6.1.1 via W3C [[IceRole]]: the first applied offer decides; later ones never change it. */
    private void determineRole(IceRole role) {
        if (iceRole == null) {
            iceRole = role;
            ice.setRole(role);
        }
    }

    /**
     * Hands a remote description's ICE content to the agent, skipping what an earlier description
     * of the same generation already gave (a re-offer repeats the candidates it carried before).
     * A description without trickle carries all its candidates, so it ends the generation too.
     */
    private void announceRemoteGeneration(SessionDescription description) {
        ice.setRemoteCredentials(description.credentials(), description.iceLite());
        SessionDescription known = remoteDescriptionOfGeneration(description.ufrag());
        if (known != null && !known.credentials().equals(description.credentials())) {
            known = null;
        }
        for (IceCandidate candidate : description.candidates()) {
            if (known == null || !known.candidates().contains(candidate)) {
                ice.addRemoteCandidate(candidate.withUsernameFragment(description.ufrag()));
            }
        }
        boolean ends = description.endOfCandidates() || !description.trickle();
        boolean alreadyEnded = known != null && (known.endOfCandidates() || !known.trickle());
        if (ends && !alreadyEnded) {
            ice.addRemoteEndOfCandidates(description.ufrag());
        }
    }

    private SessionDescription remoteDescriptionOfGeneration(String ufrag) {
        if (pendingRemote != null && pendingRemote.ufrag().equals(ufrag)) {
            return pendingRemote;
        }
        if (currentRemote != null && currentRemote.ufrag().equals(ufrag)) {
            return currentRemote;
        }
        return null;
    }

    /**
     * JSEP §5.10 for a remote offer: each media section without a transceiver takes the first
     * unassociated local one (as if created by addTrack), else gets a new one that a rollback
     * removes again.
     */
    private void associateRemoteMediaSections(SessionDescription offer) {
        for (String mid : offer.mids()) {
            if (transceiverWithMid(mid) != null) {
                continue;
            }
            Transceiver free = null;
            for (Transceiver transceiver : transceivers) {
                if (transceiver.mid == null) {
                    free = transceiver;
                    break;
                }
            }
            if (free == null) {
                free = new Transceiver();
                free.createdByRemoteOffer = true;
                transceivers.add(free);
            }
            free.mid = mid;
            free.jsepMid = mid;
        }
    }

    private Transceiver transceiverWithMid(String mid) {
        for (Transceiver transceiver : transceivers) {
            if (mid.equals(transceiver.mid)) {
                return transceiver;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------
    // addIceCandidate

    private Completion<Void> addTheIceCandidate(IceCandidate candidate) {
        SessionDescription remote = remoteDescription();
        if (remote == null) {
            return Completion.rejected(new DomException(DomExceptionName.INVALID_STATE_ERROR,
                    "addIceCandidate before any remote description"));
        }
        if (candidate.sdpMid() != null) {
            if (!remote.mids().contains(candidate.sdpMid())) {
                return Completion.rejected(new DomException(DomExceptionName.OPERATION_ERROR,
                        "sdpMid '" + candidate.sdpMid() + "' is not a media section of the remote description " + remote.mids()));
            }
        } else if (candidate.sdpMLineIndex() != null && candidate.sdpMLineIndex() >= remote.mids().size()) {
            return Completion.rejected(new DomException(DomExceptionName.OPERATION_ERROR,
                    "sdpMLineIndex " + candidate.sdpMLineIndex() + " is beyond the remote description's "
                            + remote.mids().size() + " media sections"));
        }
        String ufrag = candidate.usernameFragment();
        if (ufrag != null && remoteDescriptionOfGeneration(ufrag) == null) {
            return Completion.rejected(new DomException(DomExceptionName.OPERATION_ERROR,
                    "usernameFragment '" + ufrag + "' matches no applied remote description"));
        }
        // W3C: a null usernameFragment means the most recent generation.
        String generation = ufrag != null ? ufrag : remote.ufrag();
        Completion<Void> result = new Completion<>();
        afterOperationDelay(() -> {
            if (candidate.isEndOfCandidates()) {
                // One bundled transport: an m-section's end-of-candidates is the transport's, and
                // the form without sdpMid/sdpMLineIndex covers every m-section anyway.
                ice.addRemoteEndOfCandidates(generation);
                if (pendingRemote != null && pendingRemote.ufrag().equals(generation)) {
                    pendingRemote = pendingRemote.withEndOfCandidates();
                }
                if (currentRemote != null && currentRemote.ufrag().equals(generation)) {
                    currentRemote = currentRemote.withEndOfCandidates();
                }
            } else {
                IceCandidate ofGeneration = candidate.withUsernameFragment(generation);
                ice.addRemoteCandidate(ofGeneration);
                if (pendingRemote != null && pendingRemote.ufrag().equals(generation)) {
                    pendingRemote = pendingRemote.withCandidate(ofGeneration);
                }
                if (currentRemote != null && currentRemote.ufrag().equals(generation)) {
                    currentRemote = currentRemote.withCandidate(ofGeneration);
                }
            }
            result.fulfill(null);
        });
        return result;
    }

    // ---------------------------------------------------------------------------------------
    // Negotiation-needed (W3C "update the negotiation-needed flag")

    private void updateNegotiationNeededFlag() {
        if (!operations.isEmpty()) {
            updateNegotiationNeededFlagOnEmptyChain = true;
            return;
        }
        queueTask(() -> {
            if (closed) {
                return;
            }
            if (!operations.isEmpty()) {
                updateNegotiationNeededFlagOnEmptyChain = true;
                return;
            }
            if (signalingState != SignalingState.STABLE) {
                // Re-evaluated when a description brings the state back to stable.
                return;
            }
            if (!isNegotiationNeeded()) {
                negotiationNeeded = false;
                return;
            }
            if (negotiationNeeded) {
                return;
            }
            negotiationNeeded = true;
            fire(new PeerConnectionEvent.NegotiationNeeded(scheduler.now()));
        });
    }

    /** W3C "check if negotiation is needed", for what this model has: the restart slot and media sections. */
    private boolean isNegotiationNeeded() {
        if (!localIceCredentialsToReplace.isEmpty()) {
            return true;
        }
        for (Transceiver transceiver : transceivers) {
            if (transceiver.mid == null || currentLocal == null || !currentLocal.mids().contains(transceiver.mid)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------
    // Reports from the ICE agent and the DTLS transport, each handled in a queued task

    private final class IceReports implements IceTransportObserver {
        @Override
        public void onGatheringStateChanged(IceGatheringState state) {
            queueTask(() -> {
                if (!closed) {
                    iceGathererState = state;
                    updateIceGatheringState();
                }
            });
        }

        @Override
        public void onLocalCandidate(IceCandidate candidate) {
            if (candidate == null || candidate.isEndOfCandidates() || candidate.usernameFragment() == null) {
                throw new IllegalArgumentException("a gathered candidate needs an address and a usernameFragment, was " + candidate);
            }
            queueTask(() -> surfaceCandidate(candidate));
        }

        @Override
        public void onEndOfLocalCandidates(String usernameFragment) {
            if (usernameFragment == null) {
                throw new IllegalArgumentException("usernameFragment must not be null");
            }
            queueTask(() -> surfaceEndOfCandidates(usernameFragment));
        }

        @Override
        public void onStateChanged(IceTransportState state) {
            queueTask(() -> onIceTransportStateChanged(state));
        }

        @Override
        public void onSelectedCandidatePairChanged(IceCandidatePair pair) {
            queueTask(() -> {
                if (!closed) {
                    selectedCandidatePair = pair;
                    fire(new PeerConnectionEvent.SelectedCandidatePairChange(scheduler.now(), pair));
                }
            });
        }
    }

    /**
     * W3C "surface the candidate": added to each local description of its generation, then
     * announced. A candidate of a generation no local description holds any more (one dropped by
     * a rollback) is discarded: signalling it would only make the peer reject it.
     */
    private void surfaceCandidate(IceCandidate candidate) {
        if (closed) {
            return;
        }
        SessionDescription owner = localDescriptionOfGeneration(candidate.usernameFragment());
        if (owner == null) {
            return;
        }
        IceCandidate surfaced = candidate.withMediaSection(owner.mids().get(0), 0);
        if (pendingLocal != null && pendingLocal.ufrag().equals(candidate.usernameFragment())) {
            pendingLocal = pendingLocal.withCandidate(surfaced);
        }
        if (currentLocal != null && currentLocal.ufrag().equals(candidate.usernameFragment())) {
            currentLocal = currentLocal.withCandidate(surfaced);
        }
        fire(new PeerConnectionEvent.IceCandidateEvent(scheduler.now(), surfaced));
    }

    /** W3C: the ICE agent finished gathering a generation: an empty candidate for it is announced. */
    private void surfaceEndOfCandidates(String ufrag) {
        if (closed) {
            return;
        }
        SessionDescription owner = localDescriptionOfGeneration(ufrag);
        if (owner == null) {
            return;
        }
        if (pendingLocal != null && pendingLocal.ufrag().equals(ufrag)) {
            pendingLocal = pendingLocal.withEndOfCandidates();
        }
        if (currentLocal != null && currentLocal.ufrag().equals(ufrag)) {
            currentLocal = currentLocal.withEndOfCandidates();
        }
        fire(new PeerConnectionEvent.IceCandidateEvent(scheduler.now(),
                IceCandidate.endOfCandidates(ufrag).withMediaSection(owner.mids().get(0), 0)));
    }

    private SessionDescription localDescriptionOfGeneration(String ufrag) {
        if (pendingLocal != null && pendingLocal.ufrag().equals(ufrag)) {
            return pendingLocal;
        }
        if (currentLocal != null && currentLocal.ufrag().equals(ufrag)) {
            return currentLocal;
        }
        return null;
    }

    /** W3C "update the ICE gathering state" (its own queued task); complete also fires the null candidate. */
    private void updateIceGatheringState() {
        queueTask(() -> {
            if (closed) {
                return;
            }
            IceGatheringState next = IceGatheringState.aggregate(List.of(iceGathererState));
            if (next == iceGatheringState) {
                return;
            }
            iceGatheringState = next;
            fire(new PeerConnectionEvent.IceGatheringStateChange(scheduler.now(), next));
            if (next == IceGatheringState.COMPLETE) {
                fire(new PeerConnectionEvent.IceCandidateEvent(scheduler.now(), null));
            }
        });
    }

    /**
     * W3C: the ICE agent reports a transport state change: the transport, ICE connection and
     * connection states are updated together, then their events fire in that order. DTLS starts
     * its handshake once ICE first has a usable pair.
     *
     * <p>Where the page does not see "failed" ({@link PeerConnectionConfig#pageSeesIceFailed()}),
     * the transport state and iceConnectionState the page sees show a failed transport as
     * disconnected, while connectionState is derived from the transport's own state: Blink
     * remaps the RTCIceTransport's state (rtc_ice_transport.cc {@code RTCIceTransport::OnStateChanged})
     * and aggregates iceConnectionState from it, but takes connectionState from libwebrtc
     * (jsep_transport_controller.cc {@code UpdateAggregateStates}).
     */
    private void onIceTransportStateChanged(IceTransportState state) {
        if (closed || state == iceTransportState) {
            return;
        }
        IceTransportState shownBefore = shownTransportState(iceTransportState);
        iceTransportState = state;
        IceTransportState shown = shownTransportState(state);
        IceConnectionState nextIce = IceConnectionState.aggregate(false, List.of(shown));
        boolean iceChanged = nextIce != iceConnectionState;
        moveIceConnectionState(nextIce);
        PeerConnectionState nextConnection = aggregateConnectionState();
        boolean connectionChanged = nextConnection != connectionState;
        connectionState = nextConnection;
        long now = scheduler.now();
        if (shown != shownBefore) {
            fire(new PeerConnectionEvent.IceTransportStateChange(now, shown));
        }
        if (iceChanged) {
            fire(new PeerConnectionEvent.IceConnectionStateChange(now, nextIce));
        }
        if (connectionChanged) {
            fire(new PeerConnectionEvent.ConnectionStateChange(now, nextConnection));
        }
        if (state == IceTransportState.CONNECTED || state == IceTransportState.COMPLETED) {
            dtls.startHandshake();
        }
    }

    /** W3C: a DTLS state change fires the transport's statechange, then "update the connection state". */
    private void onDtlsStateChanged(DtlsTransportState state) {
        if (closed) {
            return;
        }
        dtlsState = state;
        fire(new PeerConnectionEvent.DtlsTransportStateChange(scheduler.now(), state));
        PeerConnectionState next = aggregateConnectionState();
        if (next != connectionState) {
            connectionState = next;
            fire(new PeerConnectionEvent.ConnectionStateChange(scheduler.now(), next));
        }
    }

    /** The transport state as the page sees it: a failed transport shows as disconnected where the page never sees failed. */
    private IceTransportState shownTransportState(IceTransportState state) {
        return state == IceTransportState.FAILED && !config.pageSeesIceFailed() ? IceTransportState.DISCONNECTED : state;
    }

    /** connectionState from the transport's ICE state and DTLS, by the W3C table or, where configured, pion's rule. */
    private PeerConnectionState aggregateConnectionState() {
        IceConnectionState ice = transportIceConnectionState();
        return config.w3cConnectionState() ? PeerConnectionState.aggregate(ice, List.of(dtlsState))
                : PeerConnectionState.aggregatePion(ice, dtlsState);
    }

    /** The ICE connection state the transport's own state gives, from which connectionState is derived. */
    private IceConnectionState transportIceConnectionState() {
        return IceConnectionState.aggregate(false, List.of(iceTransportState));
    }

    // ---------------------------------------------------------------------------------------
    // Plumbing

    /**
     * Whether no negotiation has completed yet: a stack's first offer, answer and remote offer take
     * longer than later ones ({@link NegotiationTimes}).
     */
    private boolean firstNegotiation() {
        return currentLocal == null;
    }

    private void queueTask(Runnable task) {
        scheduler.post(0, task);
    }

    /** The end of an operation's "in parallel" work: its final task runs unless the connection closed. */
    private void afterOperationDelay(Runnable finalSteps) {
        afterDelay(config.operationDelayNanos(), finalSteps);
    }

    /** The end of "in parallel" work that takes {@code delayNanos}: its final task runs unless the connection closed. */
    private void afterDelay(long delayNanos, Runnable finalSteps) {
        scheduler.post(delayNanos, () -> {
            if (!closed) {
                finalSteps.run();
            }
        });
    }

    private void fire(PeerConnectionEvent event) {
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onEvent(event);
        }
    }

    private static DomException closedError(String method) {
        return new DomException(DomExceptionName.INVALID_STATE_ERROR, method + " on a closed connection");
    }

    /** A media section to negotiate: the parts of RTCRtpTransceiver that negotiation touches. */
    private static final class Transceiver {
        /** The mid of the m-section it is associated with ([[Mid]]), or null. */
        private String mid;
        /** The mid an offer proposed for it ([[JsepMid]]), or null. */
        private String jsepMid;
        /** {@link #mid} at the last stable state, restored by a rollback. */
        private String lastStableMid;
        /** Created by a remote offer not yet answered: a rollback removes it. */
        private boolean createdByRemoteOffer;
    }
}
