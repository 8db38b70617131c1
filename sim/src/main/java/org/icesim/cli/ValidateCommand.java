package org.icesim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.icesim.batch.BatchException;
import org.icesim.batch.BatchPlanner;
import org.icesim.scenario.Scenario;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.world.FleetSplit;
import org.icesim.world.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim validate FILE...}: checks scenario files without running them. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks scenario files (or directories of them) without running them; prints every problem with "
            + "file:line:column.",
            "For a fleet, also prints the heap it needs and the ICESIM_JAVA_OPTS=-Xmx to give."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files, or directories of them (their *.yaml "
            + "and *.yml files, as batch reads them)")
    private List<Path> inputs;

    @Spec
    private CommandSpec spec;

    /** Whether batch --fleet-threads (--fleet-parts on Spark) can split the fleet (as for a batch without --events or --pcap). */
    private static String splitting(Scenario scenario) {
        return FleetSplit.whyNot(scenario, RunOptions.METRICS_ONLY)
                .map(why -> "--fleet-threads and --fleet-parts cannot split the fleet exactly, it runs on one thread "
                        + "(as one Spark task): " + why)
                .orElse("--fleet-threads N (--fleet-parts N on Spark) splits the fleet by TURN server over up to "
                        + FleetSplit.maxParts(scenario) + " threads (Spark tasks), with the results of one");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files;
        try {
            files = BatchPlanner.scenarioFiles(inputs);
        } catch (BatchException e) {
            err.println("icesim validate: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        } catch (IOException e) {
            err.println("icesim validate: cannot list the scenario files: " + e.getMessage());
            err.flush();
            return ExitCodes.CANNOT_RUN;
        }
        int invalid = 0;
        for (Path file : files) {
            try {
                List<ScenarioPoint> points = new ScenarioLoader().load(file);
                long runs = points.stream().mapToLong(p -> p.scenario().seeds()).sum();
                if (runs > BatchPlanner.MAX_RUNS) {
                    invalid++;
                    err.printf("%s: plans %d runs (seeds: × %d sweep points), more than the %d a batch may hold; lower "
                            + "seeds: or the sweep (or cut a batch of it with --seeds, --filter or --max-runs)%n", file, runs,
                            points.size(), BatchPlanner.MAX_RUNS);
                    continue;
                }
                out.printf("%s: ok (%d sweep point%s, %d run%s)%n", file, points.size(), points.size() == 1 ? "" : "s",
                        runs, runs == 1 ? "" : "s");
                int calls = FleetMemory.largestFleet(points);
                if (calls > 0) {
                    out.printf("  memory: %s (batch --threads N runs N at a time)%n", FleetMemory.advice(calls, 1));
                    out.printf("  threads: %s%n", splitting(points.get(0).scenario()));
                }
            } catch (ScenarioException e) {
                invalid++;
                for (ScenarioProblem problem : e.problems()) {
                    err.println(problem);
                }
            }
        }
        out.flush();
        err.flush();
        return invalid == 0 ? 0 : ExitCodes.INVALID_INPUT;
    }
}
