package org.icesim.icenet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.ice.Candidate;
import org.icesim.ice.CandidatePair;
import org.icesim.ice.CandidateType;
import org.icesim.ice.IceAgent;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceEvent;
import org.icesim.ice.IceEventListener;
import org.icesim.ice.IceIo;
import org.icesim.ice.IceProfile;
import org.icesim.ice.IceRole;
import org.icesim.ice.NetworkMonitor;
import org.icesim.kernel.Scheduler;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.EventKind;
import org.icesim.metrics.EventSink;
import org.icesim.metrics.SelectedPair;
import org.icesim.net.Host;
import org.icesim.net.InterfaceListener;
import org.icesim.net.Ipv4Address;
import org.icesim.net.NetworkInterface;
import org.icesim.net.Payload;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;
import org.icesim.net.tcp.TcpStack;
import org.icesim.stun.StunMessage;
import org.icesim.webrtc.IceCandidate;
import org.icesim.webrtc.IceCandidatePair;
import org.icesim.webrtc.IceGatheringState;
import org.icesim.webrtc.IceTransportControl;
import org.icesim.webrtc.IceTransportObserver;
import org.icesim.webrtc.IceTransportPolicy;
import org.icesim.webrtc.PeerConnection;

/**
 * One peer's ICE on the simulated network: the {@link IceAgent} with real sockets, STUN and TURN
 * servers underneath, behind the {@link IceTransportControl} a {@link PeerConnection} drives.
 *
 * <p><b>Generations.</b> Each new local generation (W3C setLocalCredentials with new credentials)
 * is a new {@link GatheringSession} with new sockets and allocations, as libwebrtc starts a new
 * port-allocator session per ICE generation; the agent restarts (RFC 8445 §9) at the same moment,
 * so requests arriving early on the new sockets are answered (§7.3). The previous generation's
 * sockets and allocations keep carrying data and answering checks until the new generation
 * selects a pair (§12.1); they are closed {@link IceProfile#freeCandidatesDelay()} later (§8.3.1:
 * packets the peer sent on the old pair before it switched still arrive). A rolled-back
 * generation that was never paired is closed at once. Remote generations wait, with their
 * trickled candidates, until an answer pairs them with a local one.
 *
 * <p><b>Data.</b> {@link #sendData} sends on the agent's selected pair, from the base's socket or
 * relayed through its TURN allocation (ChannelData once the channel bound at selection is in
 * place, RFC 8445 §12.1). Everything that arrives on a socket or from an allocation and is not
 * STUN is handed to the {@linkplain #setDataReceiver data receiver}.
 *
 * <p><b>Network changes.</b> The transport listens to the host's interfaces: a removed
 * interface's sockets and allocations are dropped, and when the profile's network monitor
 * announces changes its candidates are removed from the agent (RFC 8445 §5.1.1.4); when the
 * profile gathers continually (libwebrtc, pion options), an added interface is gathered on in the
 * newest generation, and end-of-candidates is then never signalled (more candidates may come,
 * RFC 8838 §13). Whether to restart is the application's decision.
 *
 * <p><b>Reports.</b> Agent state changes and selected-pair changes go to the observer; a selected
 * pair going away is not reported (libwebrtc signals candidate-pair changes only for a new pair).
 * Metrics: a {@link SelectedPair} (generation = the pair's local generation, 0 before any
 * restart) and an {@link EventDetail.GatheringComplete} with the generation number, node = the
 * peer's name.
 */
public final class NetworkIceTransport implements IceTransportControl {

    private final GatheringContext context;
    private final EventSink events;
    private final String peer;
    private final IceTransportObserver observer;
    private final NetworkChanges networkChanges = new NetworkChanges();
    private final IceIo io = new AgentIo();
    /** Base → endpoint; only looked up, never iterated. */
    private final Map<TransportAddress, LocalEndpoint> endpoints = new HashMap<>();
    /** Live sessions, oldest first; the last one is the agent's current generation. */
    private final List<GatheringSession> sessions = new ArrayList<>();
    /** Announced remote generations by ufrag, in the order they were announced. */
    private final Map<String, RemoteGeneration> remoteGenerations = new LinkedHashMap<>();

