package org.icesim.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.icesim.batch.BatchException;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.ResultSet;
import org.icesim.batch.RunRow;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.stats.Json;

/**
 * The measurements of one real stack: {@code results/baselines/real/<stack>-<version>/} with the
 * testbed's runs.csv and manifest.json (the same format as a simulated batch), or several such sets in
 * subdirectories, and, optionally,
 * {@code known-failures.yaml}. The directory's name says which stack and version it measured; the
 * manifest's {@code testbed} object, which only {@code icesim testbed} writes, must name the same
 * stack, so a simulated batch cannot pass for a measurement.
 *
 * @param stackVersion the version the testbed recorded ({@code testbed.stack_version}), empty if none
 */
public record RealBaseline(Path directory, RealStack stack, String version, String stackVersion, ResultSet runs,
        List<KnownFailure> knownFailures) {

    public static final Path DEFAULT_ROOT = Path.of("results", "baselines", "real");
    /** The manifest's object that icesim testbed adds: {@code {"stack": "chromium", "stack_version": ...}}. */
    public static final String TESTBED = "testbed";

    public RealBaseline {
        knownFailures = List.copyOf(knownFailures);
    }

    /** {@code <stack>-<version>}, the directory's name. */
    public String label() {
        return stack.key() + "-" + version;
    }

    /** Every baseline of the given stacks under {@code root}, in name order; none when {@code root} does not exist. */
    public static List<RealBaseline> under(Path root, Collection<RealStack> stacks)
            throws IOException, BatchException, ScenarioException {
        if (!Files.exists(root)) {
            return List.of();
        }
        if (!Files.isDirectory(root)) {
            throw new BatchException(root + " is not a directory of real baselines (<stack>-<version>/ folders)");
        }
        List<Path> directories;
        try (Stream<Path> list = Files.list(root)) {
            directories = list.filter(Files::isDirectory).sorted().toList();
        }
        List<RealBaseline> baselines = new ArrayList<>();
        for (Path directory : directories) {
            if (stacks.contains(stackOf(directory))) {
                baselines.add(read(directory));
            }
        }
        return baselines;
    }

    /**
     * Reads a baseline: either one testbed result set (manifest.json and runs.csv in the directory itself) or
     * several, one per subdirectory holding a manifest.json (e.g. one per round trip, each measured by its own
     * {@code icesim testbed --filter} command), whose runs are taken together. Every set must be a measurement
     * of the directory's stack, and all of them of the same version.
     */
    public static RealBaseline read(Path directory) throws IOException, BatchException, ScenarioException {
        RealStack stack = stackOf(directory);
        String name = directory.getFileName().toString();
        String version = name.substring(stack.key().length() + 1);
        List<Path> sets = measurementSets(directory);
        String stackVersion = null;
        Path firstManifest = null;
        Set<String> parameterColumns = new LinkedHashSet<>();
        List<RunRow> rows = new ArrayList<>();
        ResultSet runs = null;
        for (Path set : sets) {
            Path manifest = set.resolve(ResultFiles.MANIFEST);
            // The reader checks runs.csv against the manifest and names the file, line and column of a problem.
            runs = ResultSet.read(set);
            String measuredVersion = measuredStack(manifest, stack).path("stack_version").asText("");
            if (stackVersion == null) {
                stackVersion = measuredVersion;
                firstManifest = manifest;
            } else if (!stackVersion.equals(measuredVersion)) {
                throw new BatchException(manifest + ": testbed.stack_version is '" + measuredVersion + "', but "
                        + firstManifest + " measured '" + stackVersion + "': a baseline holds measurements of one version");
            }
            parameterColumns.addAll(runs.parameterColumns());
            rows.addAll(runs.rows());
        }
        if (sets.size() > 1) {
            runs = new ResultSet(directory, name, List.copyOf(parameterColumns), rows);
        }
        return new RealBaseline(directory, stack, version, stackVersion, runs, KnownFailures.in(directory));
    }

    /** The directory itself when it holds a manifest, else its subdirectories that do, in name order. */
    private static List<Path> measurementSets(Path directory) throws IOException, BatchException {
        List<Path> sets = ResultFiles.setsHolding(directory, ResultFiles.MANIFEST);
        if (sets.isEmpty()) {
            throw new BatchException("no " + ResultFiles.MANIFEST + " in " + directory + " nor in a subdirectory of it: a "
                    + "real baseline keeps the manifest the testbed wrote (stack, version, how it was measured), one per "
                    + "measurement set");
        }
        return sets;
    }

    /** The manifest's {@code testbed} object, checked to name {@code stack}. */
    private static JsonNode measuredStack(Path manifest, RealStack stack) throws IOException, BatchException {
        JsonNode testbed = Json.mapper().readTree(manifest.toFile()).path(TESTBED);
        String measured = testbed.path("stack").asText("");
        if (measured.isEmpty()) {
            throw new BatchException(manifest + ": no testbed.stack: this is not a measurement of icesim testbed (a real "
                    + "baseline keeps the manifest the testbed wrote)");
        }
        if (!measured.equals(stack.key())) {
            throw new BatchException(manifest + ": testbed.stack is '" + measured + "', but the directory name says '"
                    + stack.key() + "'");
        }
        return testbed;
    }

    private static RealStack stackOf(Path directory) throws BatchException {
        String name = directory.getFileName().toString();
        for (RealStack stack : RealStack.values()) {
            if (name.startsWith(stack.key() + "-") && name.length() > stack.key().length() + 1) {
                return stack;
            }
        }
        throw new BatchException(directory + ": a real baseline's directory is named <stack>-<version> with stack one of "
                + RealStack.keys() + ", e.g. chromium-120.0.6099.224");
    }
}
