package org.icesim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.icesim.batch.BatchException;
import org.icesim.fidelity.RealStack;
import org.icesim.testbed.CallStages;
import org.icesim.testbed.NegotiationSampleDerivation;
import org.icesim.testbed.StageMarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim stages RESULTS...}: how long each step of a call's negotiations took, side by side per result set. */
@Command(name = "stages", mixinStandardHelpOptions = true,
        description = {"Times the steps of each run's set-up and first ICE restart (offer, answer, gathering, selected pair, "
                + "and with a testbed result set's raw logs the signaling server's hand-overs, the candidates' trips and "
                + "the first media) and prints per step the runs, median, min and max in ms, one column group per result set.",
            "A result set needs events.csv: a testbed batch, or a batch run with --events. Raw logs are read from its "
                + "raw/ directory or raw.tar.gz."})
public final class StagesCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "result directories (holding events.csv)")
    private List<Path> results;

    @Option(names = "--case", paramLabel = "TEXT", description = "only the runs whose run id contains TEXT (e.g. restart-healthy)")
    private String only;

    @Option(names = "--negotiation-samples", paramLabel = "PROFILE",
            description = "instead of the table, print each run's negotiation times as the samples file of processing: "
                    + "sampled (profile,quantity,ms), pooled over the result sets, for the profile named PROFILE")
    private String samplesProfile;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return CommandErrors.run("stages", spec, (out, err) -> {
            if (samplesProfile != null) {
                printSamples(out);
                return 0;
            }
            List<Map<String, CallStages.Step>> columns = new ArrayList<>();
            Map<String, CallStages.Step> rows = new LinkedHashMap<>();
            for (Path directory : results) {
                Map<String, List<StageMarks.Mark>> runs = runs(directory);
                Map<String, CallStages.Step> steps = new LinkedHashMap<>();
                for (CallStages.Step step : CallStages.of(runs)) {
                    String key = step.phase().label() + "|" + step.step();
                    steps.put(key, step);
                    rows.putIfAbsent(key, step);
                }
                columns.add(steps);
                out.printf("[%d] %s: %d runs%n", columns.size(), directory, runs.size());
            }
            List<String> header = new ArrayList<>(List.of("phase", "step"));
            for (int i = 1; i <= columns.size(); i++) {
                header.addAll(List.of("[" + i + "] runs", "median", "min", "max"));
            }
            TextTable table = new TextTable(2, header.toArray(String[]::new));
            for (Map.Entry<String, CallStages.Step> row : rows.entrySet()) {
                List<String> cells = new ArrayList<>(List.of(row.getValue().phase().label(), row.getValue().step()));
                for (Map<String, CallStages.Step> column : columns) {
                    CallStages.Step step = column.get(row.getKey());
                    cells.addAll(step == null ? List.of("0", "-", "-", "-")
                            : List.of(String.valueOf(step.millis().size()), TextTable.number(round(step.median())),
                                    TextTable.number(round(step.min())), TextTable.number(round(step.max()))));
                }
                table.row(cells);
            }
            out.println();
            table.print(out, "");
            return 0;
        });
    }

    /** The samples of every result set, pooled: the lines of the samples file. */
    private void printSamples(PrintWriter out) throws IOException, BatchException {
        try {
            // the samples serve processing: sampled, which only a profile named after a measured stack can take
            RealStack.withProfile(samplesProfile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--negotiation-samples: " + e.getMessage() + " (libwebrtc, firefox or pion)");
        }
        List<List<CallStages.Step>> sets = new ArrayList<>();
        for (Path directory : results) {
            sets.add(CallStages.of(runs(directory)));
        }
        NegotiationSampleDerivation.samplesFile(samplesProfile, sets).forEach(out::println);
    }

    /** The marks of each run of a result set, only the runs --case keeps. */
    private Map<String, List<StageMarks.Mark>> runs(Path directory) throws IOException, BatchException {
        Map<String, List<StageMarks.Mark>> runs = new LinkedHashMap<>(StageMarks.read(directory));
        if (only != null) {
            runs.keySet().removeIf(id -> !id.contains(only));
        }
        return runs;
    }

    /** Tenths of a millisecond: the testbed's stamps are no finer in practice. */
    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }
}
