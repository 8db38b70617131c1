package org.icesim.net;

import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.icesim.kernel.Durations;
import org.icesim.kernel.ZigguratNormal;

/**
 * The extra delay a link adds to each packet on top of its propagation delay. Every variant draws
 * a value &ge; 0, so jitter only ever delays a packet; whether packets may then overtake each
 * other is the link's {@code reorder} setting, not the distribution's.
 *
 * <p>A variant is a value (it can be compared, printed and loaded from a scenario); the draws come
 * from the {@link Sampler} it builds on the link's random stream.
 */
public sealed interface Jitter permits Jitter.None, Jitter.HalfNormal, Jitter.LogNormal, Jitter.Pareto {

    /**
     * Draws are capped at one day: a packet held that long is as good as lost in any run, and the
     * cap keeps arrival-time arithmetic far from overflow when a heavy tail draws a huge value.
     */
    long MAX_EXTRA_DELAY_NANOS = 86_400L * Durations.NANOS_PER_SECOND;

    /** No extra delay. */
    None NONE = new None();

    /** Draws extra delays from one random stream. */
    @FunctionalInterface
    interface Sampler {
        /** The next packet's extra delay in nanoseconds, in [0, {@link #MAX_EXTRA_DELAY_NANOS}]. */
        long nextExtraDelayNanos();
    }

    /** A sampler drawing from this distribution with {@code rng}. */
    Sampler sampler(RandomGenerator rng);

    static HalfNormal halfNormal(long sdNanos) {
        return new HalfNormal(sdNanos);
    }

    /** A log-normal jitter given by its median and 99th percentile, both in nanoseconds. */
    static LogNormal logNormal(long medianNanos, long p99Nanos) {
        return LogNormal.fromMedianAndP99(medianNanos, p99Nanos);
    }

    static Pareto pareto(long scaleNanos, double shape) {
        return new Pareto(scaleNanos, shape);
    }

    private static long toNanos(double sample) {
        return sample >= MAX_EXTRA_DELAY_NANOS ? MAX_EXTRA_DELAY_NANOS : Math.round(sample);
    }

    /** Every packet takes exactly the propagation delay. */
    record None() implements Jitter {
        @Override
        public Sampler sampler(RandomGenerator rng) {
            return () -> 0L;
        }
    }

    /**
     * The absolute value of a zero-mean normal draw with standard deviation {@code sdNanos}: a
     * half-normal, mean sd·√(2/π) ≈ 0.80·sd. The absolute value (rather than truncation at 0)
     * keeps the distribution continuous instead of giving half of all packets no jitter at all.
     * The normal draws are {@link ZigguratNormal}'s, the same bits on every platform.
     */
    record HalfNormal(long sdNanos) implements Jitter {
        public HalfNormal {
            Check.inRange("jitter sd", sdNanos, 1, MAX_EXTRA_DELAY_NANOS, "ns");
        }

        @Override
        public Sampler sampler(RandomGenerator rng) {
            return () -> toNanos(sdNanos * Math.abs(ZigguratNormal.sample(rng)));
        }
    }

    /**
     * Extra delay whose natural logarithm (of nanoseconds) is normal with mean {@code mu} and
     * standard deviation {@code sigma}: median e^mu, a long right tail. The normal draws are
     * {@link ZigguratNormal}'s and the exponential {@link StrictMath}'s, the same bits on every
     * platform.
     */
    record LogNormal(double mu, double sigma) implements Jitter {
        /** The 0.99 quantile of the standard normal distribution. */
        private static final double Z_99 = 2.3263478740408408;

        public LogNormal {
            if (!Double.isFinite(mu)) {
                throw new IllegalArgumentException("log-normal jitter mu must be finite, was " + mu);
            }
            Check.positive("log-normal jitter sigma", sigma);
        }

        /** The log-normal whose median and 99th percentile are the given values (0 &lt; median &lt; p99). */
        public static LogNormal fromMedianAndP99(long medianNanos, long p99Nanos) {
            Check.inRange("log-normal jitter median", medianNanos, 1, MAX_EXTRA_DELAY_NANOS, "ns");
            if (p99Nanos <= medianNanos) {
                throw new IllegalArgumentException("log-normal jitter p99 must be > median (" + medianNanos
                        + " ns), was " + p99Nanos + " ns");
            }
            double mu = StrictMath.log(medianNanos);
            return new LogNormal(mu, (StrictMath.log(p99Nanos) - mu) / Z_99);
        }

        @Override
        public Sampler sampler(RandomGenerator rng) {
            return () -> toNanos(StrictMath.exp(mu + sigma * ZigguratNormal.sample(rng)));
        }
    }

    /**
     * A heavy-tailed extra delay: a Pareto draw with the given scale and shape, minus the scale,
     * so the extra delay starts at 0 (the Lomax or Pareto type II form) instead of adding a fixed
     * {@code scaleNanos} to every packet. Median scale·(2^(1/shape) − 1); the mean is finite only
     * for shape &gt; 1 (scale / (shape − 1)).
     */
    record Pareto(long scaleNanos, double shape) implements Jitter {
        public Pareto {
            Check.inRange("pareto jitter scale", scaleNanos, 1, MAX_EXTRA_DELAY_NANOS, "ns");
            Check.positive("pareto jitter shape", shape);
        }

        @Override
        public Sampler sampler(RandomGenerator rng) {
            ParetoDistribution pareto = new ParetoDistribution(rng, scaleNanos, shape);
            return () -> toNanos(pareto.sample() - scaleNanos);
        }
    }
}
