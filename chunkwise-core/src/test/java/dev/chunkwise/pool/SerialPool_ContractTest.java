package dev.chunkwise.pool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SerialPool_ContractTest extends PoolContractTest {

    @Override
    protected Pool newPool(int workers) {
        return Pool.serial();
    }

    @Test
    void map_runsOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        assertThat(pool.map(x -> Thread.currentThread() == caller, PoolContractTest.range(3)))
                .containsOnly(true);
    }
}
