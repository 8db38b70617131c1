package org.icesim.stats;

/**
 * The fidelity rule (design.md §5): a simulated median passes when it lies within ±10 % of the
 * real median or within ±1 round trip of the path, whichever is larger; a "never" must stay never
 * and a value must stay a value. The round trip allows for the one exchange a real stack may do
 * before or after the simulated one; the 10 % for timer spread on long waits.
 */
public final class FidelityRule {

    public static final double RELATIVE = 0.10;

    private FidelityRule() {
    }

    /** The largest allowed distance in ms from a real median of {@code realMs} on a path of round trip {@code rttMs}. */
    public static double toleranceMs(double realMs, double rttMs) {
        return Math.max(RELATIVE * Math.abs(realMs), rttMs);
    }

    /** The verdict of the rule (never {@link FidelityVerdict#KNOWN_FAILURE}) with the reason for a failure. */
    public static Judgement judge(CellMedian simulated, CellMedian real, double rttMs) {
        if (real.runs() == 0) {
            return new Judgement(FidelityVerdict.FAIL, null, "no real runs");
        }
        if (simulated.runs() == 0) {
            return new Judgement(FidelityVerdict.FAIL, null, "no simulated runs");
        }
        if (real.isNever() || simulated.isNever()) {
            if (real.isNever() && simulated.isNever()) {
                return new Judgement(FidelityVerdict.PASS, null, "");
            }
            return new Judgement(FidelityVerdict.FAIL, null, real.isNever() ? "real never, simulated a value"
                    : "real a value, simulated never");
        }
        double tolerance = toleranceMs(real.median(), rttMs);
        double distance = simulated.median() - real.median();
        return Math.abs(distance) <= tolerance ? new Judgement(FidelityVerdict.PASS, tolerance, "")
                : new Judgement(FidelityVerdict.FAIL, tolerance, "off by more than the tolerance");
    }

    /**
     * @param toleranceMs the allowed distance, null when a side is never or missing
     * @param reason      why the cell fails; empty when it passes
     */
    public record Judgement(FidelityVerdict verdict, Double toleranceMs, String reason) {
    }
}
