package dev.chunkwise.stress;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.PoolContractTest;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskTimeoutException;
import dev.chunkwise.process.ProcessPool;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

/**
 * The whole under load and under faults, provoked for real. The short form runs in the test command; the long form
 * (ten times the work) runs with {@code mvn -B test -pl chunkwise-core -Dgroups=stress -Dchunkwise.stress.scale=10}
 * and prints the figures kept in {@code docs/reliability.md}.
 */
@Tag("stress")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class StressTest {

    static final int SCALE = Integer.getInteger("chunkwise.stress.scale", 1);
    static final PartitionFunction TIMES_TWO = part -> part.cols("K").merge($int("A").mul(2));

    static void report(String line) {
        System.out.println("stress: " + line);
    }

    @Test
    void manyCallersAtOnce_onOneSharedPool_getExactlyTheirResults() throws Exception {
        for (Pool pool : List.of(Pool.threads(2), Pool.processes(2))) {
            try (pool) {
                ExecutorService callers = Executors.newFixedThreadPool(8);
                List<Future<Integer>> checks = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    int caller = c;
                    checks.add(callers.submit(() -> {
                        int checked = 0;
                        for (int round = 0; round < 5 * SCALE; round++) {
                            List<Integer> items = PoolContractTest.range(200 + caller);
                            List<Integer> out = pool.map(x -> x * 3 + caller, items, 7);
                            for (int i = 0; i < items.size(); i++) {
                                assertThat(out.get(i)).isEqualTo(i * 3 + caller);
                                checked++;
                            }
                            DataFrame df = Frames.randomInts(5_000 + caller, 0, 1000, round * 31L + caller, "A", "B");
                            DataFrame result = Parallel.apply(df, TIMES_TWO).partitions(5).on(pool).run();
                            assertThatFrame(result).hasSameContentAs(TIMES_TWO.apply(df));
                            checked += df.height();
                        }
                        return checked;
                    }));
                }
                long checked = 0;
                for (Future<Integer> f : checks) {
                    checked += f.get();
                }
                callers.shutdown();
                report(pool + ": 8 callers, " + checked + " values checked element for element, 0 wrong");
            }
        }
    }

    @Test
    void manySmallTasks_throughAProcessPool_leaveThreadsFilesAndProcessesFlat() throws Exception {
        int tasks = 10_000 * SCALE;
        try (ProcessPool pool = (ProcessPool) Pool.processes(2)) {
            pool.map(x -> x, PoolContractTest.range(200), 1); // warm up
            System.gc();
            long threads0 = Thread.activeCount();
            long fds0 = openFiles();
            long children0 = ProcessHandle.current().children().count();
            long heap0 = usedHeapAfterGc();

            int done = 0;
            for (int batch = 0; batch < tasks / 1000; batch++) {
                List<Integer> out = pool.map(x -> x + 1, PoolContractTest.range(1000), 1);
                assertThat(out.get(999)).isEqualTo(1000);
                done += out.size();
            }

            long threads1 = Thread.activeCount();
            long fds1 = openFiles();
            long children1 = ProcessHandle.current().children().count();
            long heap1 = usedHeapAfterGc();
            report(done + " small tasks on 2 worker processes: threads " + threads0 + " → " + threads1
                    + ", open files " + fds0 + " → " + fds1 + ", child processes " + children0 + " → " + children1
                    + ", heap after GC " + heap0 / 1024 + " KiB → " + heap1 / 1024 + " KiB");
            assertThat(threads1).isLessThanOrEqualTo(threads0 + 2);
            assertThat(fds1).isLessThanOrEqualTo(fds0 + 4);
            assertThat(children1).isEqualTo(children0);
            assertThat(heap1).isLessThan(heap0 + 32L * 1024 * 1024);
        }
    }

    @Test
    void randomFaultSchedule_everyTaskEndsWithItsResultOrItsDocumentedFailure(@TempDir Path marks) throws Exception {
        int n = 300 * SCALE;
        int kills = 4 * SCALE;
        String dir = marks.toString();
        Random random = new Random(7);
        AtomicInteger killed = new AtomicInteger();
        try (ProcessPool pool = ProcessPool.builder().workers(2).retries(kills + 1)
                .taskTimeout(Duration.ofSeconds(3)).build()) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(x -> {
                    PoolContractTest.touch(Path.of(dir, "attempt-" + x + "-" + System.nanoTime()));
                    if (x == 123) {
                        PoolContractTest.sleep(120_000); // hangs past the timeout
                    }
                    if (x % 37 == 5) {
                        throw new IllegalStateException("planned failure " + x);
                    }
                    PoolContractTest.sleep(5);
                    return x * x;
                }, i));
            }
            Thread killer = new Thread(() -> {
                while (killed.get() < kills && futures.stream().anyMatch(f -> !f.isDone())) {
                    PoolContractTest.sleep(100 + random.nextInt(200));
                    List<Long> pids = pool.pids();
                    if (!pids.isEmpty()) {
                        long pid = pids.get(random.nextInt(pids.size()));
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                        killed.incrementAndGet();
                    }
                }
            });
            killer.start();

            int ok = 0, planned = 0, timedOut = 0;
            for (int i = 0; i < n; i++) {
                try {
                    assertThat(futures.get(i).get(5, TimeUnit.MINUTES)).isEqualTo(i * i);
                    ok++;
                } catch (ExecutionException e) {
                    if (i == 123) {
                        assertThat(e.getCause()).isInstanceOf(TaskTimeoutException.class);
                        timedOut++;
                    } else {
                        assertThat(i % 37).as("task %d failed: %s", i, e.getCause()).isEqualTo(5);
                        assertThat(e.getCause()).isInstanceOf(TaskFailedException.class)
                                .cause().hasMessage("planned failure " + i);
                        planned++;
                    }
                }
            }
            killer.join();
            long attempts;
            try (var files = Files.list(marks)) {
                attempts = files.count();
            }
            report(n + " tasks under faults: " + ok + " correct, " + planned + " planned failures, " + timedOut
                    + " timed out, " + killed.get() + " workers killed with SIGKILL, " + (attempts - n)
                    + " task runs repeated, 0 wrong results, 0 hangs");
            assertThat(ok + planned + timedOut).isEqualTo(n);
            assertThat(timedOut).isEqualTo(1);
        }
    }

    @Test
    void closeWhileRunning_andAnInterruptedCaller_leaveNoProcessNoFileAndNoHang() throws Exception {
        for (int round = 0; round < 3 * SCALE; round++) {
            ProcessPool pool = (ProcessPool) Pool.processes(2);
            List<Long> pids = pool.pids();
            Path dir = pool.directory();
            Thread caller = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                PoolContractTest.sleep(200);
                caller.interrupt();
            });
            interrupter.start();
            try {
                pool.map(x -> {
                    PoolContractTest.sleep(50);
                    return x;
                }, PoolContractTest.range(100), 1);
            } catch (CancellationException expected) {
                // The interrupt cancelled the call, and the flag is set again, as documented: clear it.
                assertThat(Thread.interrupted()).isTrue();
            }
            interrupter.join();
            Thread.interrupted();

            CompletableFuture<Integer> running = pool.submit(x -> {
                PoolContractTest.sleep(300);
                return x;
            }, 1);
            pool.close(); // waits for the running task
            assertThat(running.get()).isEqualTo(1);

            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("worker " + pid).isFalse();
            }
            assertThat(Files.exists(dir)).isFalse();
        }
        report((3 * SCALE) + " pools closed while working and callers interrupted: 0 orphan processes, 0 leftover files");
    }

    static long openFiles() throws IOException {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return 0;
        }
        try (var files = Files.list(fd)) {
            return files.count();
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
