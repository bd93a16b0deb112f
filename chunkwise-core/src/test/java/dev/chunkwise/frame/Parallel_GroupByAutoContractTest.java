package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;

/** The group-by contract with no pool given: the calling thread and auto's shared threads, one per core. */
class Parallel_GroupByAutoContractTest extends Parallel_GroupByContractTest {

    @Override
    protected Pool pool() {
        return null;
    }
}
