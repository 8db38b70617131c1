package org.icesim.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering and determinism rules of the design (design.md §2): model packages never read a
 * wall clock, start threads or draw from an unnamed random source, and never import the layers
 * above them. A plain source scan is enough to keep these true.
 */
class ModelRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/org/icesim");

    private static final List<String> MODEL_PACKAGES = List.of(
            "kernel", "net", "nat", "stun", "turn", "ice", "webrtc", "signaling", "media", "app", "metrics");

    private static final List<Pattern> NONDETERMINISM = List.of(
            Pattern.compile("System\\s*\\.\\s*currentTimeMillis"),
            Pattern.compile("System\\s*\\.\\s*nanoTime"),
            Pattern.compile("\\b(Instant|LocalDateTime|LocalDate|LocalTime|ZonedDateTime|OffsetDateTime|Clock)\\s*\\.\\s*(now|system\\w*)\\s*\\("),
            Pattern.compile("new\\s+Thread\\b"),
            Pattern.compile("\\bExecutors\\b"),
            Pattern.compile("\\bExecutorService\\b"),
            Pattern.compile("\\bForkJoinPool\\b"),
            Pattern.compile("\\bparallelStream\\s*\\("),
            Pattern.compile("\\bCompletableFuture\\b"),
            Pattern.compile("\\bMath\\s*\\.\\s*random\\s*\\("),
            Pattern.compile("new\\s+(java\\.util\\.)?Random\\s*\\("),
            Pattern.compile("\\bThreadLocalRandom\\b"),
            Pattern.compile("\\bUUID\\s*\\.\\s*randomUUID\\b"));

    private static final Pattern UPPER_LAYER_IMPORT =
            Pattern.compile("^import\\s+(static\\s+)?org\\.icesim\\.(scenario|batch|stats|report|cli)\\.", Pattern.MULTILINE);

    @Test
    void modelPackagesHaveNoWallClockThreadsOrUnnamedRandomness() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : modelSources()) {
            String text = stripComments(Files.readString(file));
            for (Pattern pattern : NONDETERMINISM) {
                if (pattern.matcher(text).find()) {
                    violations.add(file + ": " + pattern.pattern());
                }
            }
        }
        assertThat(violations).as("model code must stay deterministic (design.md §2, §3)").isEmpty();
    }

    @Test
    void modelPackagesNeverImportTheLayersAboveThem() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : modelSources()) {
            if (UPPER_LAYER_IMPORT.matcher(Files.readString(file)).find()) {
                violations.add(file.toString());
            }
        }
        assertThat(violations).as("model packages must not import scenario, batch, stats, report or cli").isEmpty();
    }

    @Test
    void theScanSeesTheModelSources() throws IOException {
        assertThat(modelSources()).anyMatch(p -> p.endsWith("Simulator.java"));
    }

    private static List<Path> modelSources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String pkg : MODEL_PACKAGES) {
            Path dir = SOURCES.resolve(pkg);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    private static String stripComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
