package org.icesim.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.icesim.kernel.Durations;
import org.icesim.metrics.RunOutput;
import org.icesim.stats.Json;
import org.icesim.world.RunExecutor;
import org.icesim.world.RunOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {

    private static final Provenance PROVENANCE = new Provenance("test", null, "host1", List.of("icesim", "batch"));
    private static final List<String> DETERMINISTIC_FILES =
            List.of(ResultFiles.RUNS, ResultFiles.EVENTS, ResultFiles.MEDIA, ResultFiles.LOAD, ResultFiles.SUMMARY);

    @TempDir
    Path dir;

    private BatchPlan plan(RunOptions runOptions) throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 6, "5ms", "50ms");
        Path b = TestScenarios.write(dir, "beta", 5);
        return new BatchPlanner().plan("b1", List.of(a, b), new PlanOptions(0, List.of(), 0, Shard.WHOLE, runOptions));
    }

    static Completion runBatch(BatchPlan plan, Path out, RunExecutor executor, int threads) throws Exception {
        try (ResultStore store = ResultStore.open(out, plan, PROVENANCE, threads, StartMode.NEW)) {
            new BatchRunner(executor, threads).run(plan, store, BatchListener.NONE);
            return store.complete();
        }
    }

    @Test
    void resultFilesAreTheSameBytesWhateverTheThreadCountAndFinishingOrder() throws Exception {
        BatchPlan plan = plan(new RunOptions(true, Durations.seconds(1), null, false));
        runBatch(plan, dir.resolve("one"), FakeExecutor.instant(), 1);
        // Seed-dependent sleeps make runs finish in another order than they start.
        FakeExecutor shuffled = new FakeExecutor(seed -> Math.floorMod(seed, 13), seed -> FakeExecutor.everyNth(seed, 5));
        FakeExecutor sameFailures = new FakeExecutor(seed -> 0, seed -> FakeExecutor.everyNth(seed, 5));
        runBatch(plan, dir.resolve("one-failing"), sameFailures, 1);
        runBatch(plan, dir.resolve("four-failing"), shuffled, 4);
        for (String file : DETERMINISTIC_FILES) {
            assertThat(Files.readAllBytes(dir.resolve("four-failing").resolve(file)))
                    .as(file).isEqualTo(Files.readAllBytes(dir.resolve("one-failing").resolve(file)));
        }
        assertThat(Files.readString(dir.resolve("one").resolve(ResultFiles.RUNS)))
                .isNotEqualTo(Files.readString(dir.resolve("one-failing").resolve(ResultFiles.RUNS)));
    }

    @Test
    void aRunRecordedTwiceKeepsItsFirstRecordAndMakesOneRow() throws Exception {
        BatchPlan plan = plan(RunOptions.METRICS_ONLY);
        runBatch(plan, dir.resolve("once"), FakeExecutor.instant(), 1);
        Path twice = dir.resolve("twice");
        try (ResultStore store = ResultStore.open(twice, plan, PROVENANCE, 1, StartMode.NEW)) {
            RunExecutor executor = FakeExecutor.instant();
            for (RunSpec run : plan.runs()) {
                RunRecord record = RunRecord.execute(executor, run, RunOptions.METRICS_ONLY);
                assertThat(store.record(record)).isTrue();
                // As a retried or speculative task would deliver it again, even with another outcome.
                assertThat(store.record(RunRecord.failed(run, new IllegalStateException("second attempt")))).isFalse();
            }
            assertThat(store.failedSoFar()).isZero();
            store.complete();
        }
        assertThat(Files.readAllBytes(twice.resolve(ResultFiles.RUNS)))
                .isEqualTo(Files.readAllBytes(dir.resolve("once").resolve(ResultFiles.RUNS)));
    }

    @Test
    void runsCsvFollowsTheResultsFormat() throws Exception {
        BatchPlan plan = plan(new RunOptions(true, Durations.seconds(1), null, false));
        runBatch(plan, dir.resolve("out"), FakeExecutor.instant(), 2);
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(ResultFiles.RUNS));
        assertThat(lines.get(0)).isEqualTo("run_id,batch,scenario,file,point,links.lan.delay,links.lan.delay_ms,seed_index,"
                + "seed,status,error,"
                + "detect_disconnected_ms,detect_failed_ms,detect_connection_failed_ms,restart_latency_ms,signaling_ms,gathering_ms,checks_ms,"
                + "recovery_ms,media_gap_ms,media_lost_ms,recovery_ab_ms,recovery_ba_ms,media_gap_ab_ms,media_gap_ba_ms,"
                + "media_lost_ab_ms,media_lost_ba_ms,selected_pair_before,selected_pair_after,used_turn,"
                + "stun_checks_sent,turn_allocations,signaling_messages,bytes_relayed,calls,calls_connected,calls_up_at_end,"
                + "calls_relayed_at_end,faults,restarts,interruptions,unrecovered,restart_latency_p50_ms,restart_latency_p95_ms,"
                + "recovery_p50_ms,recovery_p95_ms,reference_ms");
        assertThat(lines).hasSize(1 + 17);
        // The swept 5ms has its number beside it; beta sweeps nothing, so both are empty.
        assertThat(lines.get(1)).startsWith("alpha/p0/s0,b1,alpha," + dir.resolve("alpha.yaml") + ",0,5ms,5,0,");
        assertThat(lines.get(13)).startsWith("beta/p0/s0,b1,beta," + dir.resolve("beta.yaml") + ",0,,,0,");
        List<String> events = Files.readAllLines(dir.resolve("out").resolve(ResultFiles.EVENTS));
        assertThat(events.get(0)).isEqualTo("run_id,t_ms,node,kind,detail,since_reference_ms");
        // The fake run has no reference instant, so the relative time is empty.
        assertThat(events.get(1)).isEqualTo("alpha/p0/s0,20000,net,fault,\"link-down wifi, \"\"alice\"\"\",");
        List<String> load = Files.readAllLines(dir.resolve("out").resolve(ResultFiles.LOAD));
        assertThat(load.get(0)).isEqualTo("run_id,t_ms,interval_ms,scope,server,live_allocations,allocations,relayed_bytes,"
                + "relayed_packets,relayed_mbps,relayed_pps,restarts,calls_started,calls_connected,calls_up,calls_relayed");
        // 1200 bytes in 1 s = 9600 bit/s; the run's totals follow its one server's row.
        assertThat(load.get(1)).isEqualTo("alpha/p0/s0,1000,1000,server,turn1,1,1,1200,10,0.0096,10,,,,,");
        assertThat(load.get(2)).isEqualTo("alpha/p0/s0,1000,1000,fleet,,1,1,1200,10,0.0096,10,0,,,,");
        assertThat(dir.resolve("out").resolve(ResultFiles.JOURNAL)).doesNotExist();
    }

    @Test
    void withoutEventsOrLoadThoseFilesAreNotWritten() throws Exception {
        runBatch(plan(RunOptions.METRICS_ONLY), dir.resolve("out"), FakeExecutor.instant(), 2);
        assertThat(dir.resolve("out").resolve(ResultFiles.EVENTS)).doesNotExist();
        assertThat(dir.resolve("out").resolve(ResultFiles.LOAD)).doesNotExist();
    }

    @Test
    void aRunThatThrowsIsRecordedAsFailedWithItsErrorAndSeedAndTheBatchGoesOn() throws Exception {
        BatchPlan plan = plan(RunOptions.METRICS_ONLY);
        RunSpec victim = plan.runs().get(3);
        RunExecutor executor = (point, seed, options) -> {
            // Sweep points and scenarios share seeds (common random numbers): the point tells runs apart.
            if (seed == victim.seed() && point == victim.scenarioPoint()) {
                throw new IllegalStateException("simulated model bug");
            }
            return FakeExecutor.instant().run(point, seed, options);
        };
        Completion completion = runBatch(plan, dir.resolve("out"), executor, 3);
        assertThat(completion.runs()).isEqualTo(17);
        assertThat(completion.failed()).isEqualTo(1);
        ResultSet results = ResultSet.read(dir.resolve("out"));
        RunRow failed = results.rows().get(3);
        assertThat(failed.runId()).isEqualTo(victim.runId());
        assertThat(failed.failed()).isTrue();
        assertThat(failed.seed()).isEqualTo(victim.seed());
        assertThat(failed.error()).isEqualTo("java.lang.IllegalStateException: simulated model bug");
        assertThat(failed.metrics()).isEmpty();
        assertThat(results.rows()).filteredOn(r -> !r.failed()).hasSize(16).allMatch(r -> !r.metrics().isEmpty());
    }

    @Test
    void aStackOverflowInARunFailsThatRunOnly() throws Exception {
        BatchPlan plan = plan(RunOptions.METRICS_ONLY);
        RunSpec victim = plan.runs().get(0);
        RunExecutor executor = (point, seed, options) -> {
            if (seed == victim.seed() && point == victim.scenarioPoint()) {
                throw new StackOverflowError();
            }
            return FakeExecutor.instant().run(point, seed, options);
        };
        assertThat(runBatch(plan, dir.resolve("out"), executor, 2).failed()).isEqualTo(1);
    }

    @Test
    void resumeRunsOnlyWhatIsMissingAndGivesTheSameBytes() throws Exception {
        BatchPlan plan = plan(new RunOptions(true, Durations.seconds(1), null, false));
        runBatch(plan, dir.resolve("whole"), FakeExecutor.instant(), 1);
        Path out = dir.resolve("resumed");
        // First session: some runs finish, then it stops before completing.
        try (ResultStore store = ResultStore.open(out, plan, PROVENANCE, 1, StartMode.NEW)) {
            for (int i : new int[] {0, 5, 6, 16}) {
                RunSpec run = plan.runs().get(i);
                RunOutput output = FakeExecutor.instant().run(run.scenarioPoint(), run.seed(), plan.options().runOptions());
                store.record(RunRecord.finished(run, output, plan.options().runOptions()));
            }
        }
        assertThat(out.resolve(ResultFiles.RUNS)).doesNotExist();
        AtomicInteger calls = new AtomicInteger();
        RunExecutor counting = (point, seed, options) -> {
            calls.incrementAndGet();
            return FakeExecutor.instant().run(point, seed, options);
        };
        try (ResultStore store = ResultStore.open(out, plan, PROVENANCE, 2, StartMode.RESUME)) {
            assertThat(store.finished()).containsExactlyInAnyOrder(0, 5, 6, 16);
            assertThat(new BatchRunner(counting, 2).run(plan, store, BatchListener.NONE)).isEqualTo(13);
            store.complete();
        }
        assertThat(calls).hasValue(13);
        for (String file : DETERMINISTIC_FILES) {
            assertThat(Files.readAllBytes(out.resolve(file))).as(file).isEqualTo(Files.readAllBytes(dir.resolve("whole").resolve(file)));
        }
        JsonNode manifest = Json.mapper().readTree(out.resolve(ResultFiles.MANIFEST).toFile());
        assertThat(manifest.get("sessions")).hasSize(2);
        assertThat(manifest.get("sessions").get(0).get("runs").asInt()).isEqualTo(4);
        assertThat(manifest.get("sessions").get(1).get("runs").asInt()).isEqualTo(13);
    }

    @Test
    void resumingACompleteBatchRunsNothing() throws Exception {
        BatchPlan plan = plan(RunOptions.METRICS_ONLY);
        Path out = dir.resolve("out");
        runBatch(plan, out, FakeExecutor.instant(), 2);
        byte[] runs = Files.readAllBytes(out.resolve(ResultFiles.RUNS));
        RunExecutor forbidden = (point, seed, options) -> {
            throw new AssertionError("a complete batch runs nothing");
        };
        try (ResultStore store = ResultStore.open(out, plan, PROVENANCE, 2, StartMode.RESUME)) {
            assertThat(store.alreadyComplete()).isTrue();
            assertThat(new BatchRunner(forbidden, 2).run(plan, store, BatchListener.NONE)).isZero();
            assertThat(store.complete().runs()).isEqualTo(17);
        }
        assertThat(Files.readAllBytes(out.resolve(ResultFiles.RUNS))).isEqualTo(runs);
    }

    @Test
    void aDirectoryWithResultsIsNeverOverwrittenByAccident() throws Exception {
        BatchPlan plan = plan(RunOptions.METRICS_ONLY);
        Path out = dir.resolve("out");
        runBatch(plan, out, FakeExecutor.instant(), 2);
        assertThatThrownBy(() -> ResultStore.open(out, plan, PROVENANCE, 1, StartMode.NEW))
                .isInstanceOf(BatchException.class).hasMessageContaining("already holds results")
                .hasMessageContaining("--resume").hasMessageContaining("--overwrite");
        try (ResultStore store = ResultStore.open(out, plan, PROVENANCE, 1, StartMode.OVERWRITE)) {
            assertThat(store.finished()).isEmpty();
            assertThat(out.resolve(ResultFiles.RUNS)).doesNotExist();
        }
    }

    @Test
    void resumingWithAnotherPlanIsRefused() throws Exception {
        BatchPlan plan = plan(RunOptions.METRICS_ONLY);
        Path out = dir.resolve("out");
        try (ResultStore store = ResultStore.open(out, plan, PROVENANCE, 1, StartMode.NEW)) {
            assertThat(store.finished()).isEmpty();
        }
        BatchPlan other = new BatchPlanner().plan("b1", List.of(dir.resolve("alpha.yaml"), dir.resolve("beta.yaml")),
                new PlanOptions(2, List.of(), 0, Shard.WHOLE, RunOptions.METRICS_ONLY));
        assertThatThrownBy(() -> ResultStore.open(out, other, PROVENANCE, 1, StartMode.RESUME))
                .isInstanceOf(BatchException.class).hasMessageContaining("planned differently");
        BatchPlan shard = new BatchPlanner().plan("b1", List.of(dir.resolve("alpha.yaml"), dir.resolve("beta.yaml")),
                new PlanOptions(0, List.of(), 0, new Shard(1, 2), RunOptions.METRICS_ONLY));
        assertThatThrownBy(() -> ResultStore.open(out, shard, PROVENANCE, 1, StartMode.RESUME))
                .isInstanceOf(BatchException.class).hasMessageContaining("holds shard 0/1");
    }

    @Test
    void theManifestSaysWhereTheResultsComeFrom() throws Exception {
        BatchPlan plan = plan(RunOptions.METRICS_ONLY);
        Path out = dir.resolve("out");
        runBatch(plan, out, new FakeExecutor(seed -> 0, seed -> FakeExecutor.everyNth(seed, 4)), 3);
        JsonNode manifest = Json.mapper().readTree(out.resolve(ResultFiles.MANIFEST).toFile());
        assertThat(manifest.get("icesim_version").asText()).isEqualTo("test");
        assertThat(manifest.get("host").asText()).isEqualTo("host1");
        assertThat(manifest.get("threads").asInt()).isEqualTo(3);
        assertThat(manifest.get("complete").asBoolean()).isTrue();
        assertThat(manifest.get("runs").asInt()).isEqualTo(17);
        assertThat(manifest.get("runs_failed").asInt()).isEqualTo(
                (int) plan.runs().stream().filter(r -> FakeExecutor.everyNth(r.seed(), 4)).count());
        assertThat(manifest.get("plan_fingerprint").asText()).isEqualTo(plan.fingerprint());
        assertThat(manifest.get("files").get(0).get("sha256").asText()).isEqualTo(Hashes.sha256(dir.resolve("alpha.yaml")));
        assertThat(manifest.get("groups")).hasSize(3);
        assertThat(manifest.get("groups").get(1).get("parameters").get("links.lan.delay").asText()).isEqualTo("50ms");
        assertThat(manifest.get("groups").get(1).get("seeds").asInt()).isEqualTo(6);
        assertThat(manifest.get("started").asText()).isNotEmpty();
        assertThat(manifest.get("finished").asText()).isNotEmpty();
        assertThat(ResultReader.manifest(out.resolve(ResultFiles.MANIFEST)).options().planOptions(Shard.WHOLE))
                .isEqualTo(plan.options());
    }
}
