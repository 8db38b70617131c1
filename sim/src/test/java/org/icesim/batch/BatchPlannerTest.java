package org.icesim.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icesim.kernel.RandomStreams;
import org.icesim.world.RunOptions;
import org.icesim.scenario.yaml.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPlannerTest {

    @TempDir
    Path dir;

    private final BatchPlanner planner = new BatchPlanner();

    private static PlanOptions options(int seeds, List<String> filters, int maxRuns, Shard shard) {
        return new PlanOptions(seeds, filters.stream().map(GroupFilter::parse).toList(), maxRuns, shard, RunOptions.METRICS_ONLY);
    }

    @Test
    void runsComeInFileOrderThenSweepPointThenSeedIndex() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 2, "5ms", "50ms");
        Path b = TestScenarios.write(dir, "beta", 3);
        BatchPlan plan = planner.plan("b1", List.of(a, b), PlanOptions.DEFAULTS);
        assertThat(plan.runs()).extracting(RunSpec::runId).containsExactly(
                "alpha/p0/s0", "alpha/p0/s1", "alpha/p1/s0", "alpha/p1/s1", "beta/p0/s0", "beta/p0/s1", "beta/p0/s2");
        assertThat(plan.runs()).extracting(RunSpec::position).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(plan.runs().get(2).file()).isEqualTo(a.toString());
        assertThat(plan.runs().get(2).scenarioPoint().parameters()).isEqualTo(Map.of("links.lan.delay", "50ms"));
        assertThat(plan.parameterColumns()).containsExactly("links.lan.delay");
        assertThat(plan.groups()).extracting(PlanGroup::seeds).containsExactly(2, 2, 3);
        assertThat(plan.batchRuns()).isEqualTo(7);
    }

    @Test
    void eachSeedIsTheReplicationSeedOfItsIndex() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 3);
        BatchPlan plan = planner.plan("b1", List.of(a), PlanOptions.DEFAULTS);
        long baseSeed = plan.runs().get(0).scenarioPoint().scenario().baseSeed();
        assertThat(plan.runs()).extracting(RunSpec::seed).containsExactly(RandomStreams.replicationSeed(baseSeed, 0),
                RandomStreams.replicationSeed(baseSeed, 1), RandomStreams.replicationSeed(baseSeed, 2));
    }

    @Test
    void aDirectoryStandsForItsYamlFilesInNameOrder() throws Exception {
        Path scenarios = Files.createDirectory(dir.resolve("scenarios"));
        TestScenarios.write(scenarios, "zulu", 1);
        TestScenarios.write(scenarios, "alpha", 1);
        Files.writeString(scenarios.resolve("notes.txt"), "not a scenario");
        BatchPlan plan = planner.plan("b1", List.of(scenarios), PlanOptions.DEFAULTS);
        assertThat(plan.files()).extracting(PlanFile::file)
                .containsExactly(scenarios.resolve("alpha.yaml").toString(), scenarios.resolve("zulu.yaml").toString());
        assertThat(plan.files().get(0).sha256()).hasSize(64);
    }

    @Test
    void seedsOverrideReplacesEveryFilesSeedCount() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 2, "5ms", "50ms");
        BatchPlan plan = planner.plan("b1", List.of(a), options(5, List.of(), 0, Shard.WHOLE));
        assertThat(plan.runs()).hasSize(10);
        assertThat(plan.runs().get(9).runId()).isEqualTo("alpha/p1/s4");
    }

    @Test
    void filtersSelectGroupsByGlobByGroupIdAndBySweptValue() throws Exception {
        Path a = TestScenarios.write(dir, "wifi-loss", 1, "5ms", "50ms", "80ms");
        Path b = TestScenarios.write(dir, "cell", 1, "5ms", "50ms");
        List<Path> files = List.of(a, b);
        assertThat(groups(planner.plan("b", files, options(0, List.of("wifi-*"), 0, Shard.WHOLE))))
                .containsExactly("wifi-loss/p0", "wifi-loss/p1", "wifi-loss/p2");
        assertThat(groups(planner.plan("b", files, options(0, List.of("*/p[1-2]"), 0, Shard.WHOLE))))
                .containsExactly("wifi-loss/p1", "wifi-loss/p2", "cell/p1");
        assertThat(groups(planner.plan("b", files, options(0, List.of("links.lan.delay=50ms"), 0, Shard.WHOLE))))
                .containsExactly("wifi-loss/p1", "cell/p1");
        assertThat(groups(planner.plan("b", files, options(0, List.of("scenario=cell,links.lan.delay=5ms"), 0, Shard.WHOLE))))
                .containsExactly("cell/p0");
        assertThat(groups(planner.plan("b", files, options(0, List.of("cell", "wifi-loss/p2"), 0, Shard.WHOLE))))
                .containsExactly("wifi-loss/p2", "cell/p0", "cell/p1");
        assertThatThrownBy(() -> planner.plan("b", files, options(0, List.of("nothing-*"), 0, Shard.WHOLE)))
                .isInstanceOf(BatchException.class).hasMessageContaining("no group matches the filter [nothing-*]");
    }

    @Test
    void maxRunsKeepsTheFirstRunsInRunOrder() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 3, "5ms", "50ms");
        BatchPlan plan = planner.plan("b1", List.of(a), options(0, List.of(), 4, Shard.WHOLE));
        assertThat(plan.runs()).extracting(RunSpec::runId).containsExactly("alpha/p0/s0", "alpha/p0/s1", "alpha/p0/s2",
                "alpha/p1/s0");
        assertThat(plan.groups()).extracting(PlanGroup::seeds).containsExactly(3, 1);
    }

    @Test
    void shardsPartitionTheBatchAndShareItsFingerprint() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 5, "5ms", "50ms");
        Path b = TestScenarios.write(dir, "beta", 3);
        BatchPlan whole = planner.plan("b1", List.of(a, b), PlanOptions.DEFAULTS);
        List<String> union = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BatchPlan shard = planner.plan("b1", List.of(a, b), options(0, List.of(), 0, new Shard(i, 3)));
            assertThat(shard.fingerprint()).isEqualTo(whole.fingerprint());
            assertThat(shard.batchRuns()).isEqualTo(13);
            assertThat(shard.parameterColumns()).isEqualTo(whole.parameterColumns());
            int index = i;
            assertThat(shard.runs()).isNotEmpty().allMatch(run -> run.position() % 3 == index);
            shard.runs().forEach(run -> union.add(run.runId()));
        }
        assertThat(union).hasSize(13).containsExactlyInAnyOrderElementsOf(whole.runs().stream().map(RunSpec::runId).toList());
    }

    @Test
    void theFingerprintChangesWithTheFilesContentAndTheCut() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 2);
        String before = planner.plan("b1", List.of(a), PlanOptions.DEFAULTS).fingerprint();
        assertThat(planner.plan("b1", List.of(a), options(3, List.of(), 0, Shard.WHOLE)).fingerprint()).isNotEqualTo(before);
        assertThat(planner.plan("b2", List.of(a), PlanOptions.DEFAULTS).fingerprint()).isNotEqualTo(before);
        Files.writeString(a, Files.readString(a).replace("delay: 5ms", "delay: 6ms"));
        assertThat(planner.plan("b1", List.of(a), PlanOptions.DEFAULTS).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void aBaseFileThatAScenarioExtendsIsHashedToo() throws Exception {
        Path base = TestScenarios.write(dir, "base", 2);
        Path child = dir.resolve("child.yaml");
        Files.writeString(child, "extends: base.yaml\nname: child\n");
        BatchPlan plan = planner.plan("b1", List.of(child), PlanOptions.DEFAULTS);
        assertThat(plan.files().get(0).bases()).containsOnlyKeys("base.yaml");
        String before = plan.fingerprint();
        Files.writeString(base, Files.readString(base).replace("delay: 5ms", "delay: 6ms"));
        assertThat(planner.plan("b1", List.of(child), PlanOptions.DEFAULTS).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void twoFilesWithOneScenarioNameAreRefusedBecauseRunIdsWouldClash() throws Exception {
        Path a = TestScenarios.write(dir, "alpha", 1);
        Path other = Files.createDirectory(dir.resolve("other"));
        Path b = TestScenarios.write(other, "alpha", 1);
        assertThatThrownBy(() -> planner.plan("b1", List.of(a, b), PlanOptions.DEFAULTS))
                .isInstanceOf(BatchException.class).hasMessageContaining("scenario name 'alpha' is used by both");
    }

    @Test
    void invalidFilesReportEveryProblemOfEveryFile() throws Exception {
        Path bad1 = dir.resolve("bad1.yaml");
        Files.writeString(bad1, "name: bad1\nduration: soon\n");
        Path bad2 = dir.resolve("bad2.yaml");
        Files.writeString(bad2, "name: bad2\nlinkz: {}\n");
        assertThatThrownBy(() -> planner.plan("b1", List.of(bad1, bad2), PlanOptions.DEFAULTS))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems().toString()).contains("bad1.yaml").contains("bad2.yaml"));
    }

    @Test
    void missingInputsAreNamed() {
        assertThatThrownBy(() -> planner.plan("b1", List.of(dir.resolve("nope.yaml")), PlanOptions.DEFAULTS))
                .isInstanceOf(BatchException.class).hasMessageContaining("no such scenario file or directory").hasMessageContaining("nope.yaml");
    }

    @Test
    void shardTextIsParsedAndChecked() {
        assertThat(Shard.parse("3/8")).isEqualTo(new Shard(3, 8));
        assertThatThrownBy(() -> Shard.parse("8/8")).hasMessage("shard index must be in [0, 7], was 8");
        assertThatThrownBy(() -> Shard.parse("1-8")).hasMessageContaining("shard must be i/N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
    }

    private static List<String> groups(BatchPlan plan) {
        return plan.runs().stream().map(r -> r.scenario() + "/p" + r.point()).distinct().toList();
    }
}
