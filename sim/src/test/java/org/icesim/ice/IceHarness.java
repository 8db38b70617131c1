package org.icesim.ice;

import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;

/** Two agents, alice (controlling) and bob (controlled), on one {@link Wire}. */
final class IceHarness {

    final Simulator simulator = SuiteChecks.simulator();
    final Wire wire;
    final Peer alice;
    final Peer bob;

    IceHarness(IceProfile profile, long oneWayDelay) {
        this(profile, profile, oneWayDelay, 1);
    }

    IceHarness(IceProfile aliceProfile, IceProfile bobProfile, long oneWayDelay, long seed) {
        RandomStreams streams = new RandomStreams(seed);
        wire = new Wire(simulator, oneWayDelay);
        alice = new Peer("alice", simulator, wire, streams, aliceProfile, IceRole.CONTROLLING, false);
        bob = new Peer("bob", simulator, wire, streams, bobProfile, IceRole.CONTROLLED, false);
    }

    /** One host candidate each (alice 10.0.0.1:5000, bob 10.0.0.2:6000), exchanged, gathering complete. */
    IceHarness withOneHostEach() {
        alice.host(wire, "10.0.0.1:5000", 0);
        bob.host(wire, "10.0.0.2:6000", 0);
        alice.agent.localGatheringComplete();
        bob.agent.localGatheringComplete();
        return this;
    }

    /** Both learn each other's description at the current instant. */
    IceHarness exchange() {
        alice.learn(bob);
        bob.learn(alice);
        return this;
    }

    void runFor(long nanos) {
        simulator.runUntil(simulator.now() + nanos);
    }
}
