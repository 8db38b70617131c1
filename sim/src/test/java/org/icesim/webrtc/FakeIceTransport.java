package org.icesim.webrtc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.icesim.ice.CandidateType;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceRole;
import org.icesim.ice.IceTransportState;
import org.icesim.kernel.Scheduler;
import org.icesim.net.Ipv4Address;
import org.icesim.net.Protocol;
import org.icesim.net.TransportAddress;

/**
 * A scripted ICE agent: records every call the peer connection makes, keeps track of
 * generations, and reports back either on a fixed schedule (gathering one host candidate per
 * generation, connecting after a delay) or when the test says so.
 */
final class FakeIceTransport implements IceTransportControl {

    /** Delay value meaning "only when the test calls the manual method". */
    static final long MANUAL = -1;

    private final Scheduler scheduler;
    private final IceTransportObserver observer;
    private final Ipv4Address hostIp;

    /** Every call, as "method(args)@nanos". */
    final List<String> calls = new ArrayList<>();
    final List<IceCandidate> remoteCandidates = new ArrayList<>();
    final List<String> remoteEndOfCandidates = new ArrayList<>();
    /** Every local generation ever started, in order. */
    final List<IceCredentials> localGenerations = new ArrayList<>();
    long gatherDelay = MANUAL;
    long connectDelay = MANUAL;
    IceRole role;
    IceTransportState state = IceTransportState.NEW;
    IceCredentials pairedLocal;
    IceCredentials pairedRemote;
    IceCredentials pendingLocal;
    IceCredentials pendingRemote;
    int restarts;
    boolean closed;
    private final Set<String> gathering = new LinkedHashSet<>();

    FakeIceTransport(Scheduler scheduler, IceTransportObserver observer, Ipv4Address hostIp) {
        this.scheduler = scheduler;
        this.observer = observer;
        this.hostIp = hostIp;
    }

    // ---- IceTransportControl

    @Override
    public void setRole(IceRole newRole) {
        record("setRole(" + newRole.w3cName() + ")");
        role = newRole;
    }

    @Override
    public void setLocalCredentials(IceCredentials credentials) {
        record("setLocalCredentials(" + credentials.ufrag() + ")");
        if (credentials.equals(pairedLocal) || credentials.equals(pendingLocal)) {
            return;
        }
        if (pendingLocal != null) {
            gathering.remove(pendingLocal.ufrag());
        }
        pendingLocal = credentials;
        localGenerations.add(credentials);
        gathering.add(credentials.ufrag());
        observer.onGatheringStateChanged(IceGatheringState.GATHERING);
        if (gatherDelay != MANUAL) {
            scheduler.schedule(gatherDelay, () -> finishGathering(credentials.ufrag()));
        }
    }

    @Override
    public void setRemoteCredentials(IceCredentials credentials, boolean remoteLite) {
        record("setRemoteCredentials(" + credentials.ufrag() + (remoteLite ? ", lite" : "") + ")");
        if (!credentials.equals(pairedRemote)) {
            pendingRemote = credentials;
        }
    }

    @Override
    public void addRemoteCandidate(IceCandidate candidate) {
        record("addRemoteCandidate(" + candidate.usernameFragment() + " " + candidate.address() + ")");
        remoteCandidates.add(candidate);
    }

    @Override
    public void addRemoteEndOfCandidates(String usernameFragment) {
        record("addRemoteEndOfCandidates(" + usernameFragment + ")");
        remoteEndOfCandidates.add(usernameFragment);
    }

    @Override
    public void startChecks(IceCredentials local, IceCredentials remote) {
        record("startChecks(" + local.ufrag() + ", " + remote.ufrag() + ")");
        if (local.equals(pairedLocal) && remote.equals(pairedRemote)) {
            return;
        }
        boolean restart = pairedLocal != null;
        pairedLocal = local;
        pairedRemote = remote;
        if (local.equals(pendingLocal)) {
            pendingLocal = null;
        }
        if (remote.equals(pendingRemote)) {
            pendingRemote = null;
        }
        if (restart) {
            restarts++;
            report(state.afterRestart());
        } else if (state == IceTransportState.NEW) {
            report(IceTransportState.CHECKING);
        }
        if (connectDelay != MANUAL) {
            scheduler.schedule(connectDelay, () -> {
                if (!closed && local.equals(pairedLocal) && remote.equals(pairedRemote)) {
                    connect();
                }
            });
        }
    }

    @Override
    public void rollback() {
        record("rollback()");
        if (pendingLocal != null && gathering.remove(pendingLocal.ufrag()) && gathering.isEmpty()) {
            observer.onGatheringStateChanged(IceGatheringState.COMPLETE);
        }
        pendingLocal = null;
        pendingRemote = null;
    }

    @Override
    public void close() {
        record("close()");
        closed = true;
    }

    // ---- what the test drives

    /** Reports a state change (nothing if unchanged). */
    void report(IceTransportState next) {
        if (next != state) {
            state = next;
            observer.onStateChanged(next);
        }
    }

    /** Connected on the current pairing, with a selected pair. */
    void connect() {
        report(IceTransportState.CONNECTED);
        observer.onSelectedCandidatePairChanged(new IceCandidatePair(hostCandidate(pairedLocal.ufrag()),
                remoteHostCandidate(pairedRemote.ufrag())));
    }

    /** Reports the host candidate, end-of-candidates and (when nothing else gathers) complete for a generation. */
    void finishGathering(String ufrag) {
        if (closed || !gathering.remove(ufrag)) {
            return;
        }
        observer.onLocalCandidate(hostCandidate(ufrag));
        observer.onEndOfLocalCandidates(ufrag);
        if (gathering.isEmpty()) {
            observer.onGatheringStateChanged(IceGatheringState.COMPLETE);
        }
    }

    /** The observer, for reports the fake would not make on its own. */
    IceTransportObserver observer() {
        return observer;
    }

    /** The host candidate this fake gathers for generation {@code ufrag}: port 50000 + its index. */
    IceCandidate hostCandidate(String ufrag) {
        int index = 0;
        for (int i = 0; i < localGenerations.size(); i++) {
            if (localGenerations.get(i).ufrag().equals(ufrag)) {
                index = i;
            }
        }
        return new IceCandidate("1", 1, Protocol.UDP, 2130706431L, new TransportAddress(hostIp, 50000 + index),
                CandidateType.HOST, null, ufrag, null, null);
    }

    private static IceCandidate remoteHostCandidate(String ufrag) {
        return new IceCandidate("2", 1, Protocol.UDP, 2130706431L, TransportAddress.of("198.51.100.1", 40000),
                CandidateType.HOST, null, ufrag, null, null);
    }

    private void record(String call) {
        calls.add(call + "@" + scheduler.now());
    }
}
