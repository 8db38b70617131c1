package org.icesim.fidelity;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.icesim.batch.Provenance;
import org.icesim.batch.ResultFiles;

/** Small fidelity suites and "real" result sets derived from simulated ones, for tests of the machinery. */
public final class FidelitySets {

    /** The committed suite; tests run in the sim module. */
    public static final Path SUITE = Path.of("..", "scenarios", "fidelity");
    public static final Provenance PROVENANCE = new Provenance("test", null, "test", List.of("icesim", "fidelity"));

    private FidelitySets() {
    }

    /** A suite of two cases of the committed one (with its base), in {@code dir}. */
    public static Path twoCaseSuite(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("base"));
        Files.copy(SUITE.resolve("base").resolve("call.yaml"), dir.resolve("base").resolve("call.yaml"));
        for (String name : List.of("cut-12s-never.yaml", "restart-healthy.yaml")) {
            Files.copy(SUITE.resolve(name), dir.resolve(name));
        }
        return dir;
    }

    /**
     * Copies the result set {@code from} (runs.csv and manifest.json) to {@code to}, changing cells:
     * {@code edits} maps {@code <run id prefix> <column>} (e.g. {@code fidelity-restart-healthy/p2 restart_latency_ms})
     * to a function of the cell's text.
     */
    public static Path derive(Path from, Path to, Map<String, UnaryOperator<String>> edits) throws IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve(ResultFiles.MANIFEST), to.resolve(ResultFiles.MANIFEST));
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> reader = ResultFiles.csvReader(from.resolve(ResultFiles.RUNS))) {
            reader.forEachRemaining(rows::add);
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

    /** {@code text} (a number) times {@code factor}, as runs.csv writes it. */
    public static UnaryOperator<String> times(double factor) {
        return text -> Double.toString(Double.parseDouble(text) * factor);
    }

    public static UnaryOperator<String> plus(double ms) {
        return text -> Double.toString(Double.parseDouble(text) + ms);
    }

    public static UnaryOperator<String> set(String value) {
        return text -> value;
    }
}
