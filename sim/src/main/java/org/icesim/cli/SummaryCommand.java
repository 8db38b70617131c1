package org.icesim.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.icesim.batch.ResultSet;
import org.icesim.stats.SummaryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim summary RESULTS}: the statistics of a result set, as a table and as summary.json. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Prints the statistics of a result set and writes them to its summary.json.",
            "Per group and metric: count, mean, sd, median, p90, p95, p99, min, max, 95%% confidence intervals of the "
                + "mean (Student t) and of the median (order statistics); shares (used TURN, reached failed, run "
                + "failed) with Wilson intervals; counts of text values.",
            "--format json prints the summary.json just written instead of the tables."})
public final class SummaryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULTS", description = "a results directory (holding runs.csv)")
    private Path results;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "output on stdout: text or json (default ${DEFAULT-VALUE})")
    private String format;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return CommandErrors.run("summary", spec, (out, err) -> {
            boolean json = switch (format.toLowerCase(Locale.ROOT)) {
                case "text" -> false;
                case "json" -> true;
                default -> throw new IllegalArgumentException("format must be text or json, was '" + format + "'");
            };
            SummaryJson summary = ResultSet.read(results).writeSummary();
            if (json) {
                out.print(new String(summary.bytes(), StandardCharsets.UTF_8));
                return 0;
            }
            out.printf("batch '%s'%n%n", summary.batch());
            SummaryTables.full(out, summary.groups());
            out.printf("written to %s%n", results.resolve("summary.json"));
            return 0;
        });
    }
}
