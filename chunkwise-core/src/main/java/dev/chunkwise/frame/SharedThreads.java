package dev.chunkwise.frame;

import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The threads that {@code auto} runs on when it goes parallel without a pool from the caller: the calling thread and
 * one daemon thread per other core, made on first use and kept, as Java's parallel streams run on the caller and the
 * common fork-join pool. The caller takes partitions too, so that a call does not wait for a parked thread to wake
 * before work starts, and partitions go to whichever thread is free (a slow thread takes fewer). Pools that users make
 * are unaffected.
 */
final class SharedThreads {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static volatile ExecutorService helpers;
    private static volatile ExecutorService streams;

    private SharedThreads() {
    }

    /** Returns how many threads work on a call: the caller and its helpers. */
    static int workers() {
        return CORES;
    }

    /** Returns whether the helper threads exist already (then a call pays nothing to start them). */
    static boolean started() {
        return CORES == 1 || helpers != null;
    }

    /** Starts the helper threads now, if they are not running, so that later calls find them ready. */
    static void start() {
        if (CORES > 1) {
            executor();
        }
    }

    /**
     * Applies {@code fn} to every input on the caller and the helpers, and returns the results in input order.
     *
     * @param done told on the caller's thread, in input order, as each input's result is ready (may be null)
     * @throws TaskFailedException   for the first input (in time) whose call threw; inputs not yet started are skipped
     * @throws CancellationException if the caller is interrupted while it waits for the helpers
     */
    static <T, R> List<R> map(TaskFunction<T, R> fn, List<T> inputs, IntConsumer done) {
        int n = inputs.size();
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<TaskFailedException> failure = new AtomicReference<>();
        BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                if (failure.get() == null) {
                    try {
                        results[i] = fn.apply(inputs.get(i));
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, new TaskFailedException(i, e));
                    }
                }
                finished.add(i);
            }
        };
        int helping = Math.min(CORES - 1, n - 1);
        ExecutorService ex = helping > 0 ? executor() : null;
        for (int k = 0; k < helping; k++) {
            ex.execute(drain);
        }
        drain.run();
        boolean[] ready = new boolean[n];
        int reported = 0;
        try {
            for (int count = 0; count < n; count++) {
                ready[finished.take()] = true;
                while (reported < n && ready[reported]) {
                    if (done != null && failure.get() == null) {
                        done.accept(reported);
                    }
                    reported++;
                }
            }
        } catch (InterruptedException e) {
            next.set(n); // inputs not yet taken are not started; those running finish on their threads
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the partitions; the rest were skipped");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) new ArrayList<>(Arrays.asList(results));
        return list;
    }

    /**
     * Returns the daemon threads, one per core, that {@link ParallelStream} runs on without a pool from the caller:
     * the caller consumes the results there, so it does not compute.
     */
    static ExecutorService streamExecutor() {
        ExecutorService ex = streams;
        if (ex == null) {
            synchronized (SharedThreads.class) {
                ex = streams;
                if (ex == null) {
                    ex = daemons(CORES, "chunkwise-stream-");
                    streams = ex;
                }
            }
        }
        return ex;
    }

    private static ExecutorService daemons(int threads, String prefix) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static ExecutorService executor() {
        ExecutorService ex = helpers;
        if (ex == null) {
            synchronized (SharedThreads.class) {
                ex = helpers;
                if (ex == null) {
                    ex = daemons(CORES - 1, "chunkwise-auto-");
                    ((ThreadPoolExecutor) ex).prestartAllCoreThreads();
                    helpers = ex;
                }
            }
        }
        return ex;
    }
}
