package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.icesim.batch.LiveRun;
import org.icesim.batch.RunRecord;
import org.icesim.batch.RunSpec;
import org.icesim.kernel.Durations;
import org.junit.jupiter.api.Test;

/** The plain progress lines: simulated time of the running runs, events per wall second, elapsed and time left. */
class ProgressDisplayTest {

    private static RunSpec run(int position, String id) {
        return new RunSpec(position, id, "f.yaml", "f", 0, null, 0, 0);
    }

    @Test
    void aLineSaysHowFarTheRunningFleetGotInSimulatedTimeAndHowLongIsLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong wall = new AtomicLong(0);
        RunSpec first = run(0, "capacity-1k/p0/s0");
        RunSpec second = run(1, "capacity-1k/p0/s1");
        try (ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                ProgressDisplay.Mode.LINES, Duration.ofSeconds(30), wall::get)) {
            display.started(2, 0, 0);
            LiveRun live = new LiveRun(first);
            display.running(live);
            wall.set(Durations.seconds(30));
            live.advanced(Durations.seconds(150), Durations.seconds(600), 3_000_000);
            display.tick();
            // A quarter of one of two runs in 30 s: the other 1.75 runs take 210 s more.
            wall.set(Durations.seconds(60));
            live.advanced(Durations.seconds(300), Durations.seconds(600), 4_500_000);
            display.tick();
            display.finished(first, RunRecord.failed(first, new IllegalStateException("x")));
            display.running(new LiveRun(second));
            wall.set(Durations.seconds(90));
            display.tick();
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly(
                "icesim: 0/2 runs done, capacity-1k/p0/s0 at 150 s of 600 s simulated (25 %), 100,000 events/s, "
                        + "elapsed 0:00:30, about 0:03:30 left",
                "icesim: 0/2 runs done, capacity-1k/p0/s0 at 300 s of 600 s simulated (50 %), 50,000 events/s, "
                        + "elapsed 0:01:00, about 0:03:00 left",
                "icesim: 1/2 runs done, 1 failed, elapsed 0:01:30, about 0:01:30 left");
    }
}
