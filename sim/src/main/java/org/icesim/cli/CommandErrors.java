package org.icesim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;
import org.icesim.batch.BatchException;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one way the result-set commands turn failures into messages and exit statuses: bad input
 * is named (exit 2), files that cannot be read or written are described (exit 3), never a
 * stack trace; output is flushed whatever happens.
 */
final class CommandErrors {

    /** A command's work, given its output streams; returns the exit status. */
    @FunctionalInterface
    interface Work {
        int run(PrintWriter out, PrintWriter err) throws IOException, BatchException, ScenarioException, InterruptedException;
    }

    private CommandErrors() {
    }

    static int run(String command, CommandSpec spec, Work work) {
        return run(command, spec, UnaryOperator.identity(), "", work);
    }

    /**
     * @param ioMessage   turns the description of a failed read or write into the message shown
     * @param afterStop   what to tell the user after an interruption (e.g. how to continue)
     */
    static int run(String command, CommandSpec spec, UnaryOperator<String> ioMessage, String afterStop, Work work) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return work.run(out, err);
        } catch (BatchException | IllegalArgumentException e) {
            err.println("icesim " + command + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } catch (ScenarioException e) {
            for (ScenarioProblem problem : e.problems()) {
                err.println(problem);
            }
            return ExitCodes.INVALID_INPUT;
        } catch (IOException e) {
            err.println("icesim " + command + ": " + ioMessage.apply(BatchCommand.describe(e)));
            return ExitCodes.CANNOT_RUN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("icesim " + command + ": interrupted" + afterStop);
            return ExitCodes.CANNOT_RUN;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
