package org.icesim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.icesim.batch.ResultSet;
import org.icesim.stats.SummaryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim summary RESULTS}: the statistics of a result set, as a table and as summary.json. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Prints the statistics of a result set and writes them to its summary.json.",
            "Per group and metric: count, mean, sd, median, p90, p95, p99, min, max, 95%% confidence intervals of the "
                + "mean (Student t) and of the median (order statistics); shares (used TURN, reached failed, run "
                + "failed) with Wilson intervals; counts of text values."})
public final class SummaryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULTS", description = "a results directory (holding runs.csv)")
    private Path results;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return CommandErrors.run("summary", spec, (out, err) -> {
            SummaryJson summary = ResultSet.read(results).writeSummary();
            out.printf("batch '%s'%n%n", summary.batch());
            SummaryTables.full(out, summary.groups());
            out.printf("written to %s%n", results.resolve("summary.json"));
            return 0;
        });
    }
}
