package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;

/** The apply contract with no pool given: auto chooses serial, or the caller and the shared threads. */
class Parallel_AutoContractTest extends Parallel_ApplyContractTest {

    @Override
    protected Pool pool() {
        return null;
    }
}
