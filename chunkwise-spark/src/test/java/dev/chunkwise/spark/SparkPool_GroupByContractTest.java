package dev.chunkwise.spark;

import dev.chunkwise.frame.Parallel_GroupByContractTest;
import dev.chunkwise.pool.Pool;

/** The group-by contract on Spark: an embedded session shared by the module's tests. */
class SparkPool_GroupByContractTest extends Parallel_GroupByContractTest {

    @Override
    protected Pool pool() {
        return SparkPool.on(SharedSpark.session());
    }
}
