package org.icesim.stats;

/** What the fidelity rule says about one cell (case × RTT × metric) of a simulated-vs-real comparison. */
public enum FidelityVerdict {
    /** Within tolerance, or "never" on both sides. */
    PASS,
    /** Outside tolerance, "never" on one side only, or not measured on the real stack. */
    FAIL,
    /** A failing cell that the baseline's allow-list names, with a reason. */
    KNOWN_FAILURE;

    /** pass, FAIL or known, as tables show it. */
    public String word() {
        return switch (this) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case KNOWN_FAILURE -> "known";
        };
    }
}
