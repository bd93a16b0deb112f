package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The apply contract on {@code Pool.threads(3)}. */
class Parallel_ThreadsContractTest extends Parallel_ApplyContractTest {

    private static Pool pool;

    @BeforeContainer
    static void open() {
        pool = Pool.threads(3);
    }

    @AfterContainer
    static void close() {
        pool.close();
    }

    @Override
    protected Pool pool() {
        return pool;
    }
}
