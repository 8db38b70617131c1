package org.icesim.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.icesim.stats.Json;

/**
 * What {@code icesim bench} measured, as its JSON output stores it, so a later run can be compared
 * with it ({@code bench --baseline FILE}).
 *
 * @param setup what was measured, e.g. "calls reference-call seeds=1000 warmup=200 threads=1" or
 *              "kernel events=20000000"; only results of the same setup compare
 */
public record BenchResult(String setup, int rounds, List<BenchFigure> figures) {

    public BenchResult {
        figures = List.copyOf(figures);
    }

    public Optional<BenchFigure> figure(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public byte[] bytes() throws IOException {
        return Json.bytes(this);
    }

    /** Reads a stored result; a file that is not one is named in the error. */
    public static BenchResult read(Path file) throws IOException {
        try {
            return Json.mapper().readerFor(BenchResult.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no benchmark result " + file, e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not a result of icesim bench --json: "
                    + e.getOriginalMessage(), e);
        }
    }
}
