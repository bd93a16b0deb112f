package dev.chunkwise.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessPool_OrphanTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void callerKilledWithSigkill_everyWorkerExitsWithinASecond_andTheDirectoryGoes() throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanParent.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<ProcessHandle> workers;
        Path dir;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            String[] pids = out.readLine().split(" ");
            dir = Path.of(out.readLine().substring(4));
            workers = List.of(ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow(),
                    ProcessHandle.of(Long.parseLong(pids[2])).orElseThrow());
            assertThat(workers).allMatch(ProcessPool_OrphanTest::running);
            assertThat(Files.isDirectory(dir)).isTrue();

            new ProcessBuilder("kill", "-9", Long.toString(parent.pid())).start().waitFor();
            parent.waitFor();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (workers.stream().anyMatch(ProcessPool_OrphanTest::running) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(workers).as("workers still running 1 s after their caller was killed")
                .noneMatch(ProcessPool_OrphanTest::running);
        Thread.sleep(200);
        assertThat(Files.exists(dir)).as("private directory " + dir).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void callerKilledWithSigkillWhileItsWorkerStarts_theWorkerExits_andTheDirectoryGoes(@TempDir Path tmp)
            throws Exception {
        Path pauseFile = tmp.resolve("vm.paused");
        Process parent = javaProcess(OrphanParent.class.getName(), pauseFile.toString()).start();
        try {
            await(() -> Files.exists(pauseFile) && !PrivateDirs.of(parent.pid()).isEmpty(), "the worker to pause");
            Path dir = PrivateDirs.of(parent.pid()).get(0);
            ProcessHandle worker = parent.toHandle().children().findFirst().orElseThrow();

            new ProcessBuilder("kill", "-9", Long.toString(parent.pid())).start().waitFor();
            parent.waitFor();
            Files.delete(pauseFile); // the worker goes on starting, with its caller dead

            await(() -> !running(worker), "the worker " + worker.pid() + " to exit");
            await(() -> !Files.exists(dir), "the private directory " + dir + " to go");
        } finally {
            parent.destroyForcibly();
            Files.deleteIfExists(pauseFile);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void callerKilledTogetherWithItsWorkers_itsDirectoryIsRemovedByTheNextOne_butALiveCallersIsNot() throws Exception {
        Process parent = javaProcess(OrphanParent.class.getName()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
            String[] pids = out.readLine().split(" ");
            Path dir = Path.of(out.readLine().substring(4));
            PrivateDir.delete(PrivateDir.create());
            assertThat(dir).as("a live caller's directory, after another was made").isDirectory();

            // Everyone at once, as when a whole process group is killed: nobody is left to remove the directory.
            new ProcessBuilder("kill", "-9", pids[1], pids[2], Long.toString(parent.pid())).start().waitFor();
            parent.waitFor();
            for (String pid : List.of(pids[1], pids[2])) {
                ProcessHandle w = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
                await(() -> w == null || !running(w), "worker " + pid + " to die");
            }
            assertThat(dir).as("the dead caller's directory, before another is made").isDirectory();

            PrivateDir.delete(PrivateDir.create());

            assertThat(dir).as("the dead caller's directory, after another was made").doesNotExist();
        } finally {
            parent.destroyForcibly();
        }
    }

    private static ProcessBuilder javaProcess(String... mainAndArgs) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(mainAndArgs));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /** Waits up to 30 s for {@code condition}, checking every 10 ms; fails naming what it waited for. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Returns whether the process is still running. An orphan that exited stays a zombie until the machine's init
     * reaps it, and {@link ProcessHandle#isAlive()} counts zombies as alive, so Linux's process state is read.
     */
    static boolean running(ProcessHandle p) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return p.isAlive();
        }
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
