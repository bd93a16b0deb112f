package dev.chunkwise.cli.work;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of threads of this JVM for the command line's own reading and writing (parsing CSV ranges,
 * formatting output, encoding Parquet row groups): an {@link Executor} that is closed with try-with-resources.
 *
 * <p>The threads are daemons named {@code chunkwise-io-N}, so that a run that ends by an exception never waits for
 * them. {@link #close()} closes as JDK 19's {@code ExecutorService.close()} does: it accepts no new task, waits for
 * the submitted ones to finish and, if interrupted while waiting, cancels them once and keeps the interrupt.
 */
public final class LocalThreads implements Executor, AutoCloseable {

    private final ExecutorService threads;
    private final int count;

    private LocalThreads(ExecutorService threads, int count) {
        this.threads = threads;
        this.count = count;
    }

    /**
     * Starts {@code count} threads.
     *
     * @throws IllegalArgumentException if {@code count} is not positive
     */
    public static LocalThreads start(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: > 0)");
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "chunkwise-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new LocalThreads(Executors.newFixedThreadPool(count, factory), count);
    }

    /** Returns how many threads run tasks at once. */
    public int count() {
        return count;
    }

    /**
     * Runs {@code task} on one of the threads.
     *
     * @throws RejectedExecutionException if this is closed
     */
    @Override
    public void execute(Runnable task) {
        threads.execute(task);
    }

    @Override
    public void close() {
        threads.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (threads.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                if (!interrupted) {
                    threads.shutdownNow();
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
