package dev.chunkwise.process;

import dev.chunkwise.pool.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** How a process pool starts its workers. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPool_StartTest {

    @Test
    void workers_startAllAtOnce(@TempDir Path dir) throws Exception {
        // Every worker JVM is held at its start (before it connects) until the pause file goes: all three are
        // held at once only if the pool starts them at once rather than one after another.
        Path pause = dir.resolve("vm.paused");
        String[] held = {"-XX:+UnlockDiagnosticVMOptions", "-XX:+PauseAtStartup", "-XX:PauseAtStartupFile=" + pause};
        Set<Long> before = workerChildren();
        CompletableFuture<ProcessPool> making = new CompletableFuture<>();
        Thread maker = new Thread(() -> {
            try {
                making.complete(ProcessPool.builder().workers(3).jvmOptions(held).build());
            } catch (RuntimeException e) {
                making.completeExceptionally(e);
            }
        });
        maker.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int mostAtOnce = 0;
        while (mostAtOnce < 3 && !making.isDone() && System.nanoTime() < deadline) {
            Set<Long> now = workerChildren();
            now.removeAll(before);
            mostAtOnce = Math.max(mostAtOnce, now.size());
            Thread.sleep(10);
        }
        while (!making.isDone()) {
            Files.deleteIfExists(pause); // a JVM that reaches its start after a deletion makes the file again
            Thread.sleep(10);
        }

        try (ProcessPool pool = making.get(60, TimeUnit.SECONDS)) {
            assertThat(mostAtOnce).as("workers started and held at once").isEqualTo(3);
            assertThat(pool.map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
        }
    }

    @Test
    void builder_returnsAProcessPool_whosePidsNeedNoCast() {
        try (ProcessPool pool = ProcessPool.builder().workers(1).build()) {
            assertThat(pool.pids()).hasSize(1);
            Pool asPool = pool;
            assertThat(asPool.workers()).isEqualTo(1);
        }
    }

    static Set<Long> workerChildren() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(WorkerMain.class.getName()))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
