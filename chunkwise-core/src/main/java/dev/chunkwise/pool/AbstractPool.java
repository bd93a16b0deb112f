package dev.chunkwise.pool;

import dev.chunkwise.util.Checks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part of every {@link Pool} that does not depend on where tasks run: chunking, ordering, fail-fast cancellation
 * and bounded laziness. A backend (threads, processes, Spark) extends it and provides {@link #prepare(Task)}
 * and {@link #shutdown()}; users call {@link Pool}.
 */
public abstract class AbstractPool implements Pool {

    /*
     * Overview: every public call prepares one Job (the function made ready on the workers), cuts its input into
     * chunks and runs each chunk as one task. map waits for all chunks or the first failure; imap keeps a window of
     * in-flight chunks and yields their results in order (WindowIterator); imapUnordered in completion order. A
     * failure reaches the caller as a copy made on the caller's thread (TaskFailedException.atCaller), so that its
     * stack shows who called the pool.
     */

    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Makes {@code fn} ready to run on this pool's workers for one call.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param fn  the function
     * @return the job, which the caller closes when the call is done
     */
    protected abstract <T, R> Job<T, R> prepare(Task<? super T, ? extends R> fn);

    /** Closes the workers; called once, by {@link #close()}. */
    protected abstract void shutdown();

    /**
     * Returns how many chunks {@code imap} keeps in flight.
     *
     * @return the most chunks in flight; twice the workers by default
     */
    protected int window() {
        return 2 * workers();
    }

    @Override
    public <T, R> List<R> map(Task<? super T, ? extends R> fn, Iterable<? extends T> items) {
        Checks.notNull(items, "items");
        List<? extends T> list = listOf(items);
        return map(fn, list, defaultChunksize(list.size()));
    }

    /**
     * Returns the chunk size {@code map} uses for {@code size} items when none is given.
     *
     * @param size how many items the call has
     * @return about a quarter of the items per worker (as Python's {@code Pool.map}), at least one
     */
    protected int defaultChunksize(int size) {
        // As Python's Pool.map: about four chunks per worker.
        int chunks = 4 * workers();
        return Math.max(1, (size + chunks - 1) / chunks);
    }

    @Override
    public <T, R> List<R> map(Task<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
        checkMap(fn, items, chunksize);
        List<? extends T> list = listOf(items);
        if (list.isEmpty()) {
            return new ArrayList<>();
        }

        List<CompletableFuture<List<R>>> futures = new ArrayList<>();
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        try (Job<T, R> job = prepare(fn)) {
            for (int from = 0; from < list.size(); from += chunksize) {
                int to = Math.min(list.size(), from + chunksize);
                CompletableFuture<List<R>> f = job.run(list.subList(from, to), from);
                f.whenComplete((r, e) -> {
                    if (e != null) {
                        firstFailure.completeExceptionally(e);
                    }
                });
                futures.add(f);
                if (firstFailure.isDone()) {
                    break;
                }
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
            await(CompletableFuture.anyOf(all, firstFailure), futures);

            List<R> results = new ArrayList<>(list.size());
            for (CompletableFuture<List<R>> f : futures) {
                results.addAll(f.join());
            }
            return results;
        }
    }

    @Override
    public <T, R> CompletableFuture<R> submit(Task<? super T, ? extends R> fn, T arg) {
        Checks.notNull(fn, "fn");
        ensureOpen();
        Job<T, R> job = prepare(fn);
        CompletableFuture<List<R>> run = job.run(Collections.singletonList(arg), 0);
        CompletableFuture<R> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                run.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        run.whenComplete((list, e) -> {
            job.close();
            if (e != null) {
                result.completeExceptionally(unwrap(e));
            } else {
                result.complete(list.get(0));
            }
        });
        return result;
    }

    @Override
    public <T, R> Iterator<R> imap(Task<? super T, ? extends R> fn, Iterable<? extends T> items) {
        checkImap(fn, items);
        Job<T, R> job = prepare(fn);
        return new WindowIterator<>(job, items.iterator(), window(), job.chunkSizes(), true);
    }

    @Override
    public <T, R> Iterator<R> imap(Task<? super T, ? extends R> fn, Iterable<? extends T> items,
                                   int chunksize) {
        checkImap(fn, items);
        Checks.positive(chunksize, "chunksize");
        return new WindowIterator<>(prepare(fn), items.iterator(), window(), ChunkSizes.fixed(chunksize), true);
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(Task<? super T, ? extends R> fn, Iterable<? extends T> items) {
        checkImap(fn, items);
        Job<T, R> job = prepare(fn);
        return new WindowIterator<>(job, items.iterator(), window(), job.chunkSizes(), false);
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(Task<? super T, ? extends R> fn, Iterable<? extends T> items,
                                            int chunksize) {
        checkImap(fn, items);
        Checks.positive(chunksize, "chunksize");
        return new WindowIterator<>(prepare(fn), items.iterator(), window(), ChunkSizes.fixed(chunksize), false);
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            shutdown();
        }
    }

    /**
     * Checks the arguments of {@link #map(Task, Iterable, int)} and that the pool is open; for backends that
     * override {@code map}.
     *
     * @param fn        the function
     * @param items     the items
     * @param chunksize the chunk size
     * @throws IllegalArgumentException if {@code chunksize} is not positive
     * @throws IllegalStateException    if the pool is closed
     */
    protected final void checkMap(Task<?, ?> fn, Iterable<?> items, int chunksize) {
        Checks.notNull(fn, "fn");
        Checks.notNull(items, "items");
        Checks.positive(chunksize, "chunksize");
        ensureOpen();
    }

    private void checkImap(Task<?, ?> fn, Iterable<?> items) {
        Checks.notNull(fn, "fn");
        Checks.notNull(items, "items");
        ensureOpen();
    }

    /**
     * Returns {@code items} as a list: itself if it is one, else a copy in iteration order.
     *
     * @param <T>   the type of the items
     * @param items the items
     * @return them as a list
     */
    protected static <T> List<? extends T> listOf(Iterable<? extends T> items) {
        if (items instanceof List<? extends T> list) {
            return list;
        }
        List<T> copy = items instanceof Collection<? extends T> c ? new ArrayList<>(c.size()) : new ArrayList<>();
        items.forEach(copy::add);
        return copy;
    }

    /**
     * @throws IllegalStateException if the pool is closed
     */
    protected void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("pool is closed (create a new one, or keep it open while you use it)");
        }
    }

    /**
     * Waits for {@code done}; on a failure or an interrupt, cancels every future and throws.
     */
    private static void await(CompletableFuture<?> done, List<? extends CompletableFuture<?>> futures) {
        try {
            done.get();
        } catch (InterruptedException e) {
            cancelAll(futures);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the pool's results; the tasks were cancelled");
        } catch (ExecutionException e) {
            cancelAll(futures);
            throw atCaller(e.getCause());
        }
    }

    static void cancelAll(Iterable<? extends CompletableFuture<?>> futures) {
        for (CompletableFuture<?> f : futures) {
            f.cancel(true);
        }
    }

    /** Returns the exception a task failed with, as a future of the pool should hold it. */
    static RuntimeException unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        return new TaskFailedException(-1, t);
    }

    /**
     * Returns the exception a task failed with, as a blocking call throws it: a task's failure copied on the
     * caller's thread, so that the stack trace shows the caller (the worker's exception stays the cause).
     */
    static RuntimeException atCaller(Throwable e) {
        RuntimeException t = unwrap(e);
        return t instanceof TaskFailedException f ? f.atCaller() : t;
    }

    /** Returns the results of {@code f}, waiting for them; a failure is thrown as a blocking call throws it. */
    static <R> List<R> join(CompletableFuture<List<R>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the pool's results; the tasks were cancelled");
        } catch (ExecutionException | CancellationException e) {
            throw atCaller(e instanceof ExecutionException ? e.getCause() : e);
        }
    }
}
