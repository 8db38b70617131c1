package org.icesim.net;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * How a link loses packets at random. A model is a value; the per-direction state (the
 * Gilbert-Elliott channel state) lives in the {@link Process} it starts, so the two directions of
 * a link lose packets independently.
 */
public sealed interface LossModel permits LossModel.None, LossModel.Bernoulli, LossModel.GilbertElliott {

    /** No random loss. */
    None NONE = new None();

    /** The loss decisions of one link direction, one per packet, in the order packets are sent. */
    @FunctionalInterface
    interface Process {
        /** Whether the next packet is lost. */
        boolean nextLost();
    }

    /** A fresh loss process drawing from {@code rng}. */
    Process start(RandomGenerator rng);

    static Bernoulli bernoulli(double lossProbability) {
        return new Bernoulli(lossProbability);
    }

    record None() implements LossModel {
        @Override
        public Process start(RandomGenerator rng) {
            return () -> false;
        }
    }

    /** Each packet is lost with probability {@code p}, independently of every other packet. */
    record Bernoulli(double p) implements LossModel {
        public Bernoulli {
            Check.probability("loss probability p", p);
        }

        @Override
        public Process start(RandomGenerator rng) {
            return () -> rng.nextDouble() < p;
        }
    }

    /**
     * A two-state Markov channel for bursty loss (Gilbert 1960, Elliott 1963): in the good state a
     * packet is lost with probability {@code lossInGood}, in the bad state with {@code lossInBad}.
     * For every packet the channel first makes its state transition (good to bad with probability
     * {@code goodToBad}, bad to good with {@code badToGood}), then decides loss in the new state.
     * A process starts in the good state.
     *
     * <p>Long-run loss rate: π_bad·lossInBad + (1 − π_bad)·lossInGood with
     * π_bad = goodToBad / (goodToBad + badToGood).
     */
    record GilbertElliott(double goodToBad, double badToGood, double lossInGood, double lossInBad)
            implements LossModel {

        public GilbertElliott {
            Check.probability("Gilbert-Elliott goodToBad", goodToBad);
            Check.probability("Gilbert-Elliott badToGood", badToGood);
            Check.probability("Gilbert-Elliott lossInGood", lossInGood);
            Check.probability("Gilbert-Elliott lossInBad", lossInBad);
            if (badToGood == 0 && goodToBad > 0) {
                throw new IllegalArgumentException("Gilbert-Elliott badToGood must be > 0 when goodToBad is > 0"
                        + " (the channel would stay bad for ever), was 0 with goodToBad " + goodToBad);
            }
        }

        /**
         * The simple Gilbert channel (every packet lost in the bad state, none in the good one) with
         * the given long-run loss rate and mean number of consecutive losses. A loss burst lasts as
         * long as the bad state, a geometric number of packets with mean 1 / badToGood, hence
         * badToGood = 1 / meanBurstLength and goodToBad = rate / ((1 − rate) · meanBurstLength).
         */
        public static GilbertElliott fromMeanLossAndBurst(double meanLossRate, double meanBurstLength) {
            if (!(meanLossRate >= 0 && meanLossRate < 1)) {
                throw new IllegalArgumentException(
                        "Gilbert-Elliott mean loss rate must be in [0, 1), was " + meanLossRate);
            }
            if (!(meanBurstLength >= 1 && meanBurstLength < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(
                        "Gilbert-Elliott mean burst length must be a finite number >= 1 (packets), was " + meanBurstLength);
            }
            double goodToBad = meanLossRate / ((1 - meanLossRate) * meanBurstLength);
            if (goodToBad > 1) {
                throw new IllegalArgumentException("Gilbert-Elliott mean loss rate must be <= burst / (burst + 1) = "
                        + meanBurstLength / (meanBurstLength + 1) + " for mean burst length " + meanBurstLength
                        + " packets, was " + meanLossRate);
            }
            return new GilbertElliott(goodToBad, 1 / meanBurstLength, 0, 1);
        }

        /** The long-run fraction of packets lost. */
        public double meanLossRate() {
            double sum = goodToBad + badToGood;
            double bad = sum == 0 ? 0 : goodToBad / sum;
            return bad * lossInBad + (1 - bad) * lossInGood;
        }

        @Override
        public Process start(RandomGenerator rng) {
            return new Process() {
                private boolean bad;

                @Override
                public boolean nextLost() {
                    bad = bad ? rng.nextDouble() >= badToGood : rng.nextDouble() < goodToBad;
                    return rng.nextDouble() < (bad ? lossInBad : lossInGood);
                }
            };
        }
    }
}
