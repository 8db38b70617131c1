package org.icesim.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering and determinism rules of the design (design.md §2): model packages never read a
 * wall clock, start threads or draw from an unnamed random source; every package uses only the
 * packages its row of {@link #ALLOWED} names; and no packages depend on each other in a cycle.
 * A plain source scan is enough to keep these true.
 */
class ModelRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/org/icesim");

    private static final List<String> MODEL_PACKAGES = List.of(
            "kernel", "net", "nat", "stun", "turn", "ice", "webrtc", "icenet", "signaling", "media", "app", "metrics");

    /**
     * Which packages each package may use (main code, imports and fully qualified names), from the
     * ground floor up. A package missing here fails the test, so a new one gets its row.
     */
    private static final Map<String, Set<String>> ALLOWED = allowed(
            "kernel", "",
            "metrics", "kernel",
            "net", "kernel",
            "net.tcp", "kernel net",
            "nat", "kernel net",
            "stun", "kernel net",
            "turn", "kernel net net.tcp stun",
            "ice", "kernel net stun",
            // The W3C machine: the agent's types, and the address value types of RTCIceCandidate.
            "webrtc", "kernel ice net",
            // The ICE transport on the simulated network, between webrtc/app and net/turn.
            "icenet", "kernel metrics net net.tcp stun turn ice webrtc",
            "signaling", "kernel metrics net net.tcp",
            "media", "kernel metrics net",
            "app", "kernel metrics net net.tcp ice webrtc icenet signaling media",
            "stats", "metrics kernel",
            "scenario.yaml", "kernel",
            // Checked, typed records only: they carry the models' own value types (LinkParams,
            // NatBehavior, IceProfile, TurnServerConfig, MediaSpec, RestartPolicy, SignalingTransport), never a world.
            "scenario", "scenario.yaml kernel metrics net net.tcp nat turn ice media app signaling",
            // Helpers build, models run: every model package, and the scenario that says what to build.
            "world", "scenario scenario.yaml kernel metrics net net.tcp nat stun turn ice webrtc icenet signaling media app",
            "batch", "scenario scenario.yaml world kernel metrics stats",
            "report", "batch metrics stats",
            "bench", "scenario scenario.yaml world kernel metrics stats",
            // Real stacks in real time: the scenario records (with the value types they carry), the
            // result files, and the run options of the batch-world contract; never the model's world.
            // webrtc: the quantities of a stack's negotiation times, which the testbed's stages measure.
            "testbed", "scenario scenario.yaml batch world stats metrics kernel net nat turn media app signaling webrtc",
            // The suite simulated with each stack's profile, against the real baselines: a batch and its result files.
            "fidelity", "batch scenario scenario.yaml world stats metrics",
            "cli", "batch bench report testbed fidelity scenario scenario.yaml world stats metrics kernel");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+org\\.icesim\\.([\\w.]+);", Pattern.MULTILINE);
    /** An import or a fully qualified use: the package is the lower-case part before a type name. */
    private static final Pattern USE = Pattern.compile("\\borg\\.icesim\\.([a-z]\\w*(?:\\.[a-z]\\w*)*)\\.[A-Z]");

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

    /**
     * java.lang.Math's transcendental functions may be intrinsics whose last bit differs between
     * platforms (its specification allows 1 ulp); StrictMath's are specified bit for bit (fdlibm),
     * so a run gives the same draws and instants everywhere.
     */
    private static final Pattern PLATFORM_DEPENDENT_MATH = Pattern.compile(
            "\\bMath\\s*\\.\\s*(log|log10|log1p|exp|expm1|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|cbrt|hypot)\\s*\\(");

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
    void modelAndWorldCodeComputeTranscendentalFunctionsWithStrictMath() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files = new ArrayList<>(modelSources());
        files.addAll(sources("world"));
        for (Path file : files) {
            Matcher use = PLATFORM_DEPENDENT_MATH.matcher(stripComments(Files.readString(file)));
            while (use.find()) {
                violations.add(file + ": " + use.group());
            }
        }
        assertThat(violations).as("results must be the same on every platform: StrictMath, not Math").isEmpty();
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
    void everyPackageUsesOnlyThePackagesItsRowAllows() throws IOException {
        Map<String, Set<String>> uses = packageUses();
        List<String> violations = new ArrayList<>();
        uses.forEach((pkg, used) -> {
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                violations.add(pkg + ": no row in ModelRulesTest.ALLOWED");
                return;
            }
            for (String other : used) {
                if (!allowed.contains(other)) {
                    violations.add(pkg + " -> " + other);
                }
            }
        });
        assertThat(violations).as("package dependencies outside the allowed table (design.md §2)").isEmpty();
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() throws IOException {
        assertThat(cycles(packageUses())).as("package cycles").isEmpty();
    }

    @Test
    void theCycleSearchFindsACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycles(graph)).containsExactly("a -> b -> c -> a");
    }

    @Test
    void theScanSeesTheModelSources() throws IOException {
        assertThat(modelSources()).anyMatch(p -> p.endsWith("Simulator.java"));
    }

    private static List<Path> modelSources() throws IOException {
        return sources(MODEL_PACKAGES.toArray(String[]::new));
    }

    private static List<Path> sources(String... packages) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String pkg : packages) {
            Path dir = SOURCES.resolve(pkg);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    /** For each package of the main code, the other packages of the project it uses. */
    private static Map<String, Set<String>> packageUses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String pkg = declared.group(1);
                Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher use = USE.matcher(stripComments(text));
                while (use.find()) {
                    if (!use.group(1).equals(pkg)) {
                        used.add(use.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** One path per cycle found by a depth-first search, written "a -> b -> a" from its first package in name order. */
    private static List<String> cycles(Map<String, Set<String>> graph) {
        List<String> found = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            search(start, graph, new ArrayDeque<>(), new TreeSet<>(), done, found);
        }
        return found;
    }

    private static void search(String pkg, Map<String, Set<String>> graph, Deque<String> path, Set<String> onPath,
            Set<String> done, List<String> found) {
        if (onPath.contains(pkg)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String step : (Iterable<String>) path::descendingIterator) {
                in |= step.equals(pkg);
                if (in) {
                    cycle.add(step);
                }
            }
            cycle.add(pkg);
            found.add(String.join(" -> ", cycle));
            return;
        }
        if (!done.add(pkg)) {
            return;
        }
        path.push(pkg);
        onPath.add(pkg);
        for (String next : new TreeSet<>(graph.getOrDefault(pkg, Set.of()))) {
            search(next, graph, path, onPath, done, found);
        }
        onPath.remove(pkg);
        path.pop();
    }

    private static Map<String, Set<String>> allowed(String... rows) {
        Map<String, Set<String>> table = new TreeMap<>();
        for (int i = 0; i < rows.length; i += 2) {
            table.put(rows[i], rows[i + 1].isEmpty() ? Set.of() : Set.of(rows[i + 1].split(" ")));
        }
        return table;
    }

    private static String stripComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
