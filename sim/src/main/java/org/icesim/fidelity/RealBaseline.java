package org.icesim.fidelity;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import org.icesim.scenario.ScenarioException;
import org.icesim.stats.Json;

/**
 * The measurements of one real stack: {@code results/baselines/real/<stack>-<version>/} with the
 * testbed's runs.csv and manifest.json (the same format as a simulated batch) and, optionally,
 * {@code known-failures.yaml}. The directory's name says which stack and version it measured;
 * when the manifest names a stack too ({@code "stack": "chromium"} or {@code "stack": {"name": ...}})
 * the two must agree.
 */
public record RealBaseline(Path directory, RealStack stack, String version, ResultSet runs, List<KnownFailure> knownFailures) {

    public static final Path DEFAULT_ROOT = Path.of("results", "baselines", "real");

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
        checkManifestStack(manifest, stack);
        ResultSet runs;
        try {
            runs = ResultSet.read(directory);
        } catch (JsonProcessingException e) {
            throw new BatchException(manifest + ": line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        return new RealBaseline(directory, stack, version, runs, KnownFailures.in(directory));
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

    private static void checkManifestStack(Path manifest, RealStack stack) throws IOException, BatchException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(manifest.toFile());
        } catch (JsonProcessingException e) {
            throw new BatchException(manifest + ": line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        JsonNode named = root == null ? null : root.get("stack");
        if (named != null && named.isObject()) {
            named = named.get("name");
        }
        if (named != null && named.isTextual() && !named.asText().equalsIgnoreCase(stack.key())) {
            throw new BatchException(manifest + ": stack: the manifest says '" + named.asText() + "', the directory name '"
                    + stack.key() + "'");
        }
    }
}
