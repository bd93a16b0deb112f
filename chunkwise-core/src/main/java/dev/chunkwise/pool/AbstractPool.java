package dev.chunkwise.pool;

import dev.chunkwise.util.Checks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part of every {@link Pool} that does not depend on where tasks run: chunking, ordering, fail-fast cancellation
 * and bounded laziness. A backend (threads, processes, Spark) extends it and provides {@link #prepare(TaskFunction)}
 * and {@link #shutdown()}; users call {@link Pool}.
 */
public abstract class AbstractPool implements Pool {

    /*
     * Overview: every public call prepares one Job (the function made ready on the workers), cuts its input into
     * chunks and runs each chunk as one task. map waits for all chunks or the first failure; imap keeps a window of
     * in-flight chunks and yields them in order; imapUnordered yields them in completion order.
     */

    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Makes {@code fn} ready to run on this pool's workers for one call.
     */
    protected abstract <T, R> Job<T, R> prepare(TaskFunction<? super T, ? extends R> fn);

    /** Closes the workers; called once, by {@link #close()}. */
    protected abstract void shutdown();

    /** Returns how many chunks {@code imap} keeps in flight. */
    protected int window() {
        return 2 * workers();
    }

    @Override
    public <T, R> List<R> map(TaskFunction<? super T, ? extends R> fn, List<? extends T> items) {
        Checks.notNull(items, "items");
        return map(fn, items, defaultChunksize(items.size()));
    }

    protected int defaultChunksize(int size) {
        // As Python's Pool.map: about four chunks per worker.
        int chunks = 4 * workers();
        return Math.max(1, (size + chunks - 1) / chunks);
    }

    @Override
    public <T, R> List<R> map(TaskFunction<? super T, ? extends R> fn, List<? extends T> items, int chunksize) {
        checkMap(fn, items, chunksize);
        if (items.isEmpty()) {
            return new ArrayList<>();
        }

        List<CompletableFuture<List<R>>> futures = new ArrayList<>();
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        try (Job<T, R> job = prepare(fn)) {
            for (int from = 0; from < items.size(); from += chunksize) {
                int to = Math.min(items.size(), from + chunksize);
                CompletableFuture<List<R>> f = job.run(items.subList(from, to), from);
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

            List<R> results = new ArrayList<>(items.size());
            for (CompletableFuture<List<R>> f : futures) {
                results.addAll(f.join());
            }
            return results;
        }
    }

    @Override
    public <T, R> CompletableFuture<R> submit(TaskFunction<? super T, ? extends R> fn, T arg) {
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
    public <T, R> Iterator<R> imap(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        Checks.notNull(fn, "fn");
        Checks.notNull(items, "items");
        ensureOpen();
        return new OrderedIterator<>(prepare(fn), items.iterator(), window());
    }

    @Override
    public <T, R> Iterator<R> imapUnordered(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        Checks.notNull(fn, "fn");
        Checks.notNull(items, "items");
        ensureOpen();
        return new UnorderedIterator<>(prepare(fn), items.iterator(), window());
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            shutdown();
        }
    }

    /**
     * Checks the arguments of {@link #map(TaskFunction, List, int)} and that the pool is open; for backends that
     * override {@code map}.
     *
     * @throws IllegalArgumentException if {@code chunksize} is not positive
     * @throws IllegalStateException    if the pool is closed
     */
    protected final void checkMap(TaskFunction<?, ?> fn, List<?> items, int chunksize) {
        Checks.notNull(fn, "fn");
        Checks.notNull(items, "items");
        Checks.positive(chunksize, "chunksize");
        ensureOpen();
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
            throw unwrap(e.getCause());
        }
    }

    private static void cancelAll(Iterable<? extends CompletableFuture<?>> futures) {
        for (CompletableFuture<?> f : futures) {
            f.cancel(true);
        }
    }

    /** Returns the exception a task failed with, as it should reach the caller. */
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

    private static <R> List<R> join(CompletableFuture<List<R>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the pool's results; the tasks were cancelled");
        } catch (ExecutionException | CancellationException e) {
            throw unwrap(e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /**
     * Results one item per task, with at most {@code window} tasks in flight; the subclass says in which order they
     * are taken. A failure ends the iteration at its place, cancelling the rest.
     */
    private abstract static class WindowIterator<T, R> implements Iterator<R> {
        private final Job<T, R> job;
        private final Iterator<? extends T> source;
        private final int window;
        final java.util.Collection<CompletableFuture<List<R>>> inFlight;
        private long nextIndex;
        private boolean ended;

        WindowIterator(Job<T, R> job, Iterator<? extends T> source, int window,
                       java.util.Collection<CompletableFuture<List<R>>> inFlight) {
            this.job = job;
            this.source = source;
            this.window = window;
            this.inFlight = inFlight;
        }

        /** Takes the next future to give out of {@link #inFlight}, waiting if need be. */
        abstract CompletableFuture<List<R>> take();

        /** Called with each future as it is started. */
        void started(CompletableFuture<List<R>> f) {
        }

        @Override
        public final boolean hasNext() {
            while (!ended && inFlight.size() < window && source.hasNext()) {
                CompletableFuture<List<R>> f = job.run(Collections.singletonList(source.next()), nextIndex++);
                inFlight.add(f);
                started(f);
            }
            return !inFlight.isEmpty();
        }

        @Override
        public final R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                return join(take()).get(0);
            } catch (RuntimeException e) {
                end();
                throw e;
            } finally {
                if (inFlight.isEmpty() && !source.hasNext()) {
                    end();
                }
            }
        }

        final void end() {
            if (!ended) {
                ended = true;
                cancelAll(inFlight);
                inFlight.clear();
                job.close();
            }
        }
    }

    /** Results in input order. */
    private static final class OrderedIterator<T, R> extends WindowIterator<T, R> {
        OrderedIterator(Job<T, R> job, Iterator<? extends T> source, int window) {
            super(job, source, window, new ArrayDeque<>());
        }

        @Override
        CompletableFuture<List<R>> take() {
            return ((Deque<CompletableFuture<List<R>>>) inFlight).poll();
        }
    }

    /** Results in completion order. */
    private static final class UnorderedIterator<T, R> extends WindowIterator<T, R> {
        private final BlockingQueue<CompletableFuture<List<R>>> completed = new LinkedBlockingQueue<>();

        UnorderedIterator(Job<T, R> job, Iterator<? extends T> source, int window) {
            super(job, source, window, new ArrayList<>());
        }

        @Override
        void started(CompletableFuture<List<R>> f) {
            f.whenComplete((r, e) -> completed.add(f));
        }

        @Override
        CompletableFuture<List<R>> take() {
            CompletableFuture<List<R>> done;
            try {
                done = completed.take();
            } catch (InterruptedException e) {
                end();
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the pool's results; the tasks were cancelled");
            }
            inFlight.remove(done);
            return done;
        }
    }
}
