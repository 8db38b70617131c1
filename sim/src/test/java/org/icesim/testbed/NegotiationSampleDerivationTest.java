package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.icesim.testbed.CallStages.Phase;
import org.icesim.testbed.CallStages.Step;
import org.icesim.webrtc.NegotiationSamples.Quantity;
import org.junit.jupiter.api.Test;

class NegotiationSampleDerivationTest {

    private static Step step(Phase phase, String name, Double... millis) {
        return new Step(phase, name, List.of(millis));
    }

    @Test
    void eachRunsStepsBecomeTheQuantitiesAndTheExtraIsTheSetUpLessTheRestartsMedian() {
        Map<Quantity, List<Double>> samples = NegotiationSampleDerivation.of(List.of(
                step(Phase.SETUP, "start -> offer sent", 20.0, 30.0),
                step(Phase.RESTART, "start -> offer sent", 5.0),
                step(Phase.SETUP, "answerer have-remote-offer -> stable (answer set)", 40.0, 44.0),
                step(Phase.RESTART, "answerer have-remote-offer -> stable (answer set)", 6.0),
                // the restarts' median is 100 (90, 100, 130): 250 -> 150; 80 is below it -> 0
                step(Phase.SETUP, "offer handed -> answerer have-remote-offer", 250.0, 80.0),
                step(Phase.RESTART, "offer handed -> answerer have-remote-offer", 130.0, 90.0, 100.0),
                step(Phase.SETUP, "offer sent -> at the server", 999.0)));

        assertThat(samples).containsExactly(
                Map.entry(Quantity.FIRST_OFFER, List.of(20.0, 30.0)),
                Map.entry(Quantity.OFFER, List.of(5.0)),
                Map.entry(Quantity.FIRST_ANSWER, List.of(40.0, 44.0)),
                Map.entry(Quantity.ANSWER, List.of(6.0)),
                Map.entry(Quantity.FIRST_REMOTE_OFFER_EXTRA, List.of(150.0, 0.0)));
    }

    @Test
    void withoutARestartTheExtraCannotBeTold() {
        Map<Quantity, List<Double>> samples = NegotiationSampleDerivation.of(List.of(
                step(Phase.SETUP, "offer handed -> answerer have-remote-offer", 250.0)));

        assertThat(samples.get(Quantity.FIRST_REMOTE_OFFER_EXTRA)).isEmpty();
        assertThat(samples.get(Quantity.OFFER)).isEmpty();
    }
}
