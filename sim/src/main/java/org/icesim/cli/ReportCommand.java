package org.icesim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.icesim.batch.BatchException;
import org.icesim.batch.DirectoryLock;
import org.icesim.batch.ResultSet;
import org.icesim.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim report RESULTS [--run RUN_ID]}: charts and an HTML page of a result set. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes RESULTS/report/index.html with PNG charts: CDFs and box plots of the headline metrics per "
                + "group, detection times, TURN share, capacity over time (from load.csv) and the summary table.",
            "With --run, adds the timeline of one run (needs events.csv: a batch made with --events).",
            "For fleet runs, adds calls, per-TURN-server load and restart storms over time, the fleet's restart latency "
                + "and recovery distributions, and the TURN sizing chart (peak allocations against calls; "
                + "--turn-capacity draws one server's capacity).",
            "A report already there is never touched without --overwrite."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULTS", description = "a results directory (holding runs.csv)")
    private Path results;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "also draw the timeline of this run, e.g. wifi-to-cellular/p0/s0")
    private String run;

    @Option(names = "--overwrite", description = "replace the report already in RESULTS/report")
    private boolean overwrite;

    @Option(names = "--turn-capacity", paramLabel = "ALLOCATIONS",
            description = "live TURN allocations one server holds: the capacity line of the TURN sizing chart")
    private Integer turnCapacity;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return CommandErrors.run("report", spec, (out, err) -> {
            if (turnCapacity != null && turnCapacity < 1) {
                throw new IllegalArgumentException("--turn-capacity must be >= 1, was " + turnCapacity);
            }
            ResultSet read = ResultSet.read(results);
            try (DirectoryLock lock = DirectoryLock.acquire(results, "icesim report")) {
                Path existing = results.resolve("report");
                if (Files.exists(existing) && !overwrite) {
                    throw new BatchException(existing + " already holds a report; add --overwrite to replace it");
                }
                Path index = Report.write(read, Optional.ofNullable(run),
                        turnCapacity == null ? OptionalInt.empty() : OptionalInt.of(turnCapacity));
                out.printf("report written to %s%n", index);
            }
            return 0;
        });
    }
}
