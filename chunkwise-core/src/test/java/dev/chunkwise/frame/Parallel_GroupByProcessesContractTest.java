package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The group-by contract on {@code Pool.processes(2)}: child JVMs, the groups' rows gathered and sent. */
class Parallel_GroupByProcessesContractTest extends Parallel_GroupByContractTest {

    private static Pool pool;

    @BeforeContainer
    static void open() {
        pool = Pool.processes(2);
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
