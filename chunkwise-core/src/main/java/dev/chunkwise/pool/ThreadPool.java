package dev.chunkwise.pool;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of worker threads in this JVM: the items are passed by reference, nothing is copied.
 */
final class ThreadPool extends AbstractPool {

    private final int workers;
    private final WorkerThreads threads = new WorkerThreads();
    private final ThreadPoolExecutor executor;

    ThreadPool(int workers) {
        this.workers = workers;
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads);
    }

    @Override
    public Backend backend() {
        return Backend.THREADS;
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    protected <T, R> Job<T, R> prepare(Task<? super T, ? extends R> fn) {
        return (chunk, firstIndex) -> {
            CompletableFuture<List<R>> result = new CompletableFuture<>();
            Future<?> task = executor.submit(() -> {
                if (result.isDone()) {
                    return;
                }
                try {
                    result.complete(Chunks.apply(fn, chunk, firstIndex));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            result.whenComplete((r, e) -> {
                if (result.isCancelled()) {
                    task.cancel(true);
                }
            });
            return result;
        };
    }

    @Override
    protected void shutdown() {
        // As JDK 19's ExecutorService.close().
        executor.shutdown();
        boolean interrupted = false;
        while (!executor.isTerminated()) {
            try {
                executor.awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    executor.shutdownNow();
                    interrupted = true;
                }
            }
        }
        // The executor counts as terminated a moment before its last threads have finished exiting: wait for them.
        for (Thread t : threads.created()) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Pool.threads(" + workers + ")";
    }

    /** Names the threads {@code chunkwise-worker-1}, {@code -2}, …; they are daemons, so a forgotten pool does not keep the JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();
        private final List<Thread> created = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "chunkwise-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            created.add(t);
            return t;
        }

        List<Thread> created() {
            return created;
        }
    }
}
