package dev.chunkwise.process;

import dev.chunkwise.pool.ChunkSizes;
import dev.chunkwise.pool.PoolContractTest;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.chunkwise.process.ProcessPool_FaultTest.awaitFile;
import static dev.chunkwise.process.ProcessPool_FaultTest.awaitWorkers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Task timeouts, cancellation and chunking of a process pool, provoked for real: child JVMs, sleeping and spinning
 * functions. No assertion is on a time: a hang fails the test by its timeout.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPool_TimeoutAndCancelTest {

    static final String WATCHDOG = "chunkwise-process-watchdog";

    @Test
    void taskTimeout_isPerItem_notPerChunk() {
        // The example: 40 items of 100 ms on 2 workers are chunks of 5 items, 500 ms of work each.
        try (ProcessPool pool = ProcessPool.builder().workers(2).taskTimeout(Duration.ofMillis(500)).build()) {
            List<Integer> results = pool.map(x -> {
                Thread.sleep(100);
                return x;
            }, PoolContractTest.range(40));

            assertThat(results).isEqualTo(PoolContractTest.range(40));
        }
    }

    @Test
    void itemPastTheTimeout_failsNamingThatItem_asATaskFailure_andThePoolCarriesOn() {
        try (ProcessPool pool = ProcessPool.builder().workers(1).taskTimeout(Duration.ofMillis(500)).build()) {
            Throwable thrown = catchThrowable(() -> pool.map(x -> {
                if (x == 6) {
                    Thread.sleep(60_000);
                }
                return x;
            }, PoolContractTest.range(10), 10));

            assertThat(thrown).isInstanceOf(TaskFailedException.class).isInstanceOf(TaskTimeoutException.class)
                    .hasMessage("task 6 ran longer than the task timeout of 500 ms; its worker was killed and replaced");
            assertThat(((TaskFailedException) thrown).taskIndex()).isEqualTo(6);
            assertThat(thrown.getStackTrace()).anyMatch(f -> f.getMethodName().equals(
                    "itemPastTheTimeout_failsNamingThatItem_asATaskFailure_andThePoolCarriesOn"));
            assertThat(pool.map(x -> x * 2, List.of(1, 2, 3))).containsExactly(2, 4, 6);
        }
    }

    @Test
    void watchdog_runsOnlyWhileATimeoutIsSet() {
        try (ProcessPool untimed = ProcessPool.builder().workers(1).build()) {
            assertThat(untimed.map(x -> x, List.of(1))).containsExactly(1);
            assertThat(threadsNamed(WATCHDOG)).as("watchdogs of a pool without a timeout").isZero();
        }
        try (ProcessPool timed = ProcessPool.builder().workers(1).taskTimeout(Duration.ofSeconds(30)).build()) {
            assertThat(timed.workers()).isEqualTo(1);
            assertThat(threadsNamed(WATCHDOG)).as("watchdogs of a pool with a timeout").isEqualTo(1);
        }
        assertThat(threadsNamed(WATCHDOG)).as("watchdogs after close").isZero();
    }

    static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).count();
    }

    @Test
    void cancelTrue_onARunningInfiniteLoop_killsAndReplacesItsWorker(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        try (ProcessPool pool = ProcessPool.builder().workers(1).build()) {
            CompletableFuture<Integer> spinning = pool.submit(x -> {
                PoolContractTest.touch(Path.of(marks, "pid-" + ProcessHandle.current().pid()));
                while (true) {
                    Thread.onSpinWait();
                }
            }, 1);
            long spinner = pidIn(awaitFile(dir, "pid-"));

            assertThat(spinning.cancel(true)).isTrue();

            ProcessHandle.of(spinner).ifPresent(p -> p.onExit().join());
            awaitWorkers(pool, 1);
            assertThat(pool.pids()).doesNotContain(spinner);
            assertThat(pool.map(x -> x + 1, List.of(1, 2))).containsExactly(2, 3);
        }
    }

    @Test
    void close_neverWaitsForACancelledTask_evenCancelledWithoutInterrupt(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        ProcessPool pool = ProcessPool.builder().workers(1).build();
        CompletableFuture<Integer> spinning = pool.submit(x -> {
            PoolContractTest.touch(Path.of(marks, "pid-" + ProcessHandle.current().pid()));
            while (true) {
                Thread.onSpinWait();
            }
        }, 1);
        long spinner = pidIn(awaitFile(dir, "pid-"));
        assertThat(spinning.cancel(false)).isTrue();
        assertThat(ProcessHandle.of(spinner).map(ProcessHandle::isAlive)).as("the worker after cancel(false)")
                .hasValue(true);

        pool.close(); // the test's timeout fails it if close waits for the loop

        assertThat(ProcessHandle.of(spinner).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void mapWhoseTaskFails_stopsTheCallsInfiniteLoop_andCloseReturns(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        ProcessPool pool = ProcessPool.builder().workers(2).build();
        Throwable thrown = catchThrowable(() -> pool.map(x -> {
            if (x == 0) {
                ProcessPool_FaultTest.awaitGo(Path.of(marks, "spinning")); // fail once the other task spins
                throw new IllegalStateException("zero");
            }
            PoolContractTest.touch(Path.of(marks, "spinning"));
            while (true) {
                Thread.onSpinWait();
            }
        }, PoolContractTest.range(2), 1));

        assertThat(thrown).isInstanceOf(TaskFailedException.class).hasMessageStartingWith("task 0 failed");
        pool.close(); // the test's timeout fails it if close waits for the loop
        assertThat(Files.exists(pool.directory())).isFalse();
    }

    @Test
    void imap_tenThousandInts_takeFewRoundTrips() {
        try (ProcessPool pool = ProcessPool.builder().workers(2).build()) {
            long before = pool.tasksSent();
            List<Integer> results = new ArrayList<>();

            pool.imap(x -> x * 2, PoolContractTest.range(10_000)).forEachRemaining(results::add);

            assertThat(results).isEqualTo(PoolContractTest.range(10_000).stream().map(x -> x * 2).toList());
            // Chunks grow from one item to at most MAX_ITEMS: a few dozen round trips, where one an item took 10,000.
            assertThat(pool.tasksSent() - before).as("round trips")
                    .isGreaterThanOrEqualTo(10_000 / ChunkSizes.MAX_ITEMS)
                    .isLessThanOrEqualTo(200);
        }
    }

    @Test
    void imap_withAChunksize_sendsOneTaskAChunk() {
        try (ProcessPool pool = ProcessPool.builder().workers(2).build()) {
            long before = pool.tasksSent();

            Iterator<Integer> results = pool.imapUnordered(x -> x, PoolContractTest.range(1000), 100);
            List<Integer> all = new ArrayList<>();
            results.forEachRemaining(all::add);

            assertThat(all).containsExactlyInAnyOrderElementsOf(PoolContractTest.range(1000));
            assertThat(pool.tasksSent() - before).isEqualTo(10);
        }
    }

    @Test
    void imap_slowItems_stayOneAChunk() {
        try (ProcessPool pool = ProcessPool.builder().workers(2).build()) {
            long before = pool.tasksSent();
            List<Integer> results = new ArrayList<>();

            pool.imap(x -> {
                Thread.sleep(200);
                return x;
            }, PoolContractTest.range(12)).forEachRemaining(results::add);

            assertThat(results).isEqualTo(PoolContractTest.range(12));
            assertThat(pool.tasksSent() - before).as("round trips of items that outweigh their dispatch")
                    .isEqualTo(12);
        }
    }

    static long pidIn(Path mark) {
        return Long.parseLong(mark.getFileName().toString().substring(4));
    }
}
