package org.icesim.batch;

/**
 * One of {@code count} deterministic slices of a batch: the runs whose position in the batch's run
 * order is {@code index} modulo {@code count}. Dealing runs out in turn spreads every group over
 * all shards, so shards take about the same time. Indexes start at 0, as Slurm's
 * SLURM_ARRAY_TASK_ID (with --array=0-N) and Kubernetes' JOB_COMPLETION_INDEX do.
 */
public record Shard(int index, int count) {

    /** The whole batch. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be >= 1, was " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index must be in [0, " + (count - 1) + "], was " + index);
        }
    }

    /** Parses {@code i/N}, e.g. {@code 3/8}. */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("shard must be i/N with 0 <= i < N, e.g. 0/8, was '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must be i/N with whole numbers, e.g. 0/8, was '" + text + "'", e);
        }
    }

    public boolean contains(int runPosition) {
        return runPosition % count == index;
    }

    public boolean whole() {
        return count == 1;
    }

    /** The name of a shard's default results directory: {@code shard-3-of-8}. */
    public String directoryName() {
        return "shard-" + index + "-of-" + count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
