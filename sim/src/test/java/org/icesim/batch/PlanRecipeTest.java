package org.icesim.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.icesim.kernel.Durations;
import org.icesim.world.RunOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRecipeTest {

    @TempDir
    Path dir;

    /** A base file in a sibling directory and a variation that extends it by a relative path. */
    private BatchPlan plan() throws Exception {
        Path base = TestScenarios.write(Files.createDirectories(dir.resolve("common")), "base", 3, "5ms", "40ms");
        Path variants = Files.createDirectories(dir.resolve("variants"));
        Path variant = Files.writeString(variants.resolve("slow.yaml"), "extends: ../common/base.yaml\nname: slow\nseeds: 2\n");
        PlanOptions options = new PlanOptions(0, List.of(GroupFilter.parse("*/p1")), 0, new Shard(1, 2),
                new RunOptions(true, 0, null, true), Map.of("duration", "12s"), OptionalLong.empty());
        return new BatchPlanner().plan("recipe", List.of(base, variant), options);
    }

    private static PlanRecipe shipped(PlanRecipe recipe) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(recipe);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (PlanRecipe) in.readObject();
        }
    }

    @Test
    void aSerializedRecipePlansTheSameRunsWithoutTheOriginalFiles() throws Exception {
        BatchPlan original = plan();
        PlanRecipe recipe = shipped(PlanRecipe.of(original));
        Files.writeString(dir.resolve("common").resolve("base.yaml"), "not: a scenario\n");

        BatchPlan again = recipe.plan();

        assertThat(again.runs()).extracting(RunSpec::position).containsExactlyElementsOf(
                original.runs().stream().map(RunSpec::position).toList());
        assertThat(again.runs()).extracting(RunSpec::runId).containsExactly("base/p1/s1", "slow/p1/s0");
        assertThat(again.runs()).extracting(RunSpec::seed).containsExactlyElementsOf(
                original.runs().stream().map(RunSpec::seed).toList());
        // The --set override travels with the recipe.
        assertThat(again.runs().get(0).scenarioPoint().scenario().durationNanos()).isEqualTo(Durations.seconds(12));
        assertThat(again.options().runOptions().events()).isTrue();
        // So does --check: the machines that run the runs check them too.
        assertThat(again.options().runOptions().checkInvariants()).isTrue();
        assertThat(PlanRecipe.identity(again)).isEqualTo(recipe.identity());
    }

    @Test
    void filesThatPlanOtherRunsAreRefused() throws Exception {
        PlanRecipe recipe = PlanRecipe.of(plan());
        Map<String, byte[]> changed = new HashMap<>(recipe.contents());
        String variant = dir.resolve("variants").resolve("slow.yaml").toString();
        changed.put(variant, "extends: ../common/base.yaml\nname: slow\nseeds: 4\n".getBytes(StandardCharsets.UTF_8));
        PlanRecipe other = new PlanRecipe(recipe.name(), recipe.files(), changed, recipe.seeds(), recipe.filters(),
                recipe.maxRuns(), recipe.shardIndex(), recipe.shardCount(), recipe.events(), recipe.loadIntervalNanos(), recipe.checkInvariants(),
                recipe.overrides(), recipe.runSeed(), recipe.identity());

        assertThatThrownBy(other::plan).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave other runs than on the machine that started it");
    }
}
