package org.icesim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static long[] draw(RandomGenerator generator, int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = generator.nextLong();
        }
        return values;
    }

    @Test
    void sameSeedAndNameGiveTheSameSequence() {
        assertThat(draw(new RandomStreams(42).stream("link/wifi"), 100))
                .isEqualTo(draw(new RandomStreams(42).stream("link/wifi"), 100));
    }

    @Test
    void differentNamesOrSeedsGiveDifferentSequences() {
        long[] base = draw(new RandomStreams(42).stream("link/wifi"), 10);
        assertThat(draw(new RandomStreams(42).stream("link/wifj"), 10)).isNotEqualTo(base);
        assertThat(draw(new RandomStreams(43).stream("link/wifi"), 10)).isNotEqualTo(base);
    }

    @Test
    void creatingOrUsingAnotherStreamNeverShiftsAnExistingOne() {
        RandomStreams alone = new RandomStreams(9);
        long[] expected = draw(alone.stream("nat/home"), 50);

        RandomStreams crowded = new RandomStreams(9);
        draw(crowded.stream("peer/alice"), 1000);
        RandomGenerator nat = crowded.stream("nat/home");
        long[] first = draw(nat, 25);
        draw(crowded.stream("peer/bob"), 1000);
        long[] second = draw(nat, 25);

        long[] actual = new long[50];
        System.arraycopy(first, 0, actual, 0, 25);
        System.arraycopy(second, 0, actual, 25, 25);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void theSameNameReturnsTheSameStream() {
        RandomStreams streams = new RandomStreams(1);
        assertThat(streams.stream("a")).isSameAs(streams.stream("a"));
    }

    @Test
    void streamsPlugIntoCommonsMathDistributions() {
        RandomGenerator generator = new RandomStreams(5).stream("jitter");
        NormalDistribution normal = new NormalDistribution(generator, 10.0, 2.0);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            sum += normal.sample();
        }
        assertThat(sum / n).isBetween(9.95, 10.05);
    }

    @Test
    void uniformDoublesAreUniform() {
        RandomGenerator generator = new RandomStreams(11).stream("u");
        int[] buckets = new int[10];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            buckets[(int) (generator.nextDouble() * 10)]++;
        }
        for (int count : buckets) {
            assertThat(count).isBetween(n / 10 - 500, n / 10 + 500);
        }
    }

    @Test
    void replicationSeedsDifferPerIndexAndAreStable() {
        assertThat(RandomStreams.replicationSeed(1, 0)).isNotEqualTo(RandomStreams.replicationSeed(1, 1));
        assertThat(RandomStreams.replicationSeed(1, 5)).isEqualTo(RandomStreams.replicationSeed(1, 5));
    }
}
