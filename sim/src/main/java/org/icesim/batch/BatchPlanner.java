package org.icesim.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.icesim.kernel.RandomStreams;
import org.icesim.scenario.ScenarioFiles;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.scenario.yaml.YamlNode;

/**
 * Expands scenario files into the runs of a batch: every file (a directory stands for its
 * {@code *.yaml} and {@code *.yml} files in name order) × sweep point × seed, then cut by the
 * filters, the run limit and the shard, in that order.
 */
public final class BatchPlanner {

    /**
     * Runs a batch may hold. A plan keeps every run's id and seed in memory and a results
     * directory every run's row, so a plan of a billion runs (--seeds 1000000000, or a few large
     * sweeps times many seeds) would exhaust the heap before its first run; a million runs is
     * already some 12 CPU hours of the library's scenarios.
     */
    public static final int MAX_RUNS = 1_000_000;

    private final ScenarioLoader loader = new ScenarioLoader();
    private final ScenarioFiles files = new ScenarioFiles();

    /**
     * @param inputs scenario files and directories, in the order that becomes the run order
     * @throws ScenarioException every problem of every file, if any file is invalid
     * @throws BatchException    arguments that do not make a batch (no files, a filter matching
     *                           nothing, two files with the same scenario name)
     */
    public BatchPlan plan(String name, List<Path> inputs, PlanOptions options)
            throws ScenarioException, BatchException, IOException {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("batch name must be non-empty without slashes, and not . or .., was '"
                    + name + "'");
        }
        List<Path> scenarioFiles = scenarioFiles(inputs);
        List<ScenarioProblem> problems = new ArrayList<>();
        List<LoadedFile> loaded = new ArrayList<>();
        Map<String, String> fileOfScenario = new LinkedHashMap<>();
        for (Path file : scenarioFiles) {
            try {
                List<ScenarioPoint> points = loader.load(file, options.overrides());
                String scenario = points.get(0).scenario().name();
                String previous = fileOfScenario.putIfAbsent(scenario, file.toString());
                if (previous != null) {
                    throw new BatchException("scenario name '" + scenario + "' is used by both " + previous + " and " + file
                            + "; run ids are made of scenario names, so they must differ within a batch");
                }
                loaded.add(new LoadedFile(new PlanFile(file.toString(), scenario, Hashes.sha256(file), bases(file)), points));
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        long size = size(loaded, options);
        if (size > MAX_RUNS) {
            throw new BatchException("the batch would have " + size + " runs (seeds × sweep points of every file), more "
                    + "than the " + MAX_RUNS + " a batch may hold; lower --seeds (or the files' seeds:), narrow it with "
                    + "--filter or --max-runs, or split the sweep over several batches");
        }
        List<RunSpec> batch = new ArrayList<>();
        List<PlanGroup> groups = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        boolean anyGroup = false;
        for (LoadedFile file : loaded) {
            for (int point = 0; point < file.points.size(); point++) {
                ScenarioPoint scenarioPoint = file.points.get(point);
                if (!selected(options.filters(), file.plan.scenario(), point, scenarioPoint.parameters())) {
                    continue;
                }
                anyGroup = true;
                int seeds = seeds(options, scenarioPoint);
                if (options.maxRuns() > 0) {
                    seeds = Math.min(seeds, options.maxRuns() - batch.size());
                }
                if (seeds <= 0) {
                    continue;
                }
                long baseSeed = scenarioPoint.scenario().baseSeed();
                groups.add(new PlanGroup(file.plan.scenario(), point, scenarioPoint.parameters(), baseSeed, seeds));
                columns.addAll(scenarioPoint.parameters().keySet());
                for (int seedIndex = 0; seedIndex < seeds; seedIndex++) {
                    batch.add(new RunSpec(batch.size(), RunSpec.runId(file.plan.scenario(), point, seedIndex),
                            file.plan.file(), file.plan.scenario(), point, scenarioPoint, seedIndex,
                            options.runSeed().orElse(RandomStreams.replicationSeed(baseSeed, seedIndex))));
                }
            }
        }
        if (!anyGroup) {
            throw new BatchException("no group matches the filter " + options.filters() + "; groups are named "
                    + "<scenario>/p<point> and filters look like 'wifi-*', 'name/p1' or 'links.cell.delay=80ms'");
        }
        List<PlanFile> planFiles = loaded.stream().map(f -> f.plan).toList();
        List<String> parameterColumns = List.copyOf(columns);
        String fingerprint = fingerprint(name, planFiles, parameterColumns, options, batch);
        List<RunSpec> shard = batch.stream().filter(run -> options.shard().contains(run.position())).toList();
        return new BatchPlan(name, planFiles, parameterColumns, options, groups, batch.size(), shard, fingerprint);
    }

    /** Replications of one sweep point. */
    private static int seeds(PlanOptions options, ScenarioPoint point) {
        return options.runSeed().isPresent() ? 1 : options.seeds() > 0 ? options.seeds() : point.scenario().seeds();
    }

    /** The number of runs the plan will have, counted before any is made (a long: it may be far too many). */
    private static long size(List<LoadedFile> loaded, PlanOptions options) {
        long size = 0;
        for (LoadedFile file : loaded) {
            for (int point = 0; point < file.points.size(); point++) {
                ScenarioPoint scenarioPoint = file.points.get(point);
                if (selected(options.filters(), file.plan.scenario(), point, scenarioPoint.parameters())) {
                    size += seeds(options, scenarioPoint);
                }
            }
        }
        return options.maxRuns() > 0 ? Math.min(size, options.maxRuns()) : size;
    }

    private static boolean selected(List<GroupFilter> filters, String scenario, int point, Map<String, String> parameters) {
        return filters.isEmpty() || filters.stream().anyMatch(f -> f.matches(scenario, point, parameters));
    }

    /**
     * The scenario files the inputs name: a file as given, a directory as its {@code *.yaml} and
     * {@code *.yml} files in name order (not its subdirectories). {@code batch} and {@code validate}
     * read their arguments through this one rule.
     */
    public static List<Path> scenarioFiles(List<Path> inputs) throws BatchException, IOException {
        if (inputs.isEmpty()) {
            throw new BatchException("no scenario files given");
        }
        List<Path> result = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> inDirectory;
                try (Stream<Path> list = Files.list(input)) {
                    inDirectory = list.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                            .sorted()
                            .toList();
                }
                if (inDirectory.isEmpty()) {
                    throw new BatchException("directory " + input + " holds no scenario files (*.yaml, *.yml)");
                }
                result.addAll(inDirectory);
            } else if (Files.isRegularFile(input)) {
                result.add(input);
            } else if (Files.exists(input)) {
                throw new BatchException(input + " is not a regular file or a directory: a scenario is a YAML text file");
            } else {
                throw new BatchException("no such scenario file or directory: " + input);
            }
        }
        return result;
    }

    /** The files a scenario file extends: every other file its resolved tree has values from. */
    private Map<String, String> bases(Path file) throws ScenarioException, IOException {
        Path self = file.toAbsolutePath().normalize();
        Set<String> sources = new TreeSet<>();
        collectSources(files.read(file), sources);
        Map<String, String> bases = new LinkedHashMap<>();
        for (String source : sources) {
            Path base = Path.of(source);
            if (!base.equals(self)) {
                bases.put(self.getParent().relativize(base).toString(), Hashes.sha256(base));
            }
        }
        return bases;
    }

    private static void collectSources(YamlNode node, Set<String> sources) {
        sources.add(node.location().file());
        if (node instanceof YamlNode.YamlMap map) {
            map.entries().values().forEach(entry -> collectSources(entry.value(), sources));
        } else if (node instanceof YamlNode.YamlList list) {
            list.items().forEach(item -> collectSources(item, sources));
        }
    }

    private static String fingerprint(String name, List<PlanFile> files, List<String> columns, PlanOptions options,
            List<RunSpec> runs) {
        StringBuilder text = new StringBuilder();
        text.append("batch ").append(name).append('\n');
        text.append("events ").append(options.runOptions().events())
                .append(" load ").append(options.runOptions().loadIntervalNanos()).append('\n');
        text.append("columns ").append(String.join(",", columns)).append('\n');
        text.append("overrides ").append(options.overrides()).append('\n');
        for (PlanFile file : files) {
            text.append("file ").append(file.file()).append(' ').append(file.sha256()).append(' ').append(file.bases())
                    .append('\n');
        }
        for (RunSpec run : runs) {
            text.append(run.runId()).append(' ').append(run.seed()).append('\n');
        }
        return Hashes.sha256(text.toString());
    }

    private record LoadedFile(PlanFile plan, List<ScenarioPoint> points) {
    }
}
