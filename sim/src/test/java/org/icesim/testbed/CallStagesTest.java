package org.icesim.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.icesim.batch.BatchException;
import org.icesim.testbed.CallStages.Duration;
import org.icesim.testbed.CallStages.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps of one real run, Chromium 156 restart-healthy s1 at 80 ms RTT (the fixture holds its
 * events.csv rows and, in raw.tar.gz, its two event logs and signaling.log from
 * results/baselines/real-first-runs/chromium-156.0.0.0-signaling-at-once). Every expected value
 * is worked out by hand from the lines named beside it.
 */
class CallStagesTest {

    private static final String RUN = "fidelity-restart-healthy/p1/s1";

    @TempDir
    Path dir;

    private static Path fixture() throws URISyntaxException {
        return Path.of(CallStagesTest.class.getResource("/testbed/stages/events.csv").toURI()).getParent();
    }

    private static double step(List<Duration> durations, Phase phase, String step) {
        return durations.stream().filter(d -> d.phase() == phase && d.step().equals(step)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + phase + " " + step)).millis();
    }

    @Test
    void timesTheNegotiationStepsFromEventsCsv() throws Exception {
        List<Duration> durations = CallStages.durations(StageMarks.read(fixture()).get(RUN));

        // events.csv: alice offer-sent at 17.321 ms; bob have-remote-offer 627.121, stable 689.721
        assertThat(step(durations, Phase.SETUP, "start -> offer sent")).isCloseTo(17.321, within(1e-9));
        assertThat(step(durations, Phase.SETUP, "offer sent -> answerer have-remote-offer")).isCloseTo(609.8, within(1e-9));
        assertThat(step(durations, Phase.SETUP, "answerer have-remote-offer -> stable (answer set)")).isCloseTo(62.6, within(1e-9));
        // restart-ice at 10049.521, offer-sent 10061.221, bob have-remote-offer 10224.121
        assertThat(step(durations, Phase.RESTART, "start -> offer sent")).isCloseTo(11.7, within(1e-9));
        assertThat(step(durations, Phase.RESTART, "offer sent -> answerer have-remote-offer")).isCloseTo(162.9, within(1e-9));
    }

    @Test
    void addsTheServersHandOversAndTheCandidatesTripsFromTheRawLogs() throws Exception {
        List<Duration> durations = CallStages.durations(StageMarks.read(fixture()).get(RUN));

        // The run's zero: alice's first signaling-state is at 1796666774319800 µs in her log and at
        // 16.921 ms in events.csv, so zero = 1796666774302879 µs. The server received alice's
        // message 1 at 18:06:14.560416525 (257.537 ms) and handed bob messages 1..1 at
        // 18:06:14.557924197 (255.045 ms: logged before the receipt).
        assertThat(step(durations, Phase.SETUP, "offer sent -> at the server")).isCloseTo(240.216, within(1e-9));
        assertThat(step(durations, Phase.SETUP, "offer at the server -> handed to answerer")).isCloseTo(-2.492, within(1e-9));
        assertThat(step(durations, Phase.SETUP, "offer handed -> answerer have-remote-offer")).isCloseTo(372.076, within(1e-9));
        // alice "candidate local srflx 198.51.100.2:34606" at 1796666774423600, bob "candidate remote
        // srflx 198.51.100.2:34606" at 1796666775137500; after the restart 198.51.100.2:46118,
        // 1796666784413200 -> 1796666784748200
        assertThat(durations).contains(new Duration(Phase.SETUP, "candidate srflx gathered -> added by the other peer", 713.9),
                new Duration(Phase.RESTART, "candidate srflx gathered -> added by the other peer", 335.0));
    }

    @Test
    void readsTheRawDirectoryATestbedBatchWritesAsTheArchive() throws Exception {
        Files.copy(fixture().resolve("events.csv"), dir.resolve("events.csv"));
        Path run = Files.createDirectories(dir.resolve("raw").resolve(RUN.replace('/', '_')));
        gzip(run.resolve("signaling.log.gz"), "2026-12-07T18:06:14.560416525Z send room=r from=alice id=1\n"
                + "2026-12-07T18:06:14.557924197Z recv peer=bob after=0 -> 1\n");
        gzip(run.resolve("alice.events.log.gz"), "1796666774341683 alice EV 1796666774319800 signaling-state have-local-offer\n");

        List<Duration> durations = CallStages.durations(StageMarks.read(dir).get(RUN));

        assertThat(step(durations, Phase.SETUP, "offer sent -> at the server")).isCloseTo(240.216, within(1e-9));
        assertThat(step(durations, Phase.SETUP, "offer at the server -> handed to answerer")).isCloseTo(-2.492, within(1e-9));
    }

    @Test
    void aSimulatedResultSetHasOnlyTheStepsOfItsEvents() throws Exception {
        Files.copy(fixture().resolve("events.csv"), dir.resolve("events.csv"));

        List<Duration> durations = CallStages.durations(StageMarks.read(dir).get(RUN));

        assertThat(durations).extracting(Duration::step).contains("start -> offer sent")
                .noneMatch(step -> step.contains("server") || step.contains("candidate") || step.contains("media"));
    }

    @Test
    void summarisesEachStepOverTheRuns() throws Exception {
        Map<String, List<StageMarks.Mark>> runs = StageMarks.read(fixture());

        CallStages.Step offer = CallStages.of(runs).stream()
                .filter(s -> s.phase() == Phase.SETUP && s.step().equals("start -> offer sent")).findFirst().orElseThrow();

        assertThat(offer.millis()).containsExactly(17.321);
        assertThat(new CallStages.Step(Phase.SETUP, "x", List.of(4.0, 1.0, 3.0, 10.0)).median()).isEqualTo(3.5);
    }

    @Test
    void aResultSetWithoutEventsIsNamed() {
        assertThatThrownBy(() -> StageMarks.read(dir)).isInstanceOf(BatchException.class)
                .hasMessageContaining("no events.csv in " + dir);
    }

    private static void gzip(Path file, String text) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