    private IceAgent agent;
    private IceRole role;
    /** During a restart, the session of the generation the agent keeps as its previous one. */
    private GatheringSession previousSession;
    private Consumer<Payload> dataReceiver;
    /** The selected pair's endpoint and remote address, so that sending data needs no lookup. */
    private LocalEndpoint routeEndpoint;
    private TransportAddress routeRemote;
    private IceGatheringState gatheringState = IceGatheringState.NEW;
    /** Some local generation was paired with a remote one (an answer was applied). */
    private boolean everPaired;
    private boolean closed;
    private long checksSentByEarlierAgents;
    private long turnAllocations;
    private long datagramsDropped;

    /** The candidates one remote generation announced before an answer paired it (RFC 8838 trickle). */
    private static final class RemoteGeneration {
        final IceCredentials credentials;
        final List<IceCandidate> waiting = new ArrayList<>();
        boolean endOfCandidates;

        RemoteGeneration(IceCredentials credentials) {
            this.credentials = credentials;
        }
    }

    /**
     * @param scheduler simulated time and timers
     * @param host      the peer's host, whose interfaces are gathered on and watched
     * @param tcp       the host's TCP stack, for TURN over TCP or TLS (may be null when no TURN
     *                  server in {@code servers} needs it)
     * @param profile   the ICE implementation constants
     * @param servers   the STUN and TURN servers
     * @param policy    which candidates may be used (W3C iceTransportPolicy)
     * @param random    credentials aside, every draw of this peer's ICE: tie-breaker, transaction IDs
     * @param events    where SELECTED_PAIR and GATHERING_COMPLETE are recorded
     * @param peer      the peer's name, the node of every recorded event
     * @param observer  the peer connection's hooks
     */
    public NetworkIceTransport(Scheduler scheduler, Host host, TcpStack tcp, IceProfile profile, IceServers servers,
            IceTransportPolicy policy, RandomGenerator random, EventSink events, String peer,
            IceTransportObserver observer) {
        if (scheduler == null || host == null || profile == null || servers == null || policy == null || random == null
                || events == null || peer == null || observer == null) {
            throw new IllegalArgumentException("scheduler, host, profile, servers, policy, random, events, peer and observer"
                    + " must not be null");
        }
        if (tcp == null && servers.needsTcp()) {
            throw new IllegalArgumentException("TURN over TCP or TLS needs the host's TcpStack, was null (servers: "
                    + servers.turn() + ")");
        }
        this.context = new GatheringContext(scheduler, host, tcp, profile, servers, policy, random);
        this.events = events;
        this.peer = peer;
        this.observer = observer;
        host.addInterfaceListener(networkChanges);
    }

    // ------------------------------------------------------------------------------------------
    // Media and counters

    /**
     * Sends {@code payload} on the selected pair (RFC 8445 §12.1): from the base's socket, or
     * through its TURN allocation. Returns false, sending nothing, when there is no selected pair,
     * the agent may not send on it now ({@link IceAgent#canSendData()}), or its socket or
     * allocation can no longer send; when that is because their interface vanished, the agent
     * hears of the refused send ({@link IceAgent#dataSendRefused()}). With no pair selected, a
     * profile may send on the best valid pair ({@link IceAgent#pairBeforeSelection()}). This is a
     * media path.
     */
    public boolean sendData(Payload payload) {
        if (routeEndpoint == null && agent != null) {
            CandidatePair early = agent.pairBeforeSelection();
            LocalEndpoint endpoint = early == null ? null : endpoints.get(early.local().base());
            return endpoint != null && endpoint.send(early.remote().address(), payload);
        }
        if (routeEndpoint == null || !agent.canSendData()) {
            return false;
        }
        if (!routeEndpoint.send(routeRemote, payload)) {
            if (interfaceVanished(routeEndpoint)) {
                // The host refuses the send (the socket's local address is gone), as sendto fails with it.
                agent.dataSendRefused();
            }
            return false;
        }
        agent.dataSent();
        return true;
    }

    /** Whether the interface {@code endpoint} was opened on is no longer the host's. */
    private boolean interfaceVanished(LocalEndpoint endpoint) {
        NetworkInterface opened = endpoint.networkInterface();
        return context.host().findInterface(opened.name()).filter(current -> current == opened).isEmpty();
    }

    /** Who receives the data (anything but STUN) arriving on any socket or allocation; null drops it. */
    public void setDataReceiver(Consumer<Payload> receiver) {
        this.dataReceiver = receiver;
    }

