package org.icesim.batch;

import java.io.Serializable;
import java.util.function.Supplier;
import org.icesim.world.RunExecutor;

/**
 * Makes the run executor of a batch. Serializable, so that a distributed engine can ship it to
 * the machines that run the runs and make the executor there.
 */
@FunctionalInterface
public interface RunExecutorFactory extends Supplier<RunExecutor>, Serializable {
}
