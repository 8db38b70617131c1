package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.icesim.ice.IceCredentials;
import org.icesim.kernel.Durations;
import org.icesim.kernel.RandomStreams;
import org.icesim.kernel.Simulator;
import org.icesim.net.Ipv4Address;

/** A peer connection on a fake ICE transport, with every event it fires recorded. */
final class TestPeer {

    /** Operation delay used throughout the tests. */
    static final long D = Durations.millis(10);
    /** DTLS handshake time used throughout the tests. */
    static final long DTLS = Durations.millis(30);

    final Simulator sim;
    final PeerConnection pc;
    final FakeIceTransport ice;
    final List<PeerConnectionEvent> events = new ArrayList<>();

    private TestPeer(Simulator sim, String name, int hostOctet, PeerConnectionConfig config) {
        this.sim = sim;
        FakeIceTransport[] made = new FakeIceTransport[1];
        this.pc = new PeerConnection(sim, new RandomStreams(7).stream("peer/" + name + "/webrtc"), config,
                observer -> made[0] = new FakeIceTransport(sim, observer, Ipv4Address.of(192, 0, 2, hostOctet)));
        this.ice = made[0];
        pc.addListener(events::add);
    }

    static TestPeer create(Simulator sim, String name, int hostOctet) {
        return create(sim, name, hostOctet, new PeerConnectionConfig(D, DTLS));
    }

    static TestPeer create(Simulator sim, String name, int hostOctet, PeerConnectionConfig config) {
        return new TestPeer(sim, name, hostOctet, config);
    }

    /** A peer with one media section to negotiate. */
    static TestPeer withMedia(Simulator sim, String name, int hostOctet) {
        return withMedia(sim, name, hostOctet, new PeerConnectionConfig(D, DTLS));
    }

    static TestPeer withMedia(Simulator sim, String name, int hostOctet, PeerConnectionConfig config) {
        TestPeer peer = new TestPeer(sim, name, hostOctet, config);
        peer.pc.addTransceiver();
        return peer;
    }

    <E extends PeerConnectionEvent> List<E> events(Class<E> type) {
        List<E> matching = new ArrayList<>();
        for (PeerConnectionEvent event : events) {
            if (type.isInstance(event)) {
                matching.add(type.cast(event));
            }
        }
        return matching;
    }

    List<Long> negotiationNeededTimes() {
        List<Long> times = new ArrayList<>();
        for (PeerConnectionEvent.NegotiationNeeded event : events(PeerConnectionEvent.NegotiationNeeded.class)) {
            times.add(event.at());
        }
        return times;
    }

    IceCredentials localCredentials() {
        return pc.localDescription().credentials();
    }

    /** Runs the simulator until idle and returns the completion's value, failing if it was not fulfilled. */
    static <T> T await(Simulator sim, Completion<T> completion) {
        sim.run();
        assertThat(completion.isFulfilled())
                .as("operation should be fulfilled, was %s", completion.isRejected() ? completion.error().getMessage() : "pending")
                .isTrue();
        return completion.value();
    }

    /** Runs the simulator until idle and returns the error, failing if the completion was not rejected. */
    static DomException awaitError(Simulator sim, Completion<?> completion) {
        sim.run();
        assertThat(completion.isRejected()).as("operation should be rejected").isTrue();
        return completion.error();
    }

    /** One full offer/answer exchange with parameterless setLocalDescription() on both sides. */
    static void offerAnswer(TestPeer offerer, TestPeer answerer) {
        Simulator sim = offerer.sim;
        await(sim, offerer.pc.setLocalDescription());
        await(sim, answerer.pc.setRemoteDescription(offerer.pc.localDescription()));
        await(sim, answerer.pc.setLocalDescription());
        await(sim, offerer.pc.setRemoteDescription(answerer.pc.localDescription()));
    }

    /** Two peers negotiated once (offerer a, answerer b), events cleared; the clock is at 6 D. */
    static TestPeer[] negotiatedPair(Simulator sim) {
        return negotiatedPair(sim, new PeerConnectionConfig(D, DTLS));
    }

    /** Two peers of this configuration after one offer/answer, their events cleared. */
    static TestPeer[] negotiatedPair(Simulator sim, PeerConnectionConfig config) {
        TestPeer a = withMedia(sim, "a", 1, config);
        TestPeer b = new TestPeer(sim, "b", 2, config);
        offerAnswer(a, b);
        assertThat(sim.now()).isEqualTo(6 * D);
        a.events.clear();
        b.events.clear();
        return new TestPeer[] {a, b};
    }
}