    /** Connectivity checks, liveness checks and keepalives the agents have sent, retransmissions included. */
    public long checksSent() {
        return checksSentByEarlierAgents + (agent == null ? 0 : agent.checksSent());
    }

    /** Gathering sessions alive: the current generation's, and the previous one's during a restart. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Local endpoints (bases with their sockets or relays) the transport routes for. */
    public int endpointCount() {
        return endpoints.size();
    }

    /** Remote generations (credentials and candidates) remembered. */
    public int remoteGenerationCount() {
        return remoteGenerations.size();
    }

    /** Candidate pairs in the agent's check list now. */
    public int candidatePairCount() {
        return agent == null ? 0 : agent.checkList().size();
    }

    /** TURN allocations made (successful Allocate transactions). */
    public long turnAllocations() {
        return turnAllocations;
    }

    /** Datagrams dropped here: sends from a base that is gone, data with no receiver, stray ChannelData. */
    public long datagramsDropped() {
        return datagramsDropped;
    }

    /**
     * The newest local generation's number, as in {@link EventKind#SELECTED_PAIR}: 0 for the first,
     * one more for each local ICE restart; -1 before the first local description.
     */
    public int localGeneration() {
        return sessions.isEmpty() ? -1 : newest().generation;
    }

    /** The bases of the live sockets and allocations, oldest generation first. */
    public List<TransportAddress> localBases() {
        List<TransportAddress> bases = new ArrayList<>();
        for (GatheringSession session : sessions) {
            session.collectBases(bases);
        }
        return bases;
    }

    /** The agent's selected pair, or null: the pair data uses now (RFC 8445 §12.1). */
    public CandidatePair selectedPair() {
        return agent == null ? null : agent.selectedPair();
    }

    /** Whether data to the selected pair's remote travels as TURN ChannelData (a relayed pair with its channel bound). */
    public boolean sendsChannelData() {
        return routeEndpoint instanceof RelayAllocation relay && relay.isChannelBound(routeRemote);
    }

    // ------------------------------------------------------------------------------------------
    // IceTransportControl

    @Override
    public void setRole(IceRole newRole) {
        if (closed) {
            return;
        }
        role = newRole;
        if (agent != null) {
            agent.setRole(newRole);
        }
    }

    @Override
    public void setLocalCredentials(IceCredentials credentials) {
        if (closed || agent != null && agent.localCredentials().equals(credentials)) {
            return;
        }
        if (agent == null) {
            startFirstGeneration(credentials);
            return;
        }
        GatheringSession newest = newest();
        // A newer unpaired generation replaces an older unpaired one.
        if (newest.remote == null && dropUnpaired(newest)) {
            startFirstGeneration(credentials);
            return;
        }
        restart(credentials);
    }

    /**
     * Closes the newest generation, which was never paired: a pending restart goes back to the
     * generation it replaced; a first generation retires the agent altogether (returns true).
     * Otherwise the generation the restart replaced is gone (its pair was lost): the agent has
     * nothing to go back to, and the unpaired generation stays.
     */
    private boolean dropUnpaired(GatheringSession newest) {
        if (agent.restarting()) {
            agent.rollbackRestart();
            close(newest);
            previousSession = null;
        } else if (!everPaired) {
            retireAgent();
            close(newest);
            return true;
        }
        return false;
    }

    @Override
    public void setRemoteCredentials(IceCredentials credentials, boolean remoteLite) {
        if (closed) {
            return;
        }
        RemoteGeneration known = remoteGenerations.get(credentials.ufrag());
        if (known == null || !known.credentials.equals(credentials)) {
            remoteGenerations.remove(credentials.ufrag());
            remoteGenerations.put(credentials.ufrag(), new RemoteGeneration(credentials));
        }
    }

    @Override
    public void addRemoteCandidate(IceCandidate candidate) {
        RemoteGeneration generation = closed ? null : remoteGenerations.get(candidate.usernameFragment());
        if (generation == null || generation.endOfCandidates) {
            // RFC 8838 §13: after end-of-candidates the generation takes no more.
            return;
        }
        if (isCurrentRemote(generation)) {
            addToAgent(candidate);
        } else if (!isPaired(generation)) {
            generation.waiting.add(candidate);
        }
        // A late candidate of a replaced generation: that session learns nothing new (RFC 8445 §9).
    }

