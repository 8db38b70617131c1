package org.icesim.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.icesim.ice.Candidate;
import org.icesim.ice.CandidateType;
import org.icesim.ice.Candidates;
import org.icesim.ice.IceAgent;
import org.icesim.ice.IceCredentials;
import org.icesim.ice.IceEvent;
import org.icesim.ice.IceProfile;
import org.icesim.ice.IceRole;
import org.icesim.ice.Priorities;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.net.TransportAddress;
import org.icesim.stun.StunMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU time of one ICE connection: two agents with 5 host candidates each (25 pairs) on one
 * simulator, exchanging STUN messages over an in-memory wire with a 10 ms one-way delay, from
 * the candidate exchange until both have a selected pair. {@code direct}: every pair works, so
 * the first check wins; {@code lastPairOnly}: only the lowest-priority pair gets through, so
 * every pair is checked and retransmitted before the nomination.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class IceConnectBench {

    private static final int CANDIDATES = 5;
    private static final long ONE_WAY_DELAY = 10_000_000L;

    @Param({"direct", "lastPairOnly"})
    public String path;

    @Param({"rfc", "libwebrtc"})
    public String profile;

    private long seed;

    @Benchmark
    public long connect() {
        Simulator simulator = new Simulator(false);
        RandomStreams streams = new RandomStreams(seed++);
        Wire wire = new Wire(simulator, path.equals("lastPairOnly"));
        IceProfile iceProfile = IceProfile.named(profile);
        Connection connection = new Connection(simulator);
        IceAgent alice = new IceAgent(simulator, streams.stream("alice"), iceProfile, IceRole.CONTROLLING, false,
                IceCredentials.random(streams.stream("alice/credentials")), wire::send, connection::onAlice);
        IceAgent bob = new IceAgent(simulator, streams.stream("bob"), iceProfile, IceRole.CONTROLLED, false,
                IceCredentials.random(streams.stream("bob/credentials")), wire::send, connection::onBob);
        for (int i = 0; i < CANDIDATES; i++) {
            addHost(wire, alice, iceProfile, TransportAddress.of("10.1.0." + (i + 1), 5000), i);
            addHost(wire, bob, iceProfile, TransportAddress.of("10.2.0." + (i + 1), 6000), i);
        }
        describe(alice, bob);
        describe(bob, alice);
        simulator.runUntil(120_000_000_000L);
        if (!connection.done()) {
            throw new IllegalStateException("agents did not connect");
        }
        return simulator.now();
    }

    private static void addHost(Wire wire, IceAgent agent, IceProfile profile, TransportAddress address, int index) {
        agent.addLocalCandidate(Candidates.host(address, Priorities.localPreference(index, 0), profile.typePreferences()));
        wire.agents.put(address, agent);
    }

    private static void describe(IceAgent from, IceAgent to) {
        to.setRemoteCredentials(from.localCredentials());
        for (Candidate local : from.localCandidates()) {
            to.addRemoteCandidate(Candidate.remote(CandidateType.HOST, local.address(), local.priority(),
                    local.foundation()));
        }
        from.localGatheringComplete();
        to.remoteEndOfCandidates();
    }

    /** Stops the simulator once both agents have selected a pair. */
    private static final class Connection {
        private final Simulator simulator;
        private boolean alice;
        private boolean bob;

        Connection(Simulator simulator) {
            this.simulator = simulator;
        }

        void onAlice(IceEvent event) {
            if (event instanceof IceEvent.SelectedPairChanged change && change.current() != null) {
                alice = true;
                stopIfDone();
            }
        }

        void onBob(IceEvent event) {
            if (event instanceof IceEvent.SelectedPairChanged change && change.current() != null) {
                bob = true;
                stopIfDone();
            }
        }

        boolean done() {
            return alice && bob;
        }

        private void stopIfDone() {
            if (done()) {
                simulator.stop();
            }
        }
    }

    /** Delivers each message after the one-way delay; optionally only between the fifth addresses. */
    private static final class Wire {
        final Map<TransportAddress, IceAgent> agents = new HashMap<>();
        private final Simulator simulator;
        private final boolean lastPairOnly;

        Wire(Simulator simulator, boolean lastPairOnly) {
            this.simulator = simulator;
            this.lastPairOnly = lastPairOnly;
        }

        void send(TransportAddress base, TransportAddress remote, StunMessage message) {
            if (lastPairOnly && ((base.ip().bits() & 0xFF) != CANDIDATES || (remote.ip().bits() & 0xFF) != CANDIDATES)) {
                return;
            }
            IceAgent target = agents.get(remote);
            if (target != null) {
                simulator.schedule(ONE_WAY_DELAY, () -> target.handleStun(remote, base, message));
            }
        }
    }
}
