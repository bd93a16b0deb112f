package dev.chunkwise.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