    @Override
    public void addRemoteEndOfCandidates(String usernameFragment) {
        RemoteGeneration generation = closed ? null : remoteGenerations.get(usernameFragment);
        if (generation == null || generation.endOfCandidates) {
            return;
        }
        generation.endOfCandidates = true;
        if (isCurrentRemote(generation)) {
            agent.remoteEndOfCandidates();
        }
    }

    @Override
    public void startChecks(IceCredentials local, IceCredentials remote) {
        if (closed) {
            return;
        }
        GatheringSession session = sessions.isEmpty() ? null : newest();
        if (session == null || !session.credentials.equals(local)) {
            throw new IllegalStateException("checks between local generation " + local.ufrag()
                    + " and remote " + remote.ufrag() + ": the newest local generation is "
                    + (session == null ? "none" : session.credentials.ufrag()));
        }
        RemoteGeneration generation = remoteGenerations.get(remote.ufrag());
        if (generation == null || !generation.credentials.equals(remote)) {
            throw new IllegalStateException("remote generation " + remote.ufrag() + " was never announced");
        }
        if (session.remote != null) {
            if (session.remote.equals(remote)) {
                return;
            }
            throw new IllegalStateException("local generation " + local.ufrag() + " is paired with remote "
                    + session.remote.ufrag() + "; remote " + remote.ufrag() + " needs new local credentials (RFC 8445 §9)");
        }
        session.remote = remote;
        everPaired = true;
        agent.setRemoteCredentials(remote);
        for (IceCandidate candidate : generation.waiting) {
            addToAgent(candidate);
        }
        generation.waiting.clear();
        if (generation.endOfCandidates) {
            agent.remoteEndOfCandidates();
        }
        forgetRemoteGenerationsBefore(generation);
    }

    @Override
    public void rollback() {
        if (closed) {
            return;
        }
        remoteGenerations.values().removeIf(generation -> !isPaired(generation));
        GatheringSession newest = sessions.isEmpty() ? null : newest();
        if (newest == null || newest.remote != null) {
            return;
        }
        dropUnpaired(newest);
        updateGatheringState();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        context.host().removeInterfaceListener(networkChanges);
        for (GatheringSession session : new ArrayList<>(sessions)) {
            close(session);
        }
        if (agent != null) {
            agent.close();
        }
        routeEndpoint = null;
    }

    // ------------------------------------------------------------------------------------------
    // Generations

    private void startFirstGeneration(IceCredentials credentials) {
        if (role == null) {
            throw new IllegalStateException("the role must be set before the first local generation (W3C [[IceRole]])");
        }
        AgentEvents listener = new AgentEvents();
        agent = new IceAgent(context.scheduler(), context.random(), context.profile(), role, false, credentials, io,
                listener);
        listener.source = agent;
        startSession(0, credentials);
    }

    /**
     * RFC 8445 §9: the agent restarts with the new credentials, and the session of the generation
     * it keeps (the one carrying data, else the one restarted) stays open next to the new one. When
     * the agent keeps no previous generation ({@link IceProfile#keepPreviousGenerationDuringRestart()}),
     * every earlier session closes now.
     */
    private void restart(IceCredentials credentials) {
        GatheringSession restarted = newest();
        restarted.stopGathering();
        agent.restart(credentials);
        CandidatePair carrying = agent.selectedPair();
        LocalEndpoint carryingEndpoint = carrying == null ? null : endpoints.get(carrying.local().base());
        previousSession = !agent.restarting() ? null : carryingEndpoint != null ? carryingEndpoint.session() : restarted;
        for (GatheringSession session : new ArrayList<>(sessions)) {
            if (session != previousSession) {
                close(session);
            }
        }
        startSession(restarted.generation + 1, credentials);
    }

    private void startSession(int generation, IceCredentials credentials) {
        GatheringSession session = new GatheringSession(this, context, generation, credentials);
        sessions.add(session);
        // W3C RTCIceGathererState: a new generation is "gathering", even if it is done at once.
        reportGatheringState(IceGatheringState.GATHERING);
        session.start(context.host().interfaces());
        updateGatheringState();
    }

    /** Closes {@code session} now and forgets it. */
    private void close(GatheringSession session) {
        session.close();
        sessions.remove(session);
        if (routeEndpoint != null && routeEndpoint.session() == session) {
            routeEndpoint = null;
        }
    }

