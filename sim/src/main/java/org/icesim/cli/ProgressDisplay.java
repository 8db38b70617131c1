package org.icesim.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.icesim.batch.BatchListener;
import org.icesim.batch.RunRecord;
import org.icesim.batch.RunSpec;

/** A terminal progress bar of a batch: runs done of total, runs/s, time left, failures so far. */
final class ProgressDisplay implements BatchListener, AutoCloseable {

    private final PrintStream out;
    private ProgressBar bar;
    private int failed;

    ProgressDisplay(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void started(int runs, int alreadyFinished, int alreadyFailed) {
        failed = alreadyFailed;
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
        bar.setExtraMessage(message());
    }

    @Override
    public synchronized void finished(RunSpec run, RunRecord record) {
        if (record.failed()) {
            failed++;
            bar.setExtraMessage(message());
        }
        bar.step();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private String message() {
        return failed == 0 ? "" : failed + " failed";
    }
}
