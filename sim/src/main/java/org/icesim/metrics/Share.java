package org.icesim.metrics;

/**
 * Shares of a group's runs that no single run column holds but the statistics derive from them
 * (alongside the flag metrics such as {@link Metric#USED_TURN}), with the same properties a
 * {@link Metric} declares. Both are headline figures: a comparison without rules judges them.
 */
public enum Share {
    /** Finished runs in which some peer reached iceConnectionState 'failed' (a detect_failed_ms value). */
    REACHED_FAILED(Direction.LOWER_IS_BETTER),
    /** Runs that threw instead of finishing. */
    RUN_FAILED(Direction.LOWER_IS_BETTER);

    private final Direction direction;

    Share(Direction direction) {
        this.direction = direction;
    }

    public Direction direction() {
        return direction;
    }

    /** The name in summary.json and comparisons. */
    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
