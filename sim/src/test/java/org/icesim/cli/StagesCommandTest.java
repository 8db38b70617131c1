package org.icesim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.icesim.batch.FakeExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagesCommandTest {

    @TempDir
    Path dir;

    private static String fixture() throws Exception {
        return Path.of(StagesCommandTest.class.getResource("/testbed/stages/events.csv").toURI()).getParent().toString();
    }

    @Test
    void printsEachStepOfEachResultSetSideBySide() throws Exception {
        CliRun run = CliRun.icesim(FakeExecutor::instant, "stages", fixture(), fixture());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("[1] " + fixture() + ": 1 runs", "[2] " + fixture() + ": 1 runs")
                .containsPattern("set-up\\s+start -> offer sent\\s+1\\s+17\\.3\\s+17\\.3\\s+17\\.3\\s+1\\s+17\\.3")
                // alice's srflx candidate took 335.0 ms to reach bob, bob's 252.8 ms to reach alice
                .containsPattern("restart\\s+candidate srflx gathered -> added by the other peer\\s+2\\s+293\\.9\\s+252\\.8\\s+335\\s");
    }

    @Test
    void caseKeepsTheMatchingRuns() throws Exception {
        CliRun run = CliRun.icesim(FakeExecutor::instant, "stages", "--case", "relay-only", fixture());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains(": 0 runs").doesNotContain("offer sent");
    }

    @Test
    void aBaselineOfSeveralMeasurementSetsGivesTheRunsOfEverySet() throws Exception {
        Path baseline = dir.resolve("chromium-0.test");
        for (String set : new String[] {"80ms", "200ms"}) {
            Files.createDirectories(baseline.resolve(set));
            for (String file : new String[] {"events.csv", "raw.tar.gz"}) {
                Files.copy(Path.of(fixture(), file), baseline.resolve(set).resolve(file));
            }
        }
        CliRun run = CliRun.icesim(FakeExecutor::instant, "stages", baseline.toString());

        assertThat(run.status()).as(run.err()).isZero();
        // The same run in both sets counts twice, with the raw logs' steps too.
        assertThat(run.out()).contains("[1] " + baseline + ": 2 runs")
                .containsPattern("set-up\\s+start -> offer sent\\s+2\\s+17\\.3\\s+17\\.3\\s+17\\.3")
                .containsPattern("restart\\s+candidate srflx gathered -> added by the other peer\\s+4\\s");
    }

    @Test
    void negotiationSamplesGiveEachRunsTimesAsTheSamplesFile() throws Exception {
        CliRun run = CliRun.icesim(FakeExecutor::instant, "stages", "--negotiation-samples", "pion", fixture(), fixture());

        assertThat(run.status()).as(run.err()).isZero();
        // start -> offer sent and have-remote-offer -> stable at the set-up and the restart, each run of each set;
        // the extra is the set-up's offer handed -> have-remote-offer (372.1) less the restarts' median (125.4).
        assertThat(run.out()).isEqualTo(String.join(System.lineSeparator(), "profile,quantity,ms",
                "pion,first-offer,17.3", "pion,first-offer,17.3", "pion,offer,11.7", "pion,offer,11.7",
                "pion,first-answer,62.6", "pion,first-answer,62.6", "pion,answer,15.5", "pion,answer,15.5",
                "pion,first-remote-offer-extra,246.7", "pion,first-remote-offer-extra,246.7", ""));
    }

    @Test
    void negotiationSamplesForAProfileNoRealStackHasAreInvalidInput() throws Exception {
        CliRun run = CliRun.icesim(FakeExecutor::instant, "stages", "--negotiation-samples", "libwebrtcc", fixture());

        assertThat(run.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("icesim stages: --negotiation-samples: no real stack has the profile 'libwebrtcc'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDirectoryWithoutEventsIsInvalidInput() {
        CliRun run = CliRun.icesim(FakeExecutor::instant, "stages", dir.toString());

        assertThat(run.status()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("icesim stages: no events.csv in " + dir);
    }
}
