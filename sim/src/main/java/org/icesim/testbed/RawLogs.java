package org.icesim.testbed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.icesim.batch.BatchException;

/**
 * The raw logs a testbed batch keeps per run ({@code raw/<run id with / as _>/<file>.gz}, as
 * {@link Testbed} writes them), read either from that directory or from the {@code raw.tar.gz} a
 * committed baseline holds instead. Only the files a caller asks for are kept, decompressed, as lines.
 */
public final class RawLogs {

    /** The archive a committed baseline keeps its raw logs in. */
    public static final String ARCHIVE = "raw.tar.gz";
    private static final String DIRECTORY = "raw";
    private static final int BLOCK = 512;

    /** run directory name → file name (without .gz) → lines. */
    private final Map<String, Map<String, List<String>>> runs;

    private RawLogs(Map<String, Map<String, List<String>>> runs) {
        this.runs = runs;
    }

    /**
     * The raw logs of a result set, or empty when it has neither {@code raw/} nor {@code raw.tar.gz}
     * (a simulated batch).
     *
     * @param wanted which files to keep, by name without .gz (e.g. {@code signaling.log})
     */
    public static Optional<RawLogs> read(Path results, Predicate<String> wanted) throws IOException, BatchException {
        Map<String, Map<String, List<String>>> runs = new TreeMap<>();
        Path archive = results.resolve(ARCHIVE);
        Path directory = results.resolve(DIRECTORY);
        if (Files.isRegularFile(archive)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
                readTar(archive, in, wanted, runs);
            }
        } else if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.walk(directory, 2)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    keep(directory.relativize(file).toString(), Files.readAllBytes(file), wanted, runs);
                }
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(new RawLogs(runs));
    }

    /** The lines of one file of one run (run id as in runs.csv); empty if the run has no such file. */
    public List<String> lines(String runId, String file) {
        return runs.getOrDefault(runDirectory(runId), Map.of()).getOrDefault(file, List.of());
    }

    /** Whether the logs hold the run at all. */
    public boolean hasRun(String runId) {
        return runs.containsKey(runDirectory(runId));
    }

    private static String runDirectory(String runId) {
        return runId.replace('/', '_');
    }

    /**
     * A POSIX (ustar) tar stream: 512-byte headers with the name (and its ustar prefix) and the
     * size in octal, each file's bytes padded to whole blocks, two zero blocks at the end.
     */
    private static void readTar(Path archive, InputStream in, Predicate<String> wanted,
            Map<String, Map<String, List<String>>> runs) throws IOException, BatchException {
        byte[] header = new byte[BLOCK];
        while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            long size;
            try {
                size = Long.parseLong(text(header, 124, 12).strip(), 8);
            } catch (NumberFormatException e) {
                throw new BatchException(archive + ": entry '" + name + "' has no readable size: not a tar archive");
            }
            byte type = header[156];
            byte[] content = in.readNBytes((int) size);
            if (content.length != size) {
                throw new BatchException(archive + ": entry '" + name + "' is cut short");
            }
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
            if (type == '0' || type == 0) {
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                if (path.startsWith(DIRECTORY + "/")) {
                    keep(path.substring(DIRECTORY.length() + 1), content, wanted, runs);
                }
            }
        }
    }

    private static void keep(String relative, byte[] content, Predicate<String> wanted,
            Map<String, Map<String, List<String>>> runs) throws IOException {
        String[] parts = relative.replace('\\', '/').split("/");
        if (parts.length != 2) {
            return;
        }
        String file = parts[1].endsWith(".gz") ? parts[1].substring(0, parts[1].length() - 3) : parts[1];
        if (!wanted.test(file)) {
            return;
        }
        byte[] bytes = parts[1].endsWith(".gz") ? new GZIPInputStream(new ByteArrayInputStream(content)).readAllBytes() : content;
        runs.computeIfAbsent(parts[0], run -> new TreeMap<>())
                .put(file, Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n")));
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
