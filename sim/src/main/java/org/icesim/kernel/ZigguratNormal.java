package org.icesim.kernel;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Standard normal draws by the ziggurat method of G. Marsaglia and W. W. Tsang, "The Ziggurat
 * Method for Generating Random Variables", Journal of Statistical Software 5(8), 2000, with 256
 * layers.
 *
 * <p>Why not commons-math's {@code nextGaussian()}: its Box–Muller transform spends a logarithm, a
 * square root, a sine and a cosine on every pair of draws. Here about 99 % of draws take one
 * 64-bit number, a multiplication and a comparison; only the rest (the wedges beside the layers
 * and the tail beyond {@link #R}) evaluate {@link StrictMath#exp} or {@link StrictMath#log}.
 *
 * <p>Why the tables are built with {@link StrictMath}: its results are specified bit for bit on
 * every platform, so the tables, and with them every draw of a seed, are the same everywhere
 * ({@link Math} may use intrinsics that differ in the last bit).
 *
 * <p>Two departures from the paper's listing. The layer index and the uniform come from disjoint
 * bits of one 64-bit draw (the low 8 bits and the high 53): the paper took both from the same
 * 32-bit integer, which J. A. Doornik ("An Improved Ziggurat Method to Generate Normal Random
 * Samples", 2005) showed makes them correlated. And the uniform has 53 bits rather than 32, so the
 * fast path's values are not confined to 2^32 points per layer.
 */
public final class ZigguratNormal {

    /** Number of layers; a power of two, so the layer index is a bit mask of the draw. */
    private static final int LAYERS = 256;

    /**
     * The x where the base layer's rectangle ends and the tail begins: the paper's value for 256
     * layers, for which the layers' recursion below closes at the density's peak (checked to 40
     * digits: it ends within 1e-15 of f(0) = 1).
     */
    private static final double R = 3.6541528853610088;

    /**
     * The area of every layer: R·f(R) plus the tail's area √(π/2)·erfc(R/√2), for f(x) = exp(−x²/2)
     * (computed to 40 digits; the paper's 12-digit value is 4.92867323399e-3).
     */
    private static final double V = 4.928673233974655e-3;

    /** 2^-52: scales the signed high 53 bits of a draw to [−1, 1). */
    private static final double SIGNED_UNIT = 0x1.0p-52;

    /**
     * X[i] is the width of layer i (X[0] the base layer's width if its area V were a rectangle of
     * height f(R)); layer i spans the heights f(X[i]) to f(X[i+1]); X[LAYERS] = 0 is the peak.
     */
    private static final double[] X = new double[LAYERS + 1];

    /** F[i] = f(X[i]). */
    private static final double[] F = new double[LAYERS + 1];

    /**
     * X[i+1] / X[i]: a uniform u in [−1, 1) with |u| below this falls in the part of layer i that
     * lies wholly under the curve, so u·X[i] is accepted without evaluating f.
     */
    private static final double[] INNER_SHARE = new double[LAYERS];

    static {
        X[0] = V / density(R);
        X[1] = R;
        for (int i = 1; i < LAYERS - 1; i++) {
            // Layer i has area V: X[i] · (f(X[i+1]) − f(X[i])) = V.
            X[i + 1] = StrictMath.sqrt(-2 * StrictMath.log(V / X[i] + density(X[i])));
        }
        X[LAYERS] = 0;
        for (int i = 0; i <= LAYERS; i++) {
            F[i] = density(X[i]);
        }
        for (int i = 0; i < LAYERS; i++) {
            INNER_SHARE[i] = X[i + 1] / X[i];
        }
    }

    private ZigguratNormal() {
    }

    /** The next draw from the standard normal distribution (mean 0, standard deviation 1). */
    public static double sample(RandomGenerator rng) {
        while (true) {
            long bits = rng.nextLong();
            int layer = (int) bits & (LAYERS - 1);
            double u = (bits >> 11) * SIGNED_UNIT;
            if (Math.abs(u) < INNER_SHARE[layer]) {
                return u * X[layer];
            }
            if (layer == 0) {
                return Math.copySign(tail(rng), u);
            }
            double x = u * X[layer];
            // The wedge between the inner rectangle and the curve: accept x if a uniform height
            // within the layer falls under f(x).
            if (F[layer] + rng.nextDouble() * (F[layer + 1] - F[layer]) < density(x)) {
                return x;
            }
        }
    }

    /**
     * A draw from the normal tail beyond R, by G. Marsaglia's method ("Generating a variable from
     * the tail of the normal distribution", Technometrics 6(1), 1964), which the paper uses too:
     * x = −ln(U1)/R, y = −ln(U2), accepted when 2y &ge; x², gives R + x.
     */
    private static double tail(RandomGenerator rng) {
        double x;
        double y;
        do {
            x = -StrictMath.log(openAtZero(rng)) / R;
            y = -StrictMath.log(openAtZero(rng));
        } while (y + y < x * x);
        return R + x;
    }

    /** A uniform in (0, 1], so its logarithm is finite. */
    private static double openAtZero(RandomGenerator rng) {
        return 1 - rng.nextDouble();
    }

    /** The unnormalised standard normal density exp(−x²/2). */
    private static double density(double x) {
        return StrictMath.exp(-0.5 * x * x);
    }
}
