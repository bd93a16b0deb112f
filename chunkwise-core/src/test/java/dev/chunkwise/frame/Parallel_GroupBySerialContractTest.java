package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;

/** The group-by contract on {@code Pool.serial()}: one worker, every group whole. */
class Parallel_GroupBySerialContractTest extends Parallel_GroupByContractTest {

    private static final Pool POOL = Pool.serial();

    @Override
    protected Pool pool() {
        return POOL;
    }
}
