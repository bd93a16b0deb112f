package dev.chunkwise.pool;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadPool_ContractTest extends PoolContractTest {

    static final Set<Thread> SEEN = ConcurrentHashMap.newKeySet();

    @Override
    protected Pool newPool(int workers) {
        return Pool.threads(workers);
    }

    @Test
    void threads_zeroWorkers_isRejectedWithItsName() {
        assertThatThrownBy(() -> Pool.threads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers: 0 (expected: > 0)");
    }

    @Test
    void map_runsOnNamedWorkerThreads() {
        List<String> names = pool.map(x -> Thread.currentThread().getName(), PoolContractTest.range(20), 1);

        assertThat(new HashSet<>(names)).allMatch(n -> n.matches("chunkwise-worker-[12]"));
    }

    @Test
    void close_leavesNoWorkerThreadAlive() {
        SEEN.clear();
        pool.map(x -> {
            SEEN.add(Thread.currentThread());
            PoolContractTest.sleep(5);
            return x;
        }, PoolContractTest.range(20), 1);
        assertThat(SEEN).isNotEmpty();

        pool.close();

        assertThat(SEEN).noneMatch(Thread::isAlive);
    }

    static final CountDownLatch STARTED = new CountDownLatch(1);

    @Test
    void submit_cancelTrue_interruptsTheRunningTask_andCloseDoesNotWaitForIt() throws Exception {
        var future = pool.submit(x -> {
            STARTED.countDown();
            Thread.sleep(600_000);
            return x;
        }, 1);
        assertThat(STARTED.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(future.cancel(true)).isTrue();
        pool.close(); // the test's timeout fails it if close waits for the ten-minute sleep

        assertThat(future).isCancelled();
    }

    @Test
    void close_interrupted_cancelsTasksAndKeepsTheFlag() {
        var future = pool.submit(x -> {
            PoolContractTest.sleep(30_000);
            return x;
        }, 1);
        PoolContractTest.sleep(50);

        Thread.currentThread().interrupt();
        pool.close();

        assertThat(Thread.interrupted()).as("interrupt flag after close").isTrue();
        assertThat(future).isCompletedExceptionally();
    }
}
