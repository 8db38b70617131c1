package org.icesim.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.icesim.batch.BatchListener;
import org.icesim.batch.LiveRun;
import org.icesim.batch.RunRecord;
import org.icesim.batch.RunSpec;

/**
 * Progress of a batch on standard error. On a terminal, a bar of runs done of total with runs/s,
 * time left and failures, and beside it how far the running runs got in simulated time (a fleet
 * tells as it goes) with the simulated events per wall second. Without a terminal (a CI log), one
 * plain line every few seconds with the same figures, so a long run shows it is alive. The time
 * left counts running runs' simulated share as work done. This display, not the model, reads the
 * wall clock and runs the timer thread; it polls the runs' {@link LiveRun}s.
 */
final class ProgressDisplay implements BatchListener, AutoCloseable {

    /** How progress is shown. */
    enum Mode { BAR, LINES }

    /** How often the bar's message is refreshed. */
    static final Duration BAR_REFRESH = Duration.ofMillis(500);

    private final PrintStream out;
    private final Mode mode;
    private final Duration every;
    private final LongSupplier wallNanos;
    private final Map<RunSpec, LiveRun> running = new LinkedHashMap<>();
    private final Map<RunSpec, Long> eventsAtLastLook = new LinkedHashMap<>();
    private ScheduledExecutorService timer;
    private ProgressBar bar;
    private int total;
    private int alreadyFinished;
    private int finished;
    private int failed;
    private long startNanos;
    private long lastLookNanos;

    /**
     * @param every     how often a line is printed ({@link Mode#LINES}); the bar is refreshed every {@link #BAR_REFRESH}
     * @param wallNanos the wall clock, in nanoseconds (System::nanoTime; tests pass their own)
     */
    ProgressDisplay(PrintStream out, Mode mode, Duration every, LongSupplier wallNanos) {
        this.out = out;
        this.mode = mode;
        this.every = every;
        this.wallNanos = wallNanos;
    }

    /** Starts the timer thread that refreshes the display; a display without it is refreshed by calling {@link #tick()}. */
    ProgressDisplay withTimer() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "icesim-progress");
            thread.setDaemon(true);
            return thread;
        });
        long period = (mode == Mode.BAR ? BAR_REFRESH : every).toMillis();
        timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public synchronized void started(int runs, int alreadyFinished, int alreadyFailed) {
        this.total = runs;
        this.alreadyFinished = alreadyFinished;
        this.failed = alreadyFailed;
        this.startNanos = wallNanos.getAsLong();
        this.lastLookNanos = startNanos;
        if (mode == Mode.BAR) {
            bar = new ProgressBarBuilder()
                    .setTaskName("runs")
                    .setInitialMax(runs)
                    .startsFrom(alreadyFinished, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" runs", 1)
                    .showSpeed()
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .build();
        }
    }

    @Override
    public synchronized void running(LiveRun live) {
        running.put(live.run(), live);
        eventsAtLastLook.put(live.run(), 0L);
    }

    @Override
    public synchronized void finished(RunSpec run, RunRecord record) {
        running.remove(run);
        eventsAtLastLook.remove(run);
        finished++;
        if (record.failed()) {
            failed++;
            if (bar != null) {
                bar.setExtraMessage(" " + failed + " failed");
            }
        }
        if (bar != null) {
            bar.step();
        }
    }

    /** Looks at the running runs and shows what it saw: the bar's message, or a line. */
    synchronized void tick() {
        String status = status();
        if (mode == Mode.BAR) {
            if (bar != null) {
                bar.setExtraMessage(status.isEmpty() ? "" : " " + status);
            }
        } else {
            out.println("icesim: " + (alreadyFinished + finished) + "/" + total + " runs done" + (status.isEmpty() ? "" : ", ")
                    + status);
            out.flush();
        }
    }

    /**
     * What the running runs did since the last look: how far each got in simulated time, the events
     * per wall second, failures so far, elapsed and time left.
     */
    private String status() {
        long now = wallNanos.getAsLong();
        double seconds = Math.max(1e-9, (now - lastLookNanos) / 1e9);
        lastLookNanos = now;
        List<String> parts = new ArrayList<>();
        long events = 0;
        double partly = 0;
        for (LiveRun live : running.values()) {
            long runEvents = live.eventsRun();
            events += runEvents - eventsAtLastLook.getOrDefault(live.run(), 0L);
            eventsAtLastLook.put(live.run(), runEvents);
            OptionalDouble done = live.fractionDone();
            if (done.isPresent()) {
                partly += done.getAsDouble();
                parts.add(String.format(Locale.ROOT, "%s at %s of %s simulated (%.0f %%)", live.run().runId(),
                        simulated(live.simulatedNanos()), simulated(live.endNanos()), 100 * done.getAsDouble()));
            }
        }
        if (events > 0) {
            parts.add(String.format(Locale.ROOT, "%,.0f events/s", events / seconds));
        }
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (mode == Mode.LINES) {
            double elapsed = (now - startNanos) / 1e9;
            double work = finished + partly;
            int left = total - alreadyFinished;
            parts.add("elapsed " + clock(elapsed) + (work > 0 && left > work
                    ? ", about " + clock(elapsed * (left - work) / work) + " left" : ""));
        } else if (partly > 0 && finished == 0) {
            // The bar's own estimate counts whole runs only: with one long run it would know nothing.
            double elapsed = (now - startNanos) / 1e9;
            int left = total - alreadyFinished;
            parts.add("about " + clock(elapsed * (left - partly) / partly) + " left");
        }
        return String.join(", ", parts);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static String simulated(long nanos) {
        return String.format(Locale.ROOT, "%.0f s", nanos / 1e9);
    }

    /** Seconds as h:mm:ss. */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
