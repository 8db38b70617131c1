package org.icesim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.icesim.kernel.Durations;
import org.icesim.metrics.CallsSample;
import org.icesim.metrics.LoadSample;
import org.icesim.metrics.Metric;
import org.icesim.metrics.RunOutput;
import org.icesim.metrics.RunResult;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.yaml.ScenarioProblem;
import org.icesim.testkit.SuiteChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small fleet built from the {@code fleet:} section: structure, figures, determinism, validation. */
class FleetWorldTest {

    @TempDir
    Path dir;

    static final String FLEET = """
            name: small-fleet
            duration: 40s
            media: {mode: fluid, audio: {pps: 50, bytes: 80}}
            links: {dc: {delay: 2ms}, lan: {delay: 10ms}}
            nats: {home: {preset: port-restricted-cone}, sym: {preset: symmetric}}
            servers:
              sig: {type: signaling, link: dc}
              stun: {type: stun, link: dc}
              turn-1: {type: turn, link: dc}
              turn-2: {type: turn, link: dc}
            peers:
              a: {interfaces: [{name: eth, link: lan, behind: home}], policy: on-failed}
              b: {interfaces: [{name: eth, link: lan, behind: home}], policy: on-failed}
            fleet:
              calls: 20
              ramp: 10s
              turn-assignment: round-robin
              nats: {caller: {home: 50%, sym: 50%}, callee: {sym: 50%, none: 50%}}
              faults:
                link-flap: {per-call-per-hour: 90, duration: 3s}
            """;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private RunOutput run(String yaml, long seed) throws Exception {
        ScenarioPoint point = new ScenarioLoader().load(write(yaml)).get(0);
        return new CallRunner().run(point, seed, SuiteChecks.options(false, Durations.seconds(5)));
    }

    @Test
    void everyCallConnectsAndTheFiguresAreConsistent() throws Exception {
        RunOutput output = run(FLEET, 7);
        var result = output.result();
        assertThat(result.text(Metric.CALLS)).isEqualTo("20");
        assertThat(result.text(Metric.CALLS_CONNECTED)).isEqualTo("20");
        // Both sides symmetric or a symmetric NAT against a port-restricted one: relayed.
        assertThat(Long.parseLong(result.text(Metric.CALLS_RELAYED_AT_END))).isPositive();
        // Every peer allocates once on its call's server before any fault.
        assertThat(Long.parseLong(result.text(Metric.TURN_ALLOCATIONS))).isGreaterThanOrEqualTo(40);
        assertThat(Long.parseLong(result.text(Metric.FAULTS))).isPositive();
        assertThat(output.events()).isEmpty();
    }

    @Test
    void loadIsSampledPerServerAndTheCallsAtTheSameInstants() throws Exception {
        RunOutput output = run(FLEET, 7);
        List<LoadSample> load = output.load();
        // 40 s in 5 s intervals: 8 instants × (turn-1, turn-2); the totals are load.csv's to add (LoadTable).
        assertThat(load).hasSize(16);
        assertThat(load.subList(0, 2)).extracting(LoadSample::server).containsExactly("turn-1", "turn-2");
        List<CallsSample> calls = output.fleet().calls();
        assertThat(calls).extracting(CallsSample::timeNanos)
                .containsExactlyElementsOf(load.stream().map(LoadSample::timeNanos).distinct().toList());
        // Calls start evenly over the 10 s ramp, one every 0.5 s: 11 by the end of the instant 5 s (0 … 5 s).
        assertThat(calls.get(0).started()).isEqualTo(11);
        assertThat(calls.get(2).started()).isEqualTo(20);
        calls.forEach(c -> {
            assertThat(c.connected()).isLessThanOrEqualTo(c.started());
            assertThat(c.up()).isLessThanOrEqualTo(c.started());
            assertThat(c.relayed()).isLessThanOrEqualTo(c.up());
        });
        CallsSample last = calls.get(calls.size() - 1);
        assertThat(last.connected()).isEqualTo(Integer.parseInt(output.result().text(Metric.CALLS_CONNECTED)));
        assertThat(last.up()).isEqualTo(Integer.parseInt(output.result().text(Metric.CALLS_UP_AT_END)));
        assertThat(last.relayed()).isEqualTo(Integer.parseInt(output.result().text(Metric.CALLS_RELAYED_AT_END)));
        assertThat(calls.stream().mapToLong(CallsSample::restarts).sum())
                .isEqualTo(Long.parseLong(output.result().text(Metric.RESTARTS)));
        // Round robin over 20 calls: each server gets 10 calls, 20 peers, 20 allocations.
        assertThat(load.get(0).liveAllocations()).isEqualTo(load.get(1).liveAllocations());
    }

