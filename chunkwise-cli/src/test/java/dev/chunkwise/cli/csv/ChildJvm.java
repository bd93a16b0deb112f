package dev.chunkwise.cli.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real JVM started from a test with the test's class path, its standard error kept in a file, to be ended with a
 * real signal.
 */
public final class ChildJvm {

    private final Process process;
    private final Path stderr;
    private final BufferedReader stdout;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code mainClass} with {@code args} in {@code workDir}. If this JVM ignores SIGINT (a background job of a
     * shell without job control), a JVM started from it would ignore it too and not end on it, so the child is started
     * through perl, which restores SIGINT's default before it becomes the JVM.
     */
    public static ChildJvm start(Path workDir, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("chunkwise-child-", ".err");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(stderr.toFile()).start();
        return new ChildJvm(p, stderr);
    }

    /** Returns the next line the child printed on standard output, null at its end. */
    public String readLine() throws IOException {
        return stdout.readLine();
    }

    /** Sends {@code signal} ("INT", "TERM", "KILL") to the child with {@code kill}. */
    public void signal(String signal) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited " + rc);
        }
    }

    /** Returns whether the child still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the child to end and returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Returns everything the child printed on standard error (call after {@link #waitFor}). */
    public String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Kills the child if it still runs and removes its standard error file. */
    public void destroy() throws IOException, InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        stdout.close();
        Files.deleteIfExists(stderr);
    }

    /** Returns whether this JVM ignores SIGINT (Linux: bit 2 of SigIgn in /proc/self/status). */
    static boolean sigintIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseLong(line.substring(7).trim(), 16) & 2) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: assume the default.
        }
        return false;
    }
}
