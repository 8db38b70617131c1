package org.icesim.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.icesim.batch.BatchException;
import org.icesim.batch.ResultFiles;
import org.icesim.batch.ResultSet;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.stats.Json;

/**
 * The measurements of one real stack: {@code results/baselines/real/<stack>-<version>/} with the
 * testbed's runs.csv and manifest.json (the same format as a simulated batch) and, optionally,
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

    public static RealBaseline read(Path directory) throws IOException, BatchException, ScenarioException {
        RealStack stack = stackOf(directory);
        String name = directory.getFileName().toString();
        String version = name.substring(stack.key().length() + 1);
        Path manifest = directory.resolve(ResultFiles.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new BatchException("no " + ResultFiles.MANIFEST + " in " + directory
                    + ": a real baseline keeps the manifest the testbed wrote (stack, version, how it was measured)");
        }
        // The reader checks runs.csv against the manifest and names the file, line and column of a problem.
        ResultSet runs = ResultSet.read(directory);
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
        return new RealBaseline(directory, stack, version, testbed.path("stack_version").asText(""), runs,
                KnownFailures.in(directory));
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
