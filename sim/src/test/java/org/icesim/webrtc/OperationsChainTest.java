package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icesim.webrtc.TestPeer.D;
import static org.icesim.webrtc.TestPeer.await;

import java.util.ArrayList;
import java.util.List;
import org.icesim.kernel.Simulator;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;

/** W3C "chain an operation": one operation at a time, in call order, each after the processing delay. */
class OperationsChainTest {

    private final Simulator sim = SuiteChecks.simulator();
    private final List<String> log = new ArrayList<>();

    private <T> Completion<T> logged(String name, Completion<T> completion) {
        return completion.whenComplete((value, error) ->
                log.add(name + (error == null ? " ok" : " " + error.name().w3cName()) + "@" + sim.now() / D + "D"));
    }

    @Test
    void operationsRunOneAfterAnotherInCallOrderEachTakingTheDelay() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);

        logged("offer1", a.pc.createOffer());
        logged("offer2", a.pc.createOffer());
        logged("offer3", a.pc.createOffer());
        sim.run();

        assertThat(log).containsExactly("offer1 ok@1D", "offer2 ok@2D", "offer3 ok@3D");
    }

    @Test
    void anImmediateRejectionHappensWhenTheOperationReachesTheHeadOfTheChain() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);

        logged("offer", a.pc.createOffer());
        Completion<SessionDescription> answer = logged("answer", a.pc.createAnswer());
        assertThat(answer.isDone()).as("queued behind the offer").isFalse();
        sim.run();

        assertThat(log).containsExactly("offer ok@1D", "answer InvalidStateError@1D");
    }

    @Test
    void parameterlessSetLocalDescriptionCreatesThenAppliesInTwoDelays() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);

        logged("sld", a.pc.setLocalDescription());
        logged("offer", a.pc.createOffer());
        sim.run();

        assertThat(log).containsExactly("sld ok@2D", "offer ok@3D");
    }

    @Test
    void theCallersReactionRunsBeforeTheNextChainedOperationStarts() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);

        a.pc.setLocalDescription().onSuccess(done -> {
            log.add("state seen by the caller: " + a.pc.signalingState().w3cName());
            logged("rollback", a.pc.setLocalDescription(SessionDescription.rollback()));
        });
        // Rejected as soon as it starts, so its reaction would come first if it started too early.
        logged("queued answer", a.pc.createAnswer());
        logged("queued offer", a.pc.createOffer());
        sim.run();

        assertThat(log).containsExactly("state seen by the caller: have-local-offer",
                "queued answer InvalidStateError@2D", "queued offer ok@3D", "rollback ok@4D");
    }

    @Test
    void negotiationNeededWaitsForTheChainToEmpty() {
        TestPeer a = TestPeer.create(sim, "a", 1);
        Completion<SessionDescription> offer = logged("offer", a.pc.createOffer());

        a.pc.addTransceiver();
        sim.runUntil(D - 1);
        assertThat(a.negotiationNeededTimes()).isEmpty();
        sim.run();

        assertThat(log).containsExactly("offer ok@1D");
        assertThat(offer.value().mids()).as("the offer is built at the end of its delay, from the state then")
                .containsExactly("0");
        assertThat(a.negotiationNeededTimes()).containsExactly(D);
    }

    @Test
    void negotiationNeededRaisedOutsideStableFiresOnceStableAgain() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        TestPeer b = TestPeer.create(sim, "b", 2);
        await(sim, a.pc.setLocalDescription());
        a.pc.addTransceiver();
        sim.run();
        assertThat(a.negotiationNeededTimes()).as("have-local-offer: not yet").isEmpty();

        await(sim, b.pc.setRemoteDescription(a.pc.localDescription()));
        await(sim, b.pc.setLocalDescription());
        await(sim, a.pc.setRemoteDescription(b.pc.localDescription()));

        assertThat(a.negotiationNeededTimes()).as("the second media section is still to negotiate").containsExactly(6 * D);
        SessionDescription next = await(sim, a.pc.createOffer());
        assertThat(next.mids()).containsExactly("0", "1");
        assertThat(next.credentials()).isEqualTo(a.pc.currentLocalDescription().credentials());
    }

    @Test
    void negotiationNeededDoesNotFireTwiceUntilANegotiationClearsIt() {
        TestPeer a = TestPeer.withMedia(sim, "a", 1);
        sim.run();
        a.pc.addTransceiver();
        sim.run();
        assertThat(a.negotiationNeededTimes()).containsExactly(0L);

        TestPeer.offerAnswer(a, TestPeer.create(sim, "b", 2));
        a.pc.addTransceiver();
        sim.run();

        assertThat(a.negotiationNeededTimes()).containsExactly(0L, 6 * D);
    }
}
