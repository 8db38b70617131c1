package org.icesim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.icesim.batch.Completion;
import org.icesim.batch.OutputDirectory;
import org.icesim.batch.Provenance;
import org.icesim.batch.ResultMerger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code icesim merge DIRS... --out DIR}: the shards of a batch as one result set. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Combines the shards of a batch into one result set.",
            "Takes the shard directories of one batch (icesim batch --shard i/N) and writes the same bytes as the "
                + "batch run unsharded. Every shard must be there, complete, exactly once.",
            "Results already in --out are never touched without --overwrite, which replaces them all."})
public final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "shard directories")
    private List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory of the merged result set")
    private Path out;

    @Option(names = "--overwrite", description = "replace the results already in --out (all of them)")
    private boolean overwrite;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return CommandErrors.run("merge", spec, (outText, err) -> {
            List<String> commandLine = new ArrayList<>(List.of("icesim"));
            commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
            Completion merged = ResultMerger.merge(shards, OutputDirectory.check(out, "--out"),
                    Provenance.detect(IcesimCommand.Version.version(), commandLine), overwrite);
            SummaryTables.compact(outText, merged.groups());
            outText.printf("%n%d shards merged: %d runs, %d failed; results in %s%n", shards.size(), merged.runs(),
                    merged.failed(), out);
            return 0;
        });
    }
}
