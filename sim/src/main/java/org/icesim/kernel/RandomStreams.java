package org.icesim.kernel;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.random.BitsStreamGenerator;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The random draws of one run, split into named, independent streams.
 *
 * <p>Each stream's seed is a hash of (run seed, stream name) and nothing else, so the sequence a
 * component sees depends only on its own name: adding a component, or creating streams in
 * another order, never shifts the draws of another. Streams are commons-math3
 * {@link RandomGenerator}s, so its distributions take them directly.
 */
public final class RandomStreams {

    private final long runSeed;
    private final Map<String, RandomGenerator> streams = new HashMap<>();

    public RandomStreams(long runSeed) {
        this.runSeed = runSeed;
    }

    public long runSeed() {
        return runSeed;
    }

    /** The stream called {@code name}; the same object on every call with that name. */
    public RandomGenerator stream(String name) {
        return streams.computeIfAbsent(name, n -> new SplitMix64(seedOf(runSeed, n)));
    }

    /** The seed of replication {@code index} of a scenario whose base seed is {@code baseSeed}. */
    public static long replicationSeed(long baseSeed, long index) {
        return mix(baseSeed ^ mix(index + 0x632BE59BD9B4E019L));
    }

    static long seedOf(long runSeed, String name) {
        // 64-bit FNV-1a over the UTF-16 code units of the name, then a finaliser so that names
        // differing in one character still give unrelated seeds.
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            hash ^= name.charAt(i);
            hash *= 0x100000001b3L;
        }
        return mix(runSeed ^ mix(hash));
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood, 2014): a bijective 64-bit mixer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * SplitMix64 as a commons-math3 generator: 8 bytes of state, so the thousands of streams a
     * large world creates cost nothing to set up (a Mersenne Twister would need 2.5 KB each).
     */
    private static final class SplitMix64 extends BitsStreamGenerator {
        private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
        private static final long serialVersionUID = 1L;
        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        @Override
        public void setSeed(int seed) {
            setSeed((long) seed);
        }

        @Override
        public void setSeed(int[] seed) {
            long s = 0;
            for (int part : seed) {
                s = mix(s ^ part);
            }
            setSeed(s);
        }

        @Override
        public void setSeed(long seed) {
            state = seed;
            clear();
        }

        @Override
        public long nextLong() {
            state += GOLDEN_GAMMA;
            return mix(state);
        }

        @Override
        protected int next(int bits) {
            return (int) (nextLong() >>> (64 - bits));
        }
    }
}
