package org.icesim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.scenario.yaml.ScenarioProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim validate FILE...}: checks scenario files without running them. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks scenario files without running them; prints every problem with file:line:column.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files")
    private List<Path> files;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int invalid = 0;
        for (Path file : files) {
            try {
                List<ScenarioPoint> points = new ScenarioLoader().load(file);
                int runs = points.stream().mapToInt(p -> p.scenario().seeds()).sum();
                out.printf("%s: ok (%d sweep point%s, %d run%s)%n", file, points.size(), points.size() == 1 ? "" : "s",
                        runs, runs == 1 ? "" : "s");
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
