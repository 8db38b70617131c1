package org.icesim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.SourceLocation;
import org.icesim.scenario.yaml.YamlNode;
import org.icesim.scenario.yaml.YamlReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the scenario loader hostile files derived from the scenario library: truncated, with
 * flipped bytes, with every key given a value of the wrong type or an absurd size, nested too
 * deep, alias bombs, binary garbage, invalid UTF-8 and files far beyond the size limit. Each case
 * must end in a valid load or in problems that each name a file and a line, within a time limit;
 * any other exception, a hang or an exhausted heap fails the test with the case that caused it.
 * The cases are drawn from a fixed seed, so a failure repeats.
 */
class ScenarioLoaderFuzzTest {

    private static final Path LIBRARY = Path.of("../scenarios");
    private static final long SEED = 0x1CE5_11D5L;
    private static final Duration PER_CASE = Duration.ofSeconds(10);
    /** Cases per category and outcome, printed at the end for the reliability notes. */
    private static final Map<String, int[]> TALLY = new LinkedHashMap<>();

    /** Values of the wrong type or an absurd size, tried in place of every key of the library. */
    private static final List<String> HOSTILE_VALUES = List.of(
            "{}", "[]", "{x: 1}", "[1, 2]", "~", "true", "''", "x", "-1", "0", "-0.0", "1e400", "-1e400",
            "1180591620717411303424", "-1180591620717411303424", "9223372036854775808ns", "2562048h", "1e400ms",
            "1" + "0".repeat(400) + "ms", "0.000000000001ns", "-5s", ".nan", ".inf", "100000000%", "-1%",
            "99999999999999999999Gbps", "1000000000000MiB", "on-disconnected(1e400s)", "on-disconnected(-1s)",
            "[" + "1, ".repeat(2000) + "1]", "\"" + "z".repeat(100_000) + "\"", "!!binary aGVsbG8=", "!!set {a, b}");

    @TempDir
    static Path dir;
    private static List<Path> library;
    private static final ScenarioLoader LOADER = new ScenarioLoader();
    private final Random random = new Random(SEED);

    @BeforeAll
    static void copyLibrary() throws IOException {
        List<Path> copies = new ArrayList<>();
        try (Stream<Path> files = Files.list(LIBRARY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                copies.add(Files.copy(file, dir.resolve(file.getFileName())));
            }
        }
        library = List.copyOf(copies);
        assertThat(library).hasSizeGreaterThan(10);
    }

