package org.icesim.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One running peer seen through its control channel: commands go to the process's standard
 * input, event lines come from its standard output (the browser's control agent, or the pion
 * program). Every line is also kept in the run's raw log.
 */
final class RealPeer {

    private final String name;
    private final Writer commands;
    private final List<PeerLine> lines = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile String version;
    private volatile String error;

    RealPeer(String name, Process control, PrintWriter raw) {
        this.name = name;
        this.commands = new java.io.OutputStreamWriter(control.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> read(control, raw), "testbed-peer-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Process control, PrintWriter raw) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                synchronized (raw) {
                    // The instant the orchestrator read the line, beside the peer's own stamp in it.
                    raw.println(RealRun.nowMicros() + " " + name + " " + text);
                }
                PeerLine.parse(text).ifPresent(this::take);
            }
        } catch (IOException e) {
            error = error == null ? "control channel closed: " + e.getMessage() : error;
        } finally {
            raw.flush();
            listening.countDown();
            ready.countDown();
        }
    }

    private void take(PeerLine line) {
        synchronized (lines) {
            lines.add(line);
        }
        switch (line.kind()) {
            case "ready" -> {
                version = line.field("version").orElse("unknown");
                ready.countDown();
            }
            case "error" -> error = line.detail();
            case "log" -> {
                if (line.detail().startsWith("agent listening")) {
                    listening.countDown();
                }
            }
            default -> {
            }
        }
    }

    String name() {
        return name;
    }

    /** Waits for the control agent to listen (browsers only). */
    void awaitListening(long seconds) throws TestbedException, InterruptedException {
        if (!listening.await(seconds, TimeUnit.SECONDS)) {
            throw new TestbedException("the control agent of " + name + " did not start within " + seconds + " s");
        }
    }

    /** Waits for the peer's {@code ready} event. */
    String awaitReady(long seconds) throws TestbedException, InterruptedException {
        if (!ready.await(seconds, TimeUnit.SECONDS) || version == null) {
            throw new TestbedException(name + " did not report ready within " + seconds + " s"
                    + (error != null ? ": " + error : "") + " (see its raw log)");
        }
        return version;
    }

    void send(String command) throws TestbedException {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new TestbedException("cannot send '" + command + "' to " + name + ": " + e.getMessage(), e);
        }
    }

    /** A failure the peer reported about itself, or null. */
    String error() {
        return error;
    }

    List<PeerLine> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
