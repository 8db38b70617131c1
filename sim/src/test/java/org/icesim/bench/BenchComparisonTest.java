package org.icesim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icesim.metrics.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchComparisonTest {

    @TempDir
    Path dir;

    private static BenchResult cpu(Double... rounds) {
        return new BenchResult("calls x seeds=10", rounds.length, List.of(
                new BenchFigure("CPU per run", "ms", Direction.LOWER_IS_BETTER, true, List.of(rounds)),
                new BenchFigure("runs/s (wall)", "", Direction.HIGHER_IS_BETTER, false, List.of(rounds))));
    }

    @Test
    void aFigureIsTheMedianOfItsRoundsAndItsNoiseHalfTheirRange() {
        BenchFigure figure = cpu(30.0, 34.0, 31.0, 32.0, 29.0).figures().get(0);
        assertThat(figure.median()).isEqualTo(31.0);
        assertThat(figure.spread()).isCloseTo(2.5 / 31, within(1e-12));
    }

    @Test
    void aWorseningBeyondToleranceAndNoiseFailsAndNoiseAloneDoesNot() {
        BenchResult quiet = cpu(30.0, 30.3, 29.7);
        assertThat(BenchComparison.of(quiet, cpu(36.0, 36.3, 35.7), 0.05)).singleElement().satisfies(line -> {
            assertThat(line.worsening()).isCloseTo(0.2, within(1e-12));
            assertThat(line.threshold()).isCloseTo(0.05, within(1e-12));
            assertThat(line.failed()).isTrue();
        });
        // The same medians with rounds that spread ±15 % each: 20 % is inside the noise.
        BenchResult noisy = cpu(30.0, 34.5, 25.5);
        assertThat(BenchComparison.of(noisy, cpu(36.0, 41.4, 30.6), 0.05)).singleElement().satisfies(line -> {
            assertThat(line.threshold()).isCloseTo(0.3, within(1e-12));
            assertThat(line.failed()).isFalse();
        });
        assertThat(BenchComparison.of(quiet, cpu(20.0, 20.1, 19.9), 0.05).get(0).failed()).as("faster").isFalse();
    }

    @Test
    void resultsOfOtherSettingsDoNotCompareAndAStoredResultReadsBack() throws Exception {
        BenchResult other = new BenchResult("calls x seeds=20", 1, cpu(1.0).figures());
        assertThatThrownBy(() -> BenchComparison.of(other, cpu(1.0), 0.05))
                .hasMessageContaining("the baseline measured 'calls x seeds=20', this run 'calls x seeds=10'");
        Path stored = Files.write(dir.resolve("bench.json"), cpu(30.0, 31.0).bytes());
        BenchResult read = BenchResult.read(stored);
        assertThat(read).isEqualTo(cpu(30.0, 31.0));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"setup\": 3,");
        assertThatThrownBy(() -> BenchResult.read(broken)).hasMessageStartingWith(broken + " is not a result of icesim bench --json");
    }
}
