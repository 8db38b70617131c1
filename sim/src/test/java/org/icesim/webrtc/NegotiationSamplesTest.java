package org.icesim.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.icesim.kernel.RandomStreams;
import org.icesim.webrtc.NegotiationSamples.Quantity;
import org.junit.jupiter.api.Test;

class NegotiationSamplesTest {

    private static final long MS = 1_000_000L;

    private static List<String> file(String... extra) {
        return Stream.concat(Stream.of("# provenance", "profile,quantity,ms",
                "s,first-offer,20.0", "s,first-offer,30.0",
                "s,offer,5.0",
                "s,first-answer,40.0", "s,first-answer,44.4",
                "s,answer,0.3",
                "s,first-remote-offer-extra,0.0", "s,first-remote-offer-extra,150.0", "s,first-remote-offer-extra,600.0"),
                Stream.of(extra)).toList();
    }

    @Test
    void aDrawTakesOneMeasuredValuePerQuantityAndReachesEveryOneUniformly() {
        NegotiationSamples samples = NegotiationSamples.parse(file()).get("s");
        var random = new RandomStreams(7).stream("processing/alice");
        Map<Long, Integer> extras = new HashMap<>();
        Set<Long> firstOffers = new java.util.HashSet<>();
        int draws = 3000;
        for (int i = 0; i < draws; i++) {
            NegotiationTimes t = samples.draw(random, MS);
            firstOffers.add(t.firstOfferNanos());
            assertThat(t.offerNanos()).isEqualTo(5 * MS);
            assertThat(t.firstAnswerNanos()).isIn(40 * MS, 44_400_000L);
            extras.merge(t.firstRemoteOfferExtraNanos(), 1, Integer::sum);
        }
        assertThat(firstOffers).containsExactlyInAnyOrder(20 * MS, 30 * MS);
        assertThat(extras).containsOnlyKeys(0L, 150 * MS, 600 * MS);
        // each of 3 values about a third of the time: 1000 expected, sd = sqrt(3000 * 1/3 * 2/3) = 25.8
        assertThat(extras.values()).allSatisfy(count -> assertThat(count).isBetween(1000 - 130, 1000 + 130));
    }

    @Test
    void aStepMeasuredShorterThanTheOperationDelayTakesItButTheExtraMayBeZero() {
        NegotiationSamples samples = NegotiationSamples.parse(file()).get("s");
        var random = new RandomStreams(1).stream("processing/bob");
        for (int i = 0; i < 50; i++) {
            NegotiationTimes t = samples.draw(random, MS);
            assertThat(t.answerNanos()).as("0.3 ms measured").isEqualTo(MS);
        }
        assertThat(Stream.generate(() -> samples.draw(random, MS).firstRemoteOfferExtraNanos()).limit(200)
                .collect(Collectors.toSet())).contains(0L);
    }

    @Test
    void theSameStreamGivesTheSameTimesAndAnotherStreamOthers() {
        NegotiationSamples samples = NegotiationSamples.measured("libwebrtc").orElseThrow();
        var one = new RandomStreams(42).stream("processing/alice");
        var again = new RandomStreams(42).stream("processing/alice");
        var other = new RandomStreams(42).stream("processing/bob");
        List<NegotiationTimes> first = Stream.generate(() -> samples.draw(one, MS)).limit(20).toList();
        List<NegotiationTimes> second = Stream.generate(() -> samples.draw(again, MS)).limit(20).toList();
        List<NegotiationTimes> third = Stream.generate(() -> samples.draw(other, MS)).limit(20).toList();
        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
    }

    @Test
    void theMeasuredStacksHaveEveryRunOfTheirBaselines() {
        // chromium-156.0.0.0: 126 set-ups (42 per round trip), 63 restarts
        NegotiationSamples chromium = NegotiationSamples.measured("libwebrtc").orElseThrow();
        assertThat(chromium.count(Quantity.FIRST_OFFER)).isEqualTo(126);
        assertThat(chromium.count(Quantity.FIRST_REMOTE_OFFER_EXTRA)).isEqualTo(126);
        assertThat(chromium.count(Quantity.OFFER)).isEqualTo(63);
        assertThat(NegotiationSamples.measured("firefox")).isPresent();
        assertThat(NegotiationSamples.measured("pion")).isPresent();
        assertThat(NegotiationSamples.measured("rfc")).isEmpty();
    }

    @Test
    void aBadLineOrAMissingQuantityIsRefusedWithWhere() {
        assertThatThrownBy(() -> NegotiationSamples.parse(file("s,offer")))
                .hasMessageContaining("negotiation-samples.csv:12").hasMessageContaining("profile,quantity,ms");
        assertThatThrownBy(() -> NegotiationSamples.parse(List.of("t,offer,1.0")))
                .hasMessageContaining("no samples of first-offer");
        assertThatThrownBy(() -> NegotiationSamples.parse(file("s,warm-up,1.0")))
                .hasMessageContaining("negotiation-samples.csv:12").hasMessageContaining("unknown quantity 'warm-up'");
        assertThatThrownBy(() -> NegotiationSamples.parse(file("s,offer,fast")))
                .hasMessageContaining("negotiation-samples.csv:12").hasMessageContaining("'fast' is not a number of milliseconds");
    }
}