    /** Drops the agent of a generation that was never paired; its events are ignored from now on. */
    private void retireAgent() {
        IceAgent retired = agent;
        agent = null;
        checksSentByEarlierAgents += retired.checksSent();
        retired.close();
    }

    private GatheringSession newest() {
        return sessions.get(sessions.size() - 1);
    }

    /**
     * After a selection change: once the agent is no longer restarting, the previous generation's
     * session is freed after the profile's delay (RFC 8445 §8.3.1), so that packets the peer sent
     * before it switched still arrive.
     */
    private void freePreviousGenerationIfDone() {
        GatheringSession previous = previousSession;
        if (previous == null || agent.restarting()) {
            return;
        }
        previousSession = null;
        long delay = context.profile().freeCandidatesDelay();
        if (delay == 0) {
            close(previous);
        } else {
            context.scheduler().post(delay, () -> {
                if (!previous.isClosed() && previous != previousSession) {
                    close(previous);
                }
            });
        }
    }

    private boolean isCurrentRemote(RemoteGeneration generation) {
        return !sessions.isEmpty() && generation.credentials.equals(newest().remote);
    }

    private boolean isPaired(RemoteGeneration generation) {
        for (GatheringSession session : sessions) {
            if (generation.credentials.equals(session.remote)) {
                return true;
            }
        }
        return false;
    }

    /** Remote generations announced before {@code paired} and paired with no live session are of no more use. */
    private void forgetRemoteGenerationsBefore(RemoteGeneration paired) {
        for (Iterator<RemoteGeneration> it = remoteGenerations.values().iterator(); it.hasNext();) {
            RemoteGeneration generation = it.next();
            if (generation == paired) {
                return;
            }
            if (!isPaired(generation)) {
                it.remove();
            }
        }
    }