    @Test
    void theValuesBehindThePercentilesAreKept() throws Exception {
        RunOutput output = run(FLEET, 7);
        assertThat(output.fleet().recoveryNanos()).isNotEmpty();
        assertThat(output.result().text(Metric.RESTART_LATENCY_P50_MS))
                .isEqualTo(nearestRank(output.fleet().restartLatencyNanos(), 0.5));
        assertThat(output.result().text(Metric.RESTART_LATENCY_P95_MS))
                .isEqualTo(nearestRank(output.fleet().restartLatencyNanos(), 0.95));
        assertThat(output.result().text(Metric.RECOVERY_P50_MS)).isEqualTo(nearestRank(output.fleet().recoveryNanos(), 0.5));
        assertThat(output.result().text(Metric.RECOVERY_P95_MS)).isEqualTo(nearestRank(output.fleet().recoveryNanos(), 0.95));
    }

    /** runs.csv's percentile text of these values: nearest rank, empty when there is none. */
    private static String nearestRank(List<Long> values, double q) {
        if (values.isEmpty()) {
            return "";
        }
        List<Long> sorted = values.stream().sorted().toList();
        return RunResult.millisText(sorted.get((int) Math.ceil(q * sorted.size()) - 1));
    }

    @Test
    void reportingProgressChangesNothingAndReachesTheEnd() throws Exception {
        ScenarioPoint point = new ScenarioLoader().load(write(FLEET)).get(0);
        List<long[]> told = new ArrayList<>();
        RunOptions options = SuiteChecks.options(false, Durations.seconds(5));
        RunOutput quiet = new CallRunner().run(point, 7, options);
        RunOutput loud = new CallRunner().run(point, 7, options.withProgress((t, end, events) -> told.add(new long[] {t, end, events})));
        for (Metric metric : Metric.values()) {
            assertThat(loud.result().text(metric)).as(metric.column()).isEqualTo(quiet.result().text(metric));
        }
        assertThat(loud.load()).isEqualTo(quiet.load());
        // One step per load interval of the 40 s run, the last at its end with every event run.
        assertThat(told).extracting(t -> t[0]).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 8).mapToObj(k -> Durations.seconds(5 * k)).toList());
        assertThat(told).allSatisfy(t -> assertThat(t[1]).isEqualTo(Durations.seconds(40)));
        assertThat(told.get(told.size() - 1)[2]).isEqualTo(quiet.effort().events());
    }

    @Test
    void theSameSeedGivesTheSameFiguresAndAnotherSeedOtherFaults() throws Exception {
        RunOutput one = run(FLEET, 7);
        RunOutput again = run(FLEET, 7);
        for (Metric metric : Metric.values()) {
            assertThat(again.result().text(metric)).as(metric.column()).isEqualTo(one.result().text(metric));
        }
        assertThat(again.load()).isEqualTo(one.load());
        RunOutput other = run(FLEET, 8);
        assertThat(other.result().text(Metric.BYTES_RELAYED)).isNotEqualTo(one.result().text(Metric.BYTES_RELAYED));
    }

    @Test
    void aCallsDrawsDoNotDependOnHowManyCallsThereAre() throws Exception {
        // The first call starts at 0 s with one more call or one fewer behind it: its NATs and
        // faults come from call/0/..., so a single-call fleet equals its first call.
        String single = FLEET.replace("calls: 20", "calls: 1").replace("ramp: 10s", "ramp: 0s");
        String pair = FLEET.replace("calls: 20", "calls: 2").replace("ramp: 10s", "ramp: 40s");
        RunOutput alone = run(single, 3);
        RunOutput withAnother = run(pair, 3);
        // The second call starts at 20 s; until then the first call's figures match.
        assertThat(withAnother.load().get(0).liveAllocations() + withAnother.load().get(1).liveAllocations())
                .isEqualTo(alone.load().get(0).liveAllocations() + alone.load().get(1).liveAllocations());
        assertThat(withAnother.load().get(2).relayedBytes()).isEqualTo(alone.load().get(2).relayedBytes());
    }

    @Test
    void fleetKeysAreCheckedWithLocatedProblems() throws Exception {
        String bad = FLEET.replace("{home: 50%, sym: 50%}", "{home: 50%, symm: 40%}")
                .replace("round-robin", "random")
                .replace("duration: 3s}", "duration: 3s}\n    turn-crush: {per-hour: 1}")
                + "timeline:\n  - {at: 1s, action: restart-ice, peer: a}\n";
        assertThatThrownBy(() -> new ScenarioLoader().load(write(bad)))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> {
                    List<String> messages = ((ScenarioException) e).problems().stream().map(ScenarioProblem::toString).toList();
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("fleet.nats.caller.symm")
                            .contains("'symm' is not one of").contains("did you mean 'sym'"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("fleet.nats.caller")
                            .contains("must add up to 100%, they add up to 50.0%"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("fleet.turn-assignment"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("fleet.faults.turn-crush")
                            .contains("did you mean 'turn-crash'"));
                    assertThat(messages).anySatisfy(m -> assertThat(m).contains("timeline").contains("random faults"));
                });
    }

    @Test
    void aFluidSampleIntervalLongerThanHalfTheThresholdIsRejected() throws Exception {
        String bad = FLEET.replace("mode: fluid,", "mode: fluid, sample-interval: 150ms,");
        assertThatThrownBy(() -> new ScenarioLoader().load(write(bad)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("sample-interval (150ms) must be at most half of metrics.interruption-threshold (200ms)");
    }
}
