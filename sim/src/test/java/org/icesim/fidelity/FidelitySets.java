package org.icesim.fidelity;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.icesim.batch.BatchException;
import org.icesim.batch.Provenance;
import org.icesim.batch.ResultCsv;
import org.icesim.batch.ResultFiles;
import org.icesim.stats.Json;

/** Small fidelity suites and "real" result sets derived from simulated ones, for tests of the machinery. */
public final class FidelitySets {

    /** The committed suite; tests run in the sim module. */
    public static final Path SUITE = Path.of("..", "scenarios", "fidelity");
    public static final Provenance PROVENANCE = new Provenance("test", null, "test", List.of("icesim", "fidelity"));

    private FidelitySets() {
    }

    /** A suite of two cases of the committed one (with its base), in {@code dir}. */
    public static Path twoCaseSuite(Path dir) throws IOException {
        return suite(dir, "cut-12s-never.yaml", "restart-healthy.yaml");
    }

    /** A suite of the named cases of the committed one (with its base), in {@code dir}. */
    public static Path suite(Path dir, String... cases) throws IOException {
        Files.createDirectories(dir.resolve("base"));
        Files.copy(SUITE.resolve("base").resolve("call.yaml"), dir.resolve("base").resolve("call.yaml"));
        for (String name : cases) {
            Files.copy(SUITE.resolve(name), dir.resolve(name));
        }
        return dir;
    }

    /**
     * Copies the result set {@code from} (runs.csv and manifest.json) to {@code to}, changing cells:
     * {@code edits} maps {@code <run id prefix> <column>} (e.g. {@code fidelity-restart-healthy/p2 restart_latency_ms})
     * to a function of the cell's text.
     */
    public static Path derive(Path from, Path to, Map<String, UnaryOperator<String>> edits)
            throws IOException, BatchException {
        Files.createDirectories(to);
        Files.copy(from.resolve(ResultFiles.MANIFEST), to.resolve(ResultFiles.MANIFEST));
        markAsMeasured(to);
        List<List<String>> rows = new ArrayList<>();
        try (ResultCsv reader = ResultCsv.open(from.resolve(ResultFiles.RUNS))) {
            for (ResultCsv.Row row = reader.next(); row != null; row = reader.next()) {
                rows.add(new ArrayList<>(row.cells()));
            }
        }
        List<String> header = rows.get(0);
        int used = 0;
        for (List<String> row : rows.subList(1, rows.size())) {
            for (Map.Entry<String, UnaryOperator<String>> edit : edits.entrySet()) {
                String[] key = edit.getKey().split(" ");
                if (row.get(0).startsWith(key[0] + "/")) {
                    int column = header.indexOf(key[1]);
                    row.set(column, edit.getValue().apply(row.get(column)));
                    used++;
                }
            }
        }
        if (used == 0 && !edits.isEmpty()) {
            throw new IllegalArgumentException("no row matched " + edits.keySet());
        }
        try (OutputStream out = Files.newOutputStream(to.resolve(ResultFiles.RUNS));
                SequenceWriter writer = ResultFiles.csvWriter(out)) {
            for (List<String> row : rows) {
                writer.write(row);
            }
        }
        return to;
    }

    /**
     * Adds the manifest's {@code testbed} object as icesim testbed writes it, with the stack of the
     * directory's name ({@code <stack>-<version>}).
     */
    public static void markAsMeasured(Path directory) throws IOException {
        Path manifest = directory.resolve(ResultFiles.MANIFEST);
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(manifest.toFile());
        ObjectNode testbed = tree.putObject(RealBaseline.TESTBED);
        testbed.put("stack", directory.getFileName().toString().split("-")[0]);
        testbed.put("stack_version", "test");
        Files.write(manifest, Json.bytes(tree));
    }

    /** {@code text} (a number) times {@code factor}, as runs.csv writes it. */
    public static UnaryOperator<String> times(double factor) {
        return text -> millis(new BigDecimal(text).multiply(BigDecimal.valueOf(factor)));
    }

    public static UnaryOperator<String> plus(double ms) {
        return text -> millis(new BigDecimal(text).add(BigDecimal.valueOf(ms)));
    }

    /** Milliseconds as runs.csv writes them: whole nanoseconds, at most six decimals. */
    private static String millis(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    public static UnaryOperator<String> set(String value) {
        return text -> value;
    }
}
