package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;

/** The apply contract on {@code Pool.serial()}. */
class Parallel_SerialContractTest extends Parallel_ApplyContractTest {

    private static final Pool POOL = Pool.serial();

    @Override
    protected Pool pool() {
        return POOL;
    }
}
