package dev.chunkwise.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * A function a test's {@code --with} expression calls on a Spark executor to hold one row's task until the test has
 * killed the executor: on the value {@code holdAt} it writes its JVM's pid to {@code DIR/blocked} and waits for
 * {@code DIR/killed}; once that exists (the task Spark runs again) it passes every value through at once.
 */
public final class ClusterHold {

    private ClusterHold() {
    }

    /** Returns {@code value}, after holding as the class comment says when it is {@code holdAt}. */
    public static int at(int value, int holdAt, String dir) {
        Path killed = Path.of(dir, "killed");
        if (value != holdAt || Files.exists(killed)) {
            return value;
        }
        try {
            Path tmp = Files.writeString(Path.of(dir, "blocked.tmp"), Long.toString(ProcessHandle.current().pid()));
            Files.move(tmp, Path.of(dir, "blocked"), StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.exists(killed)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("held 3 minutes on value " + value + ", and no " + killed);
                }
                Thread.sleep(50);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held on value " + value, e);
        }
    }
}