    /** A W3C candidate to the agent; icesim's agent checks UDP candidates only. */
    private void addToAgent(IceCandidate candidate) {
        if (candidate.protocol() == Protocol.UDP) {
            agent.addRemoteCandidate(Candidate.remote(candidate.type(), candidate.address(), candidate.priority(),
                    candidate.foundation()));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Reports from the sessions and endpoints

    void register(TransportAddress base, LocalEndpoint endpoint) {
        endpoints.put(base, endpoint);
    }

    void unregister(TransportAddress base) {
        endpoints.remove(base);
    }

    void allocationMade() {
        turnAllocations++;
    }

    /** A candidate appeared: the agent keeps it unless redundant (RFC 8445 §5.1.3), and then it is trickled. */
    void candidateGathered(GatheringSession session, Candidate candidate, TransportAddress related) {
        if (closed || session != newest() || !agent.addLocalCandidate(candidate)) {
            return;
        }
        observer.onLocalCandidate(toW3c(candidate, related, session.credentials.ufrag()));
    }

    void gatheringFinished(GatheringSession session) {
        if (closed || session != newest()) {
            return;
        }
        agent.localGatheringComplete();
        if (!session.endOfCandidatesSignalled && !context.profile().continualGathering()) {
            session.endOfCandidatesSignalled = true;
            observer.onEndOfLocalCandidates(session.credentials.ufrag());
        }
        if (!session.completionRecorded) {
            session.completionRecorded = true;
            events.record(context.scheduler().now(), peer, new EventDetail.GatheringComplete(session.generation));
        }
        updateGatheringState();
    }

    /** Candidates on these bases are gone (an interface or an allocation was lost). */
    void basesLost(List<TransportAddress> bases) {
        if (!closed && agent != null && !bases.isEmpty()) {
            agent.removeLocalCandidates(bases);
        }
    }

    void stunArrived(TransportAddress base, TransportAddress source, StunMessage message) {
        if (agent != null) {
            agent.handleStun(base, source, message);
        }
    }

    void dataArrived(TransportAddress base, TransportAddress source, Payload payload) {
        Consumer<Payload> receiver = dataReceiver;
        if (receiver == null || closed) {
            datagramsDropped++;
            return;
        }
        receiver.accept(payload);
        if (agent != null) {
            agent.dataReceived(base, source);
        }
    }

    void datagramDropped() {
        datagramsDropped++;
    }

    // ------------------------------------------------------------------------------------------
    // Agent events

    private void onAgentEvent(IceEvent event) {
        if (event instanceof IceEvent.TransportStateChanged change) {
            observer.onStateChanged(change.to());
        } else if (event instanceof IceEvent.SelectedPairChanged change) {
            selectedPairChanged(change.current());
        }
    }

    private void selectedPairChanged(CandidatePair pair) {
        if (pair == null) {
            routeEndpoint = null;
            routeRemote = null;
        } else {
            LocalEndpoint endpoint = endpoints.get(pair.local().base());
            routeEndpoint = endpoint;
            routeRemote = pair.remote().address();
            GatheringSession session = endpoint != null ? endpoint.session() : newest();
            TransportAddress related = null;
            if (endpoint instanceof RelayAllocation relay) {
                // RFC 8445 §12.1: a channel for the data of a relayed pair.
                relay.bindChannel(routeRemote);
                related = relay.mapped();
            } else if (pair.local().type() != CandidateType.HOST) {
                related = pair.local().base();
            }
            Candidate remote = pair.remote();
            String remoteUfrag = session.remote != null ? session.remote.ufrag() : null;
            observer.onSelectedCandidatePairChanged(new IceCandidatePair(
                    toW3c(pair.local(), related, session.credentials.ufrag()),
                    new IceCandidate(remote.foundation(), remote.componentId(), Protocol.UDP, remote.priority(),
                            remote.address(), remote.type(), null, remoteUfrag, null, null)));
            events.record(context.scheduler().now(), peer, new SelectedPair(session.generation,
                    pair.local().type().sdpName(), remote.type().sdpName()));
        }
        freePreviousGenerationIfDone();
    }

    private void updateGatheringState() {
        IceGatheringState next;
        if (!sessions.isEmpty() && newest().isGathering()) {
            next = IceGatheringState.GATHERING;
        } else {
            next = gatheringState == IceGatheringState.NEW && sessions.isEmpty()
                    ? IceGatheringState.NEW : IceGatheringState.COMPLETE;
        }
        reportGatheringState(next);
    }

    private void reportGatheringState(IceGatheringState next) {
        if (next != gatheringState) {
            gatheringState = next;
            observer.onGatheringStateChanged(next);
        }
    }

    private static IceCandidate toW3c(Candidate candidate, TransportAddress related, String ufrag) {
        return new IceCandidate(candidate.foundation(), candidate.componentId(), Protocol.UDP, candidate.priority(),
                candidate.address(), candidate.type(), candidate.type() == CandidateType.HOST ? null : related, ufrag,
                null, null);
    }

    /** Forwards the current agent's events; a retired agent's are ignored. */
    private final class AgentEvents implements IceEventListener {
        IceAgent source;

        @Override
        public void onEvent(IceEvent event) {
            if (source == agent && !closed) {
                onAgentEvent(event);
            }
        }
    }

    /** The agent's way out: each base maps to its socket or allocation. */
    private final class AgentIo implements IceIo {
        @Override
        public void send(TransportAddress base, TransportAddress remote, StunMessage message) {
            LocalEndpoint endpoint = endpoints.get(base);
            if (endpoint == null || !endpoint.send(remote, message)) {
                datagramsDropped++;
            }
        }

        @Override
        public void prepareRelay(TransportAddress relayedBase, Ipv4Address peerIp, Runnable ready) {
            if (endpoints.get(relayedBase) instanceof RelayAllocation relay) {
                relay.whenPermitted(peerIp, ready);
            } else {
                ready.run();
            }
        }
    }

    /** The host's interface changes (reported asynchronously, as an operating system does). */
    private final class NetworkChanges implements InterfaceListener {
        @Override
        public void interfaceAdded(NetworkInterface added) {
            if (!closed && context.profile().continualGathering() && !sessions.isEmpty()) {
                newest().gatherOnAdded(added);
                updateGatheringState();
            }
        }

        /**
         * The vanished interface's sockets are closed by the host; their candidates go too
         * (RFC 8445 §5.1.1.4) when the stack learns of the removal; when its network monitor is
         * silent the agent keeps them, its sends from them fail, and only its liveness rules
         * notice ({@link IceProfile#networkMonitor()}).
         */
        @Override
        public void interfaceRemoved(NetworkInterface removed) {
            if (closed) {
                return;
            }
            List<TransportAddress> lost = new ArrayList<>();
            for (GatheringSession session : sessions) {
                session.dropInterface(removed, lost);
            }
            if (context.profile().networkMonitor() == NetworkMonitor.ANNOUNCED) {
                basesLost(lost);
            }
            updateGatheringState();
        }
    }
}
