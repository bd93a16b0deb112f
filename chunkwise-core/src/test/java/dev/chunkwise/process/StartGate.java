package dev.chunkwise.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Holds each worker JVM of a pool at its start, before it runs {@code main} (so before it connects), and kills or
 * releases it as planned: HotSpot's {@code -XX:+PauseAtStartup} makes a JVM create its pause file and wait until the
 * file is deleted. Give {@link #jvmOptions()} to one pool of one worker, so that one JVM starts at a time.
 */
final class StartGate implements AutoCloseable {

    /** What to do with the next worker that pauses at its start. */
    enum Decision { KILL, RELEASE }

    private final Path pauseFile;
    private final List<Decision> plan;
    private final Decision afterPlan;
    private final Set<Long> seen = new HashSet<>();
    private final List<Long> killed = new CopyOnWriteArrayList<>();
    private final List<Long> released = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Throwable failure;

    /**
     * Starts watching: the n-th worker that pauses meets {@code plan}'s n-th decision, every later one
     * {@code afterPlan}.
     */
    StartGate(Path dir, List<Decision> plan, Decision afterPlan) {
        this.pauseFile = dir.resolve("vm.paused");
        this.plan = new ArrayList<>(plan);
        this.afterPlan = afterPlan;
        ProcessHandle.current().children().forEach(p -> seen.add(p.pid()));
        this.thread = new Thread(this::watch, "start-gate");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    String[] jvmOptions() {
        return new String[]{"-XX:+UnlockDiagnosticVMOptions", "-XX:+PauseAtStartup",
                "-XX:PauseAtStartupFile=" + pauseFile};
    }

    /** Returns the pids killed at their start so far, in order. */
    List<Long> killed() {
        return List.copyOf(killed);
    }

    /** Returns the pids released so far, in order. */
    List<Long> released() {
        return List.copyOf(released);
    }

    private void watch() {
        try {
            while (!closed) {
                if (!Files.exists(pauseFile)) {
                    Thread.sleep(5);
                    continue;
                }
                Optional<ProcessHandle> paused = ProcessHandle.current().children()
                        .filter(p -> !seen.contains(p.pid()))
                        .filter(p -> p.info().commandLine().orElse("").contains(WorkerMain.class.getName()))
                        .findFirst();
                if (paused.isEmpty()) {
                    Thread.sleep(5);
                    continue;
                }
                ProcessHandle p = paused.get();
                seen.add(p.pid());
                Decision d = plan.isEmpty() ? afterPlan : plan.remove(0);
                if (d == Decision.KILL) {
                    new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
                    p.onExit().get(30, TimeUnit.SECONDS);
                    killed.add(p.pid());
                } else {
                    released.add(p.pid());
                }
                // The killed JVM cannot remove its pause file, and the released one is waiting for this.
                Files.deleteIfExists(pauseFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            failure = e;
        }
    }

    /** Stops watching and releases any worker still paused; throws what went wrong in the watcher, if anything. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(pauseFile);
        if (failure != null) {
            throw new AssertionError("the start gate failed", failure);
        }
    }
}
