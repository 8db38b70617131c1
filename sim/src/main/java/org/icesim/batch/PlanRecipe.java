package org.icesim.batch;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.world.RunOptions;

/**
 * What another machine needs to plan a batch exactly as this one did: the bytes of every scenario
 * file the plan read (the files and the bases they extend) and the options that cut the plan.
 * A scenario point is a deep tree of bound values; rather than make every one of them
 * serializable, the machines that run the runs plan the batch again from these few kilobytes,
 * and {@link #identity} proves that they planned the same runs with the same seeds.
 *
 * @param files     the scenario files in plan order, as absolute paths
 * @param contents  absolute path → bytes, of the scenario files and every base they extend
 * @param filters   the {@code --filter} texts
 * @param checkInvariants whether the runs check the model's invariants ({@code --check}); not part
 *                  of the identity, since checks change no result
 * @param runSeed   the fixed run seed, or null
 * @param identity  {@link #identity(BatchPlan)} of the plan this recipe was taken from
 */
record PlanRecipe(String name, List<String> files, Map<String, byte[]> contents, int seeds, List<String> filters,
        int maxRuns, int shardIndex, int shardCount, boolean events, long loadIntervalNanos, boolean checkInvariants,
        Map<String, String> overrides, Long runSeed, String identity) implements Serializable {

    PlanRecipe {
        files = List.copyOf(files);
        contents = Map.copyOf(contents);
        filters = List.copyOf(filters);
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** The recipe of a plan, with the scenario files read from this machine's disk. */
    static PlanRecipe of(BatchPlan plan) throws IOException {
        List<String> files = new ArrayList<>();
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (PlanFile file : plan.files()) {
            Path path = Path.of(file.file()).toAbsolutePath().normalize();
            files.add(path.toString());
            contents.put(path.toString(), Files.readAllBytes(path));
            for (String base : file.bases().keySet()) {
                Path basePath = path.resolveSibling(base).normalize();
                contents.put(basePath.toString(), Files.readAllBytes(basePath));
            }
        }
        PlanOptions options = plan.options();
        return new PlanRecipe(plan.name(), files, contents, options.seeds(),
                options.filters().stream().map(GroupFilter::toString).toList(), options.maxRuns(), options.shard().index(),
                options.shard().count(), options.runOptions().events(), options.runOptions().loadIntervalNanos(),
                options.runOptions().checkInvariants(), options.overrides(),
                options.runSeed().isPresent() ? options.runSeed().getAsLong() : null, identity(plan));
    }

    /**
     * Plans the batch again from the recipe alone: the files are laid out under a temporary
     * directory at their original absolute paths (so relative {@code extends} resolve the same),
     * planned, and removed.
     *
     * @throws IllegalStateException if the plan differs from the one the recipe was taken from
     */
    BatchPlan plan() throws IOException, ScenarioException, BatchException {
        Path root = Files.createTempDirectory("icesim-plan-");
        try {
            for (Map.Entry<String, byte[]> content : contents.entrySet()) {
                Path target = under(root, content.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, content.getValue());
            }
            List<Path> inputs = files.stream().map(file -> under(root, file)).toList();
            PlanOptions options = new PlanOptions(seeds, filters.stream().map(GroupFilter::parse).toList(), maxRuns,
                    new Shard(shardIndex, shardCount), new RunOptions(events, loadIntervalNanos, null, checkInvariants), overrides,
                    runSeed == null ? OptionalLong.empty() : OptionalLong.of(runSeed));
            BatchPlan plan = new BatchPlanner().plan(name, inputs, options);
            if (!identity(plan).equals(identity)) {
                throw new IllegalStateException("planning batch '" + name + "' again from its scenario files gave other "
                        + "runs than on the machine that started it");
            }
            return plan;
        } finally {
            deleteTree(root);
        }
    }

    /**
     * A digest of what decides a plan's runs and their results, leaving out where its files lie:
     * the files' contents, the parameter columns, and every run's position, id and seed.
     */
    static String identity(BatchPlan plan) {
        StringBuilder text = new StringBuilder(plan.name()).append('\n');
        for (PlanFile file : plan.files()) {
            text.append(file.scenario()).append(' ').append(file.sha256()).append(' ').append(file.bases().values()).append('\n');
        }
        text.append(plan.parameterColumns()).append('\n');
        for (RunSpec run : plan.runs()) {
            text.append(run.position()).append(' ').append(run.runId()).append(' ').append(run.seed()).append('\n');
        }
        return Hashes.sha256(text.toString());
    }

    private static Path under(Path root, String absolute) {
        Path path = Path.of(absolute);
        return root.resolve(path.getRoot().relativize(path).toString());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
