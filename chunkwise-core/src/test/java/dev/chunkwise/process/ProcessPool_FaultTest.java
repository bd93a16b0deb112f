package dev.chunkwise.process;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.PoolContractTest;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskTimeoutException;
import dev.chunkwise.pool.WorkerDiedException;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.dflib.Exp.$int;

/** Faults provoked for real in worker processes: each must end as documented, with no hang and no orphan. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPool_FaultTest {

    @Test
    @Timeout(60)
    void functionWhoseClassTheWorkersCannotLoad_failsTheTasksNamingTheClass_andWorkersStayUp(@TempDir Path dir)
            throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/com/example"));
        Files.writeString(src.resolve("Twice.java"), "package com.example;\n"
                + "public class Twice implements dev.chunkwise.pool.TaskFunction<Integer, Integer> {\n"
                + "  public Integer apply(Integer x) { return 2 * x; }\n}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve("Twice.java").toString());
        assertThat(compiled).isZero();
        ClassLoader loader = ConsumerProgram.memoryLoader(classes); // a URL class loader's classes the workers find
        try (Pool pool = Pool.processes(1)) {
            @SuppressWarnings("unchecked")
            var twice = (dev.chunkwise.pool.TaskFunction<Integer, Integer>)
                    loader.loadClass("com.example.Twice").getDeclaredConstructor().newInstance();

            assertThatThrownBy(() -> pool.map(twice, List.of(1, 2, 3)))
                    .isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("could not load the function")
                    .hasMessageContaining("com.example.Twice")
                    .hasMessageContaining("class path");
            assertThat(pool.map(x -> x + 1, List.of(1, 2))).containsExactly(2, 3);
        }
    }

    @Test
    void functionCapturingANonSerializableValue_failsBeforeAnythingIsSent_namingTheClass() {
        Object notSerializable = new Thread();
        try (Pool pool = Pool.processes(1)) {
            assertThatThrownBy(() -> pool.map(x -> notSerializable.hashCode() + x, List.of(1, 2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The function cannot be sent to a worker process")
                    .hasMessageContaining("java.lang.Thread")
                    .hasMessageContaining("implement java.io.Serializable");

            assertThat(pool.map(x -> x + 1, List.of(1))).containsExactly(2);
        }
    }

    @Test
    void userException_arrivesWithItsRemoteClassMessageAndStackTrace() {
        try (Pool pool = Pool.processes(1)) {
            assertThatThrownBy(() -> pool.map(ProcessPool_FaultTest::failOnThree, PoolContractTest.range(5), 1))
                    .isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("task 3 failed")
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("three is bad")
                    .satisfies(e -> assertThat(e.getStackTrace()[0].getMethodName()).isEqualTo("failOnThree"));
        }
    }

    @Test
    void exceptionThatCannotBeSerialized_arrivesAsStandIns_withItsWholeChain() {
        try (ProcessPool pool = ProcessPool.builder().workers(1).build()) {
            Throwable thrown = catchThrowable(() -> pool.map(x -> {
                throw new HoldsAThread("outer", new IllegalArgumentException("middle", new HoldsAThread("inner", null)));
            }, List.of(1)));

            assertThat(thrown).isInstanceOf(TaskFailedException.class)
                    .hasMessageStartingWith("task 0 failed: ")
                    .hasMessageContaining(HoldsAThread.class.getName() + ": outer");
            assertThat(thrown.getCause()).hasMessage(HoldsAThread.class.getName() + ": outer");
            assertThat(thrown.getCause().getStackTrace()[0].getMethodName()).startsWith("lambda$");
            assertThat(thrown.getCause().getCause()).hasMessage("java.lang.IllegalArgumentException: middle");
            assertThat(thrown.getCause().getCause().getCause()).hasMessage(HoldsAThread.class.getName() + ": inner");
        }
    }

    /** An exception that cannot be serialized: it holds a thread. */
    static final class HoldsAThread extends RuntimeException {
        @SuppressWarnings("unused")
        private final Thread thread = new Thread(() -> {
        });

        HoldsAThread(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static int failOnThree(int x) {
        if (x == 3) {
            throw new IllegalStateException("three is bad");
        }
        return x;
    }

    @Test
    void systemExitInATask_isRetriedThenFailsWithWorkerDied_andOtherResultsAreKept() throws Exception {
        try (Pool pool = ProcessPool.builder().workers(2).retries(1).build()) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(x -> {
                    if (x == 3) {
                        System.exit(42);
                    }
                    return x * 10;
                }, i));
            }

            for (int i = 0; i < 6; i++) {
                if (i == 3) {
                    int index = i;
                    assertThatThrownBy(() -> futures.get(index).get())
                            .isInstanceOf(ExecutionException.class)
                            .cause().isInstanceOf(WorkerDiedException.class)
                            .hasMessageMatching("task 0: its worker process died 2 times "
                                    + "\\(pid \\d+: exit code 42; pid \\d+: exit code 42\\); .*System.exit.*")
                            .hasMessageNotContaining("-Xmx");
                } else {
                    assertThat(futures.get(i).get()).isEqualTo(i * 10);
                }
            }
            assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
            awaitWorkers((ProcessPool) pool, 2);
        }
    }

    @Test
    void workerKilledMidTask_taskRunsAgainOnAFreshWorker(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        try (Pool pool = Pool.processes(1)) {
            CompletableFuture<Long> future = pool.submit(x -> {
                long pid = ProcessHandle.current().pid();
                PoolContractTest.touch(Path.of(marks, "pid-" + pid));
                PoolContractTest.sleep(1500);
                return pid;
            }, 0);
            Path first = awaitFile(dir, "pid-");
            long killed = Long.parseLong(first.getFileName().toString().substring(4));

            new ProcessBuilder("kill", "-9", Long.toString(killed)).start().waitFor();

            long ranOn = future.get(60, TimeUnit.SECONDS);
            assertThat(ranOn).isNotEqualTo(killed);
        }
    }

    @Test
    @Timeout(180)
    void workerKilledMidTask_withPartitionsOfTensOfMegabytes_theRetryReadsTheSameInput(@TempDir Path dir)
            throws Exception {
        // 4 million rows of 3 int columns in 3 partitions: 16 MB each, far over the 1 MiB above which a frame
        // crosses as a file; the dead worker had read (and, before the fix, deleted) its partition's file.
        DataFrame df = Frames.randomInts(4_000_000, -1000, 1000, 13, "A", "B", "C");
        String marks = dir.toString();
        PartitionFunction fn = part -> {
            PoolContractTest.touch(Path.of(marks, "computing-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID()));
            awaitGo(Path.of(marks, "go"));
            return part.cols("K").merge($int("A").mul(2).add($int("C")));
        };
        try (ProcessPool pool = (ProcessPool) Pool.processes(2)) {
            CompletableFuture<DataFrame> run = CompletableFuture.supplyAsync(
                    () -> Parallel.apply(df, fn).partitions(3).on(pool).run());
            long killed = Long.parseLong(awaitFile(dir, "computing-").getFileName().toString().split("-")[1]);

            new ProcessBuilder("kill", "-9", Long.toString(killed)).start().waitFor();
            ProcessHandle.of(killed).ifPresent(p -> p.onExit().join());
            PoolContractTest.touch(dir.resolve("go"));

            DataFrame parallel = run.get(150, TimeUnit.SECONDS);
            assertThatFrame(parallel).as("the result equals the serial one").hasSameContentAs(fn.apply(df));
            assertThat(pool.pids()).doesNotContain(killed);
            try (var left = Files.list(pool.directory())) {
                assertThat(left.filter(PrivateDirs::isFrameFile)).as("frame files left").isEmpty();
            }
        }
    }

    /** Waits, inside a worker, until the test says go (at most a minute, so that no worker waits forever). */
    static void awaitGo(Path go) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(go) && System.nanoTime() < deadline) {
            PoolContractTest.sleep(5);
        }
    }

    @Test
    void workerKilledMidTask_pastTheRetries_failsNamingTheTaskTheWorkerAndTheSignal(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        try (Pool pool = ProcessPool.builder().workers(1).retries(0).build()) {
            CompletableFuture<Integer> future = pool.submit(x -> {
                PoolContractTest.touch(Path.of(marks, "pid-" + ProcessHandle.current().pid()));
                PoolContractTest.sleep(60_000);
                return x;
            }, 7);
            long killed = Long.parseLong(awaitFile(dir, "pid-").getFileName().toString().substring(4));

            new ProcessBuilder("kill", "-9", Long.toString(killed)).start().waitFor();

            assertThatThrownBy(() -> future.get(60, TimeUnit.SECONDS))
                    .cause().isInstanceOf(WorkerDiedException.class)
                    .hasMessageStartingWith("task 0: its worker process died 1 time (pid " + killed
                            + ": killed by signal 9 (SIGKILL)); something outside the pool killed the workers")
                    .satisfies(e -> assertThat(((WorkerDiedException) e).exitCode()).isEqualTo(137));
        }
    }

    @Test
    @Timeout(90)
    void workerKilledWhileItStarts_isStartedAgain_andThePoolIsMade(@TempDir Path dir) throws Exception {
        try (StartGate gate = new StartGate(dir, List.of(StartGate.Decision.KILL), StartGate.Decision.RELEASE);
             ProcessPool pool = ProcessPool.builder().workers(1).jvmOptions(gate.jvmOptions()).build()) {
            assertThat(gate.killed()).hasSize(1);
            assertThat(pool.pids()).isEqualTo(gate.released());
            assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
        }
    }

    @Test
    @Timeout(90)
    void replacementKilledWhileItStarts_isStartedAgain_andTheTaskStillRuns(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        try (StartGate gate = new StartGate(dir,
                List.of(StartGate.Decision.RELEASE, StartGate.Decision.KILL), StartGate.Decision.RELEASE);
             ProcessPool pool = ProcessPool.builder().workers(1).jvmOptions(gate.jvmOptions()).build()) {
            CompletableFuture<Long> future = pool.submit(x -> {
                long pid = ProcessHandle.current().pid();
                PoolContractTest.touch(Path.of(marks, "pid-" + pid));
                awaitGo(Path.of(marks, "go"));
                return pid;
            }, 0);
            long first = Long.parseLong(awaitFile(dir, "pid-").getFileName().toString().substring(4));

            // Killed while it waits for "go", so that it cannot finish first; the task's rerun finds "go" there.
            new ProcessBuilder("kill", "-9", Long.toString(first)).start().waitFor();
            ProcessHandle.of(first).ifPresent(p -> p.onExit().join());
            PoolContractTest.touch(dir.resolve("go"));

            long ranOn = future.get(60, TimeUnit.SECONDS);
            assertThat(gate.killed()).as("the replacement killed at its start").hasSize(1);
            assertThat(gate.released()).hasSize(2).startsWith(first);
            assertThat(ranOn).isEqualTo(gate.released().get(1));
        }
    }

    @Test
    @Timeout(90)
    void workerKilledEachTimeItStarts_pastTheRetries_failsNamingEachPid_andLeavesNoDirectory(@TempDir Path dir)
            throws Exception {
        List<Path> before = PrivateDirs.ofThisProcess();
        try (StartGate gate = new StartGate(dir, List.of(), StartGate.Decision.KILL)) {
            assertThatThrownBy(() -> ProcessPool.builder().workers(1).retries(1).jvmOptions(gate.jvmOptions()).build())
                    .isInstanceOf(WorkerStartException.class)
                    .hasMessageStartingWith("a worker process could not start: it was killed before it connected 2 times"
                            + " (pid " + gate.killed().get(0) + ": killed by signal 9 (SIGKILL); pid "
                            + gate.killed().get(1) + ": killed by signal 9 (SIGKILL)), more than the pool's 1 retries");
        }
        assertThat(PrivateDirs.ofThisProcess()).isEqualTo(before);
    }

    @Test
    @Timeout(90)
    void replacementKilledEachTimeItStarts_pastTheRetries_failsTheTaskNamingIt(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        try (StartGate gate = new StartGate(dir, List.of(StartGate.Decision.RELEASE), StartGate.Decision.KILL);
             Pool pool = ProcessPool.builder().workers(1).retries(1).jvmOptions(gate.jvmOptions()).build()) {
            CompletableFuture<Integer> future = pool.submit(x -> {
                PoolContractTest.touch(Path.of(marks, "pid-" + ProcessHandle.current().pid()));
                PoolContractTest.sleep(60_000);
                return x;
            }, 5);
            long first = Long.parseLong(awaitFile(dir, "pid-").getFileName().toString().substring(4));

            new ProcessBuilder("kill", "-9", Long.toString(first)).start().waitFor();

            assertThatThrownBy(() -> future.get(60, TimeUnit.SECONDS))
                    .cause().isInstanceOf(TaskFailedException.class)
                    .hasMessageStartingWith("task 0 failed: dev.chunkwise.process.WorkerStartException: a worker"
                            + " process could not start: it was killed before it connected 2 times (pid ")
                    .hasMessageContaining("killed by signal 9 (SIGKILL)), more than the pool's 1 retries")
                    .cause().isInstanceOf(WorkerStartException.class);
        }
    }

    @Test
    void outOfMemoryUnderASmallHeap_killsOnlyThatWorker_andFailsWithWorkerDied() {
        try (Pool pool = ProcessPool.builder().workers(1).jvmOptions("-Xmx48m").retries(1).build()) {
            assertThatThrownBy(() -> pool.map(x -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            }, List.of(1)))
                    .isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("exit code 3")
                    .hasMessageContaining("raise the workers' -Xmx");

            assertThat(pool.map(x -> x * 2, List.of(21))).containsExactly(42);
        }
    }

    @Test
    void taskPastItsTimeout_failsAlone_andTheRestCarryOn() throws Exception {
        try (Pool pool = ProcessPool.builder().workers(2).taskTimeout(Duration.ofMillis(1500)).build()) {
            CompletableFuture<Integer> stuck = pool.submit(x -> {
                PoolContractTest.sleep(60_000);
                return x;
            }, 1);
            List<CompletableFuture<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                others.add(pool.submit(x -> x + 100, i));
            }

            assertThatThrownBy(() -> stuck.get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(TaskTimeoutException.class)
                    .hasMessageContaining("longer than the task timeout of 1500 ms");
            for (int i = 0; i < 5; i++) {
                assertThat(others.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + 100);
            }
            awaitWorkers((ProcessPool) pool, 2);
        }
    }

    @Test
    void maxTasksPerWorker_recyclesTheWorker() {
        try (Pool pool = ProcessPool.builder().workers(1).maxTasksPerWorker(2).build()) {
            List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), PoolContractTest.range(6), 1);

            assertThat(pids.stream().distinct().count()).isEqualTo(3);
        }
    }

    @Test
    void initializer_runsInEachWorkerBeforeItsTasks() {
        try (Pool pool = ProcessPool.builder().workers(2).initializer(() -> System.setProperty("chunkwise.test.init", "done")).build()) {
            assertThat(pool.map(x -> System.getProperty("chunkwise.test.init"), PoolContractTest.range(8), 1))
                    .containsOnly("done");
        }
    }

    @Test
    @Timeout(60)
    void initializerThatThrows_failsTheTasksWithItsReason_insteadOfKillingTheWorkers() {
        try (Pool pool = ProcessPool.builder().workers(1).initializer(() -> {
            throw new IllegalStateException("no database at db:5432");
        }).build()) {
            assertThatThrownBy(() -> pool.map(x -> x, List.of(1, 2), 1))
                    .isInstanceOf(TaskFailedException.class)
                    .hasMessageStartingWith("task 0 failed: java.lang.IllegalStateException: the worker's initializer"
                            + " failed")
                    .hasMessageContaining("no database at db:5432");
            assertThat(pool.submit(x -> x, 7)).failsWithin(Duration.ofSeconds(30))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(TaskFailedException.class).withMessageContaining("initializer failed");
        }
    }

    @Test
    void jvmOptionsAndEnvironment_reachTheWorkers() {
        try (Pool pool = ProcessPool.builder().workers(1).jvmOptions("-Dchunkwise.test.option=yes")
                .environment(java.util.Map.of("CHUNKWISE_TEST_ENV", "set")).build()) {
            assertThat(pool.map(x -> System.getProperty("chunkwise.test.option") + "/" + System.getenv("CHUNKWISE_TEST_ENV"),
                    List.of(1))).containsExactly("yes/set");
        }
    }

    @Test
    void badJvmOption_failsAtCreationWithTheReason_atOnce_andLeavesNoDirectory() {
        List<Path> before = PrivateDirs.ofThisProcess();

        assertThatThrownBy(() -> ProcessPool.builder().workers(1).jvmOptions("-XX:+NoSuchOption").build())
                .isInstanceOf(WorkerStartException.class)
                .hasMessageMatching("a worker process \\(pid \\d+\\) could not start \\(exit code 1\\): it exited"
                        + " before connecting; check the workers' JVM options \\[-XX:\\+NoSuchOption\\] and class path \\(gathered"
                        + " from the caller's java.class.path and class loaders\\)");
        assertThat(PrivateDirs.ofThisProcess()).isEqualTo(before);
    }

    @Test
    void workerThatDoesNotConnectInTime_failsAtCreation_andLeavesNoDirectory(@TempDir Path dir) {
        List<Path> before = PrivateDirs.ofThisProcess();
        // Paused at its start until a file that nobody deletes goes: it never connects.
        String[] paused = {"-XX:+UnlockDiagnosticVMOptions", "-XX:+PauseAtStartup",
                "-XX:PauseAtStartupFile=" + dir.resolve("never")};

        assertThatThrownBy(() -> ProcessPool.builder().workers(1).jvmOptions(paused)
                .startTimeout(Duration.ofMillis(200)).build())
                .isInstanceOf(WorkerStartException.class)
                .hasMessageMatching("a worker process \\(pid \\d+\\) could not start \\(stopped by the pool\\): it did"
                        + " not connect within 200 ms; check the workers' JVM options .*PauseAtStartup.*");
        assertThat(PrivateDirs.ofThisProcess()).isEqualTo(before);
    }

    @Test
    void builder_settingGivenTwice_isRejected() {
        assertThatThrownBy(() -> ProcessPool.builder().retries(1).retries(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("retries was already set to 1");
        assertThatThrownBy(() -> Pool.processes(0)).hasMessage("workers: 0 (expected: > 0)");
    }

    @Test
    void resultOfARefusedClass_isStoppedByTheDeserializationFilter() {
        try (Pool pool = Pool.processes(1)) {
            assertThatThrownBy(() -> pool.map(x -> javax.management.ObjectName.WILDCARD, List.of(1)))
                    .isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("could not be read")
                    .hasMessageContaining("REJECTED");
        }
    }

    /** Waits until the pool has replaced its dead workers: a replacement starts right after a failure is reported. */
    static void awaitWorkers(ProcessPool pool, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.pids().size() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pool.pids()).hasSize(count);
    }

    static Path awaitFile(Path dir, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(dir)) {
                var found = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no file " + prefix + "* appeared in " + dir);
    }
}
