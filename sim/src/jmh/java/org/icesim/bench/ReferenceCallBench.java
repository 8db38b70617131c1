package org.icesim.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.icesim.kernel.RandomStreams;
import org.icesim.metrics.RunEffort;
import org.icesim.world.CallRunner;
import org.icesim.world.RunOptions;
import org.icesim.scenario.yaml.ScenarioException;
import org.icesim.scenario.ScenarioLoader;
import org.icesim.scenario.ScenarioPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole run of the reference call (scenarios/reference-call.yaml, read from the directory
 * the benchmark is started in), a new replication seed each time. With {@code -prof gc} JMH adds
 * the bytes allocated per run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Thread)
public class ReferenceCallBench {

    @Param({"scenarios/reference-call.yaml"})
    public String scenario;

    private ScenarioPoint point;
    private final CallRunner runner = new CallRunner();
    private long index;

    @Setup
    public void load() throws ScenarioException {
        point = new ScenarioLoader().load(Path.of(scenario)).get(0);
    }

    @Benchmark
    public RunEffort run() {
        long seed = RandomStreams.replicationSeed(point.scenario().baseSeed(), index++);
        return runner.run(point, seed, RunOptions.METRICS_ONLY).effort();
    }
}
