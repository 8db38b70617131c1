package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icesim.webrtc.TestPeer.D;
import static org.icesim.webrtc.TestPeer.DTLS;
import static org.icesim.webrtc.TestPeer.await;

import org.icesim.kernel.Durations;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/**
 * A stack's negotiation times become the times of the W3C operations: createOffer and
 * createAnswer take the offer and answer steps less their setLocalDescription (the operation
 * delay), the first setRemoteDescription(offer) takes the extra time, and a later negotiation
 * (one after a description was applied locally and remotely, such as an ICE restart) takes the
 * later times.
 */
class NegotiationTimesTest {

    private static final NegotiationTimes TIMES = new NegotiationTimes(Durations.millis(50), Durations.millis(25),
            Durations.millis(40), Durations.millis(15), Durations.millis(100));

    @Test
    void theFirstNegotiationTakesTheFirstTimesAndARestartTheLaterOnes() {
        Simulator sim = SuiteChecks.simulator();
        PeerConnectionConfig config = new PeerConnectionConfig(D, DTLS, true, true, TIMES);
        TestPeer offerer = TestPeer.withMedia(sim, "a", 1, config);
        TestPeer answerer = TestPeer.create(sim, "b", 2, config);

        await(sim, offerer.pc.setLocalDescription());
        assertThat(sim.now()).as("createOffer 40 ms + setLocalDescription 10 ms").isEqualTo(Durations.millis(50));
        await(sim, answerer.pc.setRemoteDescription(offerer.pc.localDescription()));
        assertThat(sim.now()).as("the first remote offer: 10 ms + 100 ms").isEqualTo(Durations.millis(160));
        await(sim, answerer.pc.setLocalDescription());
        assertThat(sim.now()).as("createAnswer 30 ms + setLocalDescription 10 ms").isEqualTo(Durations.millis(200));
        await(sim, offerer.pc.setRemoteDescription(answerer.pc.localDescription()));
        assertThat(sim.now()).as("a remote answer takes the operation delay").isEqualTo(Durations.millis(210));

        offerer.pc.restartIce();
        await(sim, offerer.pc.setLocalDescription());
        assertThat(sim.now()).isEqualTo(Durations.millis(235));
        await(sim, answerer.pc.setRemoteDescription(offerer.pc.localDescription()));
        assertThat(sim.now()).isEqualTo(Durations.millis(245));
        await(sim, answerer.pc.setLocalDescription());
        assertThat(sim.now()).isEqualTo(Durations.millis(260));
    }

    @Test
    void instantTimesGiveEveryOperationTheOperationDelay() {
        assertThat(new PeerConnectionConfig(D, DTLS).negotiation()).isEqualTo(new NegotiationTimes(2 * D, 2 * D, 2 * D, 2 * D, 0));
    }

    @Test
    void anOfferOrAnswerStepShorterThanItsSetLocalDescriptionIsRejected() {
        NegotiationTimes tooShort = new NegotiationTimes(D, D - 1, D, D, 0);

        assertThatThrownBy(() -> new PeerConnectionConfig(D, DTLS, true, true, tooShort)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an offer or answer step must take at least the operation delay 10000000 ns, was 9999999");
    }

    @Test
    void eachMeasuredStackHasItsTimesAndOthersNone() {
        assertThat(NegotiationTimes.measured("libwebrtc")).contains(NegotiationTimes.CHROMIUM);
        assertThat(NegotiationTimes.measured("firefox")).contains(NegotiationTimes.FIREFOX);
        assertThat(NegotiationTimes.measured("pion")).contains(NegotiationTimes.PION);
        assertThat(NegotiationTimes.measured("rfc")).isEmpty();
        // 26.9 ms, the Chromium median of start -> offer sent
        assertThat(NegotiationTimes.CHROMIUM.firstOfferNanos()).isEqualTo(26_900_000L);
    }
}
