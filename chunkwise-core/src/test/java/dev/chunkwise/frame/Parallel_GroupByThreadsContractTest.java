package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The group-by contract on {@code Pool.threads(3)}: a group over a third of the rows is split by agg. */
class Parallel_GroupByThreadsContractTest extends Parallel_GroupByContractTest {

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
