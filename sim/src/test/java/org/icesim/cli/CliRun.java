package org.icesim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.icesim.batch.RunExecutorFactory;
import picocli.CommandLine;

/** One command line run in-process, with what it printed. */
record CliRun(int status, String out, String err) {

    /** Runs {@code icesim args...}, with {@code batch} using the given executor. */
    static CliRun icesim(RunExecutorFactory executor, String... args) {
        CommandLine cli = new CommandLine(new IcesimCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == BatchCommand.class) {
                    return type.cast(new BatchCommand(executor));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
