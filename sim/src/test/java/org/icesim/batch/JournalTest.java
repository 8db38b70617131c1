package org.icesim.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.icesim.kernel.Durations;
import org.icesim.metrics.EventDetail;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RecordedEvent;
import org.icesim.stats.MetricTexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    /** The run ids of the plan these tests journal: position i is run s/p0/si. */
    static final IntFunction<String> PLANNED = position -> "s/p0/s" + position;

    private static RunRecord record(int position) {
        return new RunRecord(position, "s/p0/s" + position, false, "",
                MetricTexts.values(Map.of(Metric.RESTART_LATENCY_MS, "1234.5", Metric.USED_TURN, "1",
                        Metric.SELECTED_PAIR_AFTER, "relay/host")),
                List.of(new RecordedEvent(Durations.millis(20), "alice", new EventDetail.Fault("link-down \"wifi\",\nsecond line"))),
                List.of(new LoadSample(Durations.seconds(1), "turn1", 2, 3, 4000, 1, 30)));
    }

    @Test
    void recordsReadBackEqualWithTheirPositionsAndFailures() throws Exception {
        Path file = dir.resolve("runs.journal");
        RunRecord failed = new RunRecord(9, "s/p0/s9", true, "java.lang.IllegalStateException: boom", Map.of(), List.of(),
                List.of());
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            journal.append(record(4));
            journal.append(failed);
            journal.append(record(0));
        }
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            assertThat(journal.positions()).containsExactlyInAnyOrder(0, 4, 9);
            assertThat(journal.read(4)).isEqualTo(record(4));
            assertThat(journal.read(9)).isEqualTo(failed);
            assertThat(journal.failedCount()).isEqualTo(1);
            assertThat(journal.damaged()).isZero();
        }
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void aTornLastRecordIsIgnoredAndCutOffBeforeTheNextAppend() throws Exception {
        Path file = dir.resolve("runs.journal");
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            journal.append(record(0));
            journal.append(record(1));
        }
        byte[] whole = Files.readAllBytes(file);
        int secondLineStart = indexOfNewline(whole) + 1;
        // Every cut inside the second record leaves the first intact and the second gone.
        for (int cut = secondLineStart + 1; cut < whole.length; cut += 7) {
            Files.write(file, Arrays.copyOf(whole, cut));
            try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
                assertThat(journal.positions()).containsExactly(0);
                assertThat(journal.damaged()).isEqualTo(1);
                journal.append(record(2));
            }
            try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
                assertThat(journal.positions()).containsExactlyInAnyOrder(0, 2);
                assertThat(journal.read(2)).isEqualTo(record(2));
                assertThat(journal.damaged()).isZero();
            }
        }
    }

    @Test
    void aCorruptRecordIsSkippedByItsChecksum() throws Exception {
        Path file = dir.resolve("runs.journal");
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            journal.append(record(0));
            journal.append(record(1));
            journal.append(record(2));
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        lines[1] = lines[1].replace("1234.5", "9234.5");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            assertThat(journal.positions()).containsExactlyInAnyOrder(0, 2);
            assertThat(journal.damaged()).isEqualTo(1);
        }
    }

    @Test
    void aPositionIsRecordedOnceAndASecondRecordOfItWritesNothing() throws Exception {
        Path file = dir.resolve("runs.journal");
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            assertThat(journal.append(record(3))).isTrue();
            long size = Files.size(file);
            assertThat(journal.append(record(3))).isFalse();
            assertThat(Files.size(file)).isEqualTo(size);
            assertThat(journal.positions()).containsExactly(3);
        }
    }

    @Test
    void aDuplicatedLineCountsOnce() throws Exception {
        Path file = dir.resolve("runs.journal");
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            journal.append(record(0));
        }
        String line = Files.readString(file);
        Files.writeString(file, line + line);
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            assertThat(journal.positions()).containsExactly(0);
            assertThat(journal.failedCount()).isZero();
        }
    }

    @Test
    void aRecordWithAValidChecksumWhoseRunIdContradictsItsPositionIsNotTrusted() throws Exception {
        Path file = dir.resolve("runs.journal");
        RunRecord right = record(1);
        RunRecord contradicting = new RunRecord(1, "s/p0/s7", right.failed(), right.error(), right.metrics(), right.events(),
                right.load());
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            journal.append(record(0));
            journal.append(contradicting);
        }
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            assertThat(journal.positions()).containsExactly(0);
            assertThat(journal.damaged()).isOne();
            assertThat(journal.append(right)).as("the run is recorded again").isTrue();
        }
        try (Journal journal = Journal.open(file, FileChannels.DISK, PLANNED)) {
            assertThat(journal.positions()).containsExactlyInAnyOrder(0, 1);
            assertThat(journal.read(1)).isEqualTo(right);
        }
    }

    private static int indexOfNewline(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no line end");
    }
}
