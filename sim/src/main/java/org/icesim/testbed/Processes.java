package org.icesim.testbed;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every command and process the testbed starts, logged, bounded in time, and stopped by PID
 * together with its descendants (read from /proc through {@link ProcessHandle#descendants()}),
 * never by name. {@link #close()} stops what is still running, newest first.
 */
public final class Processes implements AutoCloseable {

    /** A command of the set-up that takes longer than this is stuck. */
    private static final long COMMAND_TIMEOUT_SECONDS = 30;
    private static final long STOP_GRACE_MILLIS = 2000;

    private final PrintWriter log;
    private final Deque<Process> running = new ArrayDeque<>();

    /** @param log where every command line goes, with its time (the run's raw log) */
    public Processes(PrintWriter log) {
        this.log = log;
    }

    /** Runs a command to its end; a failure is a {@link TestbedException} with the command's own error text. */
    public void run(List<String> command) throws TestbedException, InterruptedException {
        Result result = execute(command);
        if (result.status != 0) {
            throw new TestbedException("'" + String.join(" ", command) + "' failed (exit " + result.status + "): "
                    + result.output.strip());
        }
    }

    /**
     * Runs every command in order. Consecutive {@code ip -n NS} commands of one namespace go to one
     * {@code ip -batch}, consecutive iptables commands of one namespace and table to one
     * {@code iptables-restore --noflush}: on a loaded machine each process start costs time, and a
     * timeline action must take effect close to its instant.
     */
    public void runAll(List<List<String>> commands) throws TestbedException, InterruptedException {
        int i = 0;
        while (i < commands.size()) {
            Batch batch = Batch.of(commands.get(i));
            int j = i + 1;
            while (batch != null && j < commands.size() && batch.equals(Batch.of(commands.get(j)))) {
                j++;
            }
            if (batch == null || j == i + 1) {
                run(commands.get(i));
            } else {
                StringBuilder input = new StringBuilder(batch.header());
                for (List<String> command : commands.subList(i, j)) {
                    input.append(String.join(" ", command.subList(batch.prefixLength(), command.size()))).append('\n');
                }
                input.append(batch.footer());
                Result result = execute(batch.command(), input.toString());
                if (result.status != 0) {
                    throw new TestbedException("'" + String.join(" ", batch.command()) + "' failed (exit " + result.status
                            + ") on:\n" + input + result.output.strip());
                }
            }
            i = j;
        }
    }

    /** Commands that one process can apply together: {@code ip} in a namespace, or iptables on one table of one. */
    private record Batch(String namespace, String table) {

        static Batch of(List<String> command) {
            if (command.size() > 3 && command.get(0).equals("ip") && command.get(1).equals("-n")) {
                return new Batch(command.get(2), null);
            }
            if (command.size() > 8 && command.subList(0, 3).equals(List.of("ip", "netns", "exec"))
                    && command.subList(4, 7).equals(List.of("iptables", "-w", "-t"))) {
                return new Batch(command.get(3), command.get(7));
            }
            return null;
        }

        int prefixLength() {
            return table == null ? 3 : 8;
        }

        List<String> command() {
            return table == null ? List.of("ip", "-n", namespace, "-batch", "-")
                    : List.of("ip", "netns", "exec", namespace, "iptables-restore", "-w", "--noflush");
        }

        String header() {
            return table == null ? "" : "*" + table + "\n";
        }

        String footer() {
            return table == null ? "" : "COMMIT\n";
        }
    }

    /** Runs a command whose failure does not matter (clean-up of what may already be gone); returns its output. */
    public String runQuietly(List<String> command) throws InterruptedException {
        try {
            return execute(command).output;
        } catch (TestbedException e) {
            return "";
        }
    }

    private record Result(int status, String output) {
    }

    private Result execute(List<String> command) throws TestbedException, InterruptedException {
        return execute(command, "");
    }

    private Result execute(List<String> command, String input) throws TestbedException, InterruptedException {
        logLine("$ " + String.join(" ", command) + (input.isEmpty() ? "" : " <<\n" + input.strip()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            synchronized (this) {
                running.push(process);
            }
            try {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().close();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    stop(process);
                    throw new TestbedException("'" + String.join(" ", command) + "' did not finish within "
                            + COMMAND_TIMEOUT_SECONDS + " s");
                }
                String text = new String(out, StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    logLine(text.strip());
                }
                return new Result(process.exitValue(), text);
            } finally {
                synchronized (this) {
                    running.remove(process);
                }
            }
        } catch (IOException e) {
            throw new TestbedException("cannot run '" + command.get(0) + "': " + e.getMessage(), e);
        }
    }

    /**
     * Starts a long-running process; its standard error (and standard output unless {@code pipeOut})
     * goes to {@code output}.
     */
    public Process start(List<String> command, Map<String, String> environment, Path output, boolean pipeOut)
            throws TestbedException {
        logLine("$ " + String.join(" ", command) + " &");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(output.toFile()));
        if (!pipeOut) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        }
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            synchronized (this) {
                running.push(process);
            }
            logLine("  pid " + process.pid());
            return process;
        } catch (IOException e) {
            throw new TestbedException("cannot start '" + command.get(0) + "': " + e.getMessage(), e);
        }
    }

    /** Stops a process and every descendant it has now: TERM, then KILL after a grace period. */
    public void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
        synchronized (this) {
            running.remove(process);
        }
        logLine("  stopped pid " + process.pid() + " and " + (tree.size() - 1) + " descendants");
    }

    /** Stops every process still running, newest first. */
    @Override
    public void close() {
        while (true) {
            Process next;
            synchronized (this) {
                next = running.peek();
            }
            if (next == null) {
                return;
            }
            stop(next);
        }
    }

    public void logLine(String line) {
        synchronized (log) {
            log.println(java.time.Instant.now() + " " + line);
            log.flush();
        }
    }
}
