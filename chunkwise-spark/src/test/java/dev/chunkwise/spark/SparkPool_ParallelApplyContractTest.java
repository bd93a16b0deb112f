package dev.chunkwise.spark;

import dev.chunkwise.frame.Parallel_ApplyContractTest;
import dev.chunkwise.pool.Pool;

/** The apply contract on Spark: an embedded session shared by the module's tests. */
class SparkPool_ParallelApplyContractTest extends Parallel_ApplyContractTest {

    @Override
    protected Pool pool() {
        return SparkPool.on(SharedSpark.session());
    }
}