    @AfterAll
    static void printTally() {
        int total = 0;
        StringBuilder text = new StringBuilder("scenario loader fuzz cases (valid / located error):\n");
        for (Map.Entry<String, int[]> e : TALLY.entrySet()) {
            text.append(String.format("  %-18s %6d / %6d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
            total += e.getValue()[0] + e.getValue()[1];
        }
        System.out.print(text.append("  total ").append(total).append('\n'));
    }

    @Test
    void truncatedFilesEndInALocatedErrorOrALoad() throws Exception {
        for (Path file : library) {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < 50; i++) {
                check("truncated", mutant(file, "cut" + i, Arrays.copyOf(bytes, random.nextInt(bytes.length + 1))));
            }
        }
    }

    @Test
    void flippedBytesEndInALocatedErrorOrALoad() throws Exception {
        for (Path file : library) {
            byte[] original = Files.readAllBytes(file);
            for (int i = 0; i < 60; i++) {
                byte[] bytes = original.clone();
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) "{}[]:,&*!|>-'\"#\n\t ".charAt(random.nextInt(18));
                }
                check("byte-flip", mutant(file, "flip" + i, bytes));
            }
        }
    }

    @Test
    void shuffledAndReindentedLinesEndInALocatedErrorOrALoad() throws Exception {
        for (Path file : library) {
            List<String> original = Files.readAllLines(file);
            for (int i = 0; i < 30; i++) {
                List<String> lines = new ArrayList<>(original);
                int a = random.nextInt(lines.size());
                int b = random.nextInt(lines.size());
                switch (random.nextInt(4)) {
                    case 0 -> lines.remove(a);
                    case 1 -> lines.add(b, lines.get(a));
                    case 2 -> java.util.Collections.swap(lines, a, b);
                    default -> lines.set(a, " ".repeat(random.nextInt(9)) + lines.get(a).stripLeading());
                }
                check("line-edit", mutant(file, "line" + i, String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void everyKeyGivenAWrongTypeOrAHugeNumberEndsInALocatedError() throws Exception {
        for (Path file : library) {
            for (String path : keyPaths(new ScenarioFiles().read(file), "")) {
                for (int i = 0; i < 3; i++) {
                    String value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
                    check("wrong-type", file, Map.of(path, value));
                }
            }
        }
    }

    @Test
    void randomScenariosFromTheKeyVocabularyEndInALocatedErrorOrALoad() throws Exception {
        List<String> keys = List.of("name", "duration", "seeds", "sweep", "servers", "links", "nats", "peers", "media",
                "timeline", "extends", "type", "at", "delay", "jitter", "loss", "bandwidth", "interfaces", "link", "behind",
                "profile", "policy", "action", "peer", "interface", "mapping", "filtering", "timeout", "audio", "video",
                "alice", "bob", "lan", "wifi", "turn1", "stun1", "home", "every", "until");
        for (int i = 0; i < 400; i++) {
            StringBuilder yaml = new StringBuilder();
            randomMap(yaml, keys, 0, 1 + random.nextInt(4));
            check("random-tree", mutant(library.get(0), "random" + i, yaml.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void deepNestingIsRefusedWithItsLimit() throws Exception {
        int limit = YamlReader.MAX_DEPTH;
        for (int depth : new int[] {limit - 2, limit - 1, limit, limit + 1, limit + 2, 500, 100_000, 1_000_000}) {
            check("deep-nesting", text("flow-list" + depth, "name: x\nsweep: " + "[".repeat(depth) + "]".repeat(depth) + "\n"));
            check("deep-nesting", text("flow-map" + depth, "a: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n"));
            if (depth < 10_000) {
                StringBuilder block = new StringBuilder();
                for (int level = 0; level < depth; level++) {
                    block.append(" ".repeat(level)).append("k:\n");
                }
                check("deep-nesting", text("block" + depth, block.append(" ".repeat(depth)).append("v\n").toString()));
                check("deep-nesting", text("unclosed" + depth, "a: " + "[".repeat(depth)));
            }
        }
        Path deep = text("deep-message", "a: " + "[".repeat(limit + 5) + "]".repeat(limit + 5) + "\n");
        assertThat(loadError(deep)).contains("nesting deeper than " + limit);
    }

    @Test
    void aliasBombsAreRefusedWithTheirLimit() throws Exception {
        for (int levels = 2; levels <= 12; levels++) {
            for (int fan : new int[] {2, 5, 10}) {
                check("alias-bomb", text("laughs-list" + levels + "x" + fan, laughs(levels, fan, "[", "]", "")));
                check("alias-bomb", text("laughs-map" + levels + "x" + fan, laughs(levels, fan, "{", "}", "k%d: ")));
            }
        }
        // Many cheap aliases rather than one expensive one.
        check("alias-bomb", text("many-aliases", "a: &a 1\nb: [" + "*a, ".repeat(10_000) + "*a]\n"));
        check("alias-bomb", text("alias-key", "a: &a x\n*a : 1\n"));
        check("alias-bomb", text("self-alias", "a: &a [*a]\n"));
        check("alias-bomb", text("merge-key", "base: &b {x: 1}\nother: {<<: *b, y: 2}\n"));
        assertThat(loadError(text("laughs-message", laughs(10, 10, "[", "]", ""))))
                .containsAnyOf("more than " + YamlReader.MAX_EXPANDED_VALUES, "at most " + YamlReader.MAX_ALIASES);
    }

    @Test
    void binaryGarbageEndsInALocatedError() throws Exception {
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(i < 100 ? 64 : 64 * 1024)];
            random.nextBytes(bytes);
            check("binary", mutant(library.get(0), "garbage" + i, bytes));
        }
        check("binary", mutant(library.get(0), "zip", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}));
        check("binary", mutant(library.get(0), "nul-only", new byte[4096]));
    }

    @Test
    void invalidUtf8AndOtherEncodingsEndInALocatedError() throws Exception {
        byte[][] sequences = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        for (Path file : library) {
            byte[] original = Files.readAllBytes(file);
            for (byte[] sequence : sequences) {
                int at = random.nextInt(original.length + 1);
                byte[] bytes = new byte[original.length + sequence.length];
                System.arraycopy(original, 0, bytes, 0, at);
                System.arraycopy(sequence, 0, bytes, at, sequence.length);
                System.arraycopy(original, at, bytes, at + sequence.length, original.length - at);
                check("invalid-utf8", mutant(file, "utf8-" + at, bytes));
            }
            String text = Files.readString(file);
            check("other-encoding", mutant(file, "utf16", text.getBytes(StandardCharsets.UTF_16)));
            check("other-encoding", mutant(file, "latin1", ("# café\n" + text).getBytes(StandardCharsets.ISO_8859_1)));
            check("other-encoding", mutant(file, "bom", ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void hugeAndSpecialFilesAreRefusedByTheirLimit() throws Exception {
        Path huge = dir.resolve("huge.yaml");
        // 100 MB written in 1 MB pieces: the test never holds the file in memory either.
        byte[] block = "peers: {alice: {interfaces: [{name: eth, link: lan}]}}\n".repeat(19_000).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(huge))) {
            for (long written = 0; written < 100L * 1024 * 1024; written += block.length) {
                out.write(block);
            }
        }
        assertThat(loadError(huge)).contains("at most " + YamlReader.MAX_FILE_BYTES + " bytes");
        tally("huge-file", false);
        Files.delete(huge);

        Path justOver = dir.resolve("just-over.yaml");
        Files.write(justOver, ("# " + "x".repeat((int) YamlReader.MAX_FILE_BYTES) + "\n").getBytes(StandardCharsets.UTF_8));
        check("huge-file", justOver);
        StringBuilder many = new StringBuilder("name: many\nsweep:\n");
        for (int i = 0; many.length() < YamlReader.MAX_FILE_BYTES - 100; i++) {
            many.append("  k").append(i).append(": [1, 2, 3, 4, 5, 6, 7, 8]\n");
        }
        assertThat(loadError(text("many-values", many.toString()))).contains("more than " + YamlReader.MAX_EXPANDED_VALUES);
        assertThat(loadError(text("long-line", "name: " + "y".repeat((int) YamlReader.MAX_FILE_BYTES - 100) + "\n")))
                .contains(":1:" + (YamlReader.MAX_LINE_CHARS + 1) + ": line is").contains("at most " + YamlReader.MAX_LINE_CHARS);
        tally("huge-file", false);
        check("huge-file", text("long-key", "y".repeat(1_000_000) + ": 1\n"));
        check("huge-file", text("long-scalar", "name: " + ("y".repeat(YamlReader.MAX_LINE_CHARS - 10) + "\n  ").repeat(300) + "\n"));

        assertThat(loadError(dir)).contains("not a regular file");
        tally("special-file", false);
        Path devZero = Path.of("/dev/zero");
        if (Files.exists(devZero)) {
            assertThat(loadError(devZero)).contains("not a regular file");
            tally("special-file", false);
        }
        assertThat(loadError(dir.resolve("missing.yaml"))).contains("no such file");
        tally("special-file", false);
    }

    /** Loads one case within the time limit; anything but a load or located problems fails the test. */
    private static void check(String category, Path file) {
        check(category, file, Map.of());
    }

    private static void check(String category, Path file, Map<String, String> overrides) {
        String name = file.getFileName() + (overrides.isEmpty() ? "" : " " + overrides.toString().substring(0, Math.min(200, overrides.toString().length())));
        boolean valid = assertTimeoutPreemptively(PER_CASE, () -> {
            try {
                LOADER.load(file, overrides);
                return true;
            } catch (ScenarioException e) {
                assertLocated(name, e);
                return false;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                return fail("case " + name + " (" + category + ") threw " + e, e);
            }
        }, () -> "case " + name + " (" + category + ") did not end within " + PER_CASE);
        tally(category, valid);
    }

    private static void assertLocated(String name, ScenarioException e) {
        assertThat(e.problems()).as(name).isNotEmpty();
        for (ScenarioProblem problem : e.problems()) {
            SourceLocation at = problem.location();
            assertThat(at.file()).as("%s: %s", name, problem).isNotBlank();
            assertThat(at.line()).as("%s: %s", name, problem).isPositive();
            assertThat(at.column()).as("%s: %s", name, problem).isPositive();
            assertThat(problem.message()).as("%s: %s", name, problem).isNotBlank()
                    .doesNotContain("Exception").doesNotContain("java.").doesNotContain("com.fasterxml")
                    .doesNotContain("org.yaml").doesNotContain("\tat ");
            assertThat(problem.message().length()).as("%s: message too long: %.300s", name, problem).isLessThan(600);
        }
    }

    private static String loadError(Path file) {
        try {
            LOADER.load(file);
            return fail("expected " + file + " to be refused");
        } catch (ScenarioException e) {
            assertLocated(file.toString(), e);
            return e.getMessage();
        }
    }

    private static synchronized void tally(String category, boolean valid) {
        TALLY.computeIfAbsent(category, c -> new int[2])[valid ? 0 : 1]++;
    }

    /** Every key path of a tree, as {@code --set} accepts them (a.b.c; list items by index). */
    private static List<String> keyPaths(YamlNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node instanceof YamlNode.YamlMap map) {
            map.entries().forEach((key, entry) -> {
                String path = prefix.isEmpty() ? key : prefix + "." + key;
                if (!key.contains(".")) {
                    paths.add(path);
                    paths.addAll(keyPaths(entry.value(), path));
                }
            });
        }
        return paths;
    }

    private Path mutant(Path original, String label, byte[] bytes) throws IOException {
        String base = original.getFileName().toString().replace(".yaml", "");
        return Files.write(dir.resolve(base + "~" + label + ".yaml"), bytes);
    }

    private static Path text(String label, String yaml) throws IOException {
        return Files.writeString(dir.resolve("gen~" + label + ".yaml"), yaml);
    }

    /** A billion-laughs file: each level holds {@code fan} aliases of the one before. */
    private static String laughs(int levels, int fan, String open, String close, String keyFormat) {
        StringBuilder yaml = new StringBuilder("l0: &l0 ").append(open);
        for (int i = 0; i < fan; i++) {
            yaml.append(i == 0 ? "" : ", ").append(String.format(keyFormat, i)).append("lol");
        }
        yaml.append(close).append('\n');
        for (int level = 1; level < levels; level++) {
            yaml.append('l').append(level).append(": &l").append(level).append(' ').append(open);
            for (int i = 0; i < fan; i++) {
                yaml.append(i == 0 ? "" : ", ").append(String.format(keyFormat, i)).append("*l").append(level - 1);
            }
            yaml.append(close).append('\n');
        }
        return yaml.toString();
    }

    private void randomMap(StringBuilder yaml, List<String> keys, int indent, int entries) {
        for (int i = 0; i < entries; i++) {
            yaml.append(" ".repeat(indent)).append(keys.get(random.nextInt(keys.size()))).append(':');
            int kind = indent > 8 ? 0 : random.nextInt(4);
            switch (kind) {
                case 0 -> yaml.append(' ').append(HOSTILE_VALUES.get(random.nextInt(12))).append('\n');
                case 1 -> yaml.append(' ').append(List.of("10s", "5ms", "1%", "libwebrtc", "on-failed", "signaling", "turn", "3",
                        "endpoint-independent", "link-down").get(random.nextInt(10))).append('\n');
                case 2 -> {
                    yaml.append('\n');
                    randomMap(yaml, keys, indent + 2, 1 + random.nextInt(4));
                }
                default -> {
                    yaml.append('\n');
                    for (int item = random.nextInt(3); item >= 0; item--) {
                        yaml.append(" ".repeat(indent + 2)).append("- ").append(keys.get(random.nextInt(keys.size())))
                                .append(": ").append(List.of("10s", "alice", "link-down", "lan").get(random.nextInt(4))).append('\n');
                    }
                }
            }
        }
    }
}
