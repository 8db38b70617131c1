package org.icesim.stats;

import java.util.List;

/** How many cells of a fidelity comparison pass, are known failures, and fail. */
public record FidelityTally(long pass, long known, long fail) {

    public static FidelityTally of(List<FidelityCell> cells) {
        return new FidelityTally(count(cells, FidelityVerdict.PASS), count(cells, FidelityVerdict.KNOWN_FAILURE),
                count(cells, FidelityVerdict.FAIL));
    }

    public long cells() {
        return pass + known + fail;
    }

    /** "120 of 168 cells pass, 30 known failures, 18 fail". */
    @Override
    public String toString() {
        return pass + " of " + cells() + " cells pass, " + known + " known failure" + (known == 1 ? "" : "s") + ", " + fail
                + " fail";
    }

    private static long count(List<FidelityCell> cells, FidelityVerdict verdict) {
        return cells.stream().filter(c -> c.verdict() == verdict).count();
    }
}
