package dev.chunkwise.pool;

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
        Checks.notNull(fn, "fn");
        Checks.notNull(items, "items");
        Checks.positive(chunksize, "chunksize");
        ensureOpen();
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

    /** Returns whether {@link #close()} was called. */
    protected boolean isClosed() {
        return closed.get();
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

    /** Results in input order, one item per task, with at most {@code window} tasks in flight. */
    private static final class OrderedIterator<T, R> implements Iterator<R> {
        private final Job<T, R> job;
        private final Iterator<? extends T> source;
        private final int window;
        private final Deque<CompletableFuture<List<R>>> inFlight = new ArrayDeque<>();
        private long nextIndex;
        private boolean ended;

        OrderedIterator(Job<T, R> job, Iterator<? extends T> source, int window) {
            this.job = job;
            this.source = source;
            this.window = window;
        }

        @Override
        public boolean hasNext() {
            fill();
            return !inFlight.isEmpty();
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CompletableFuture<List<R>> head = inFlight.poll();
            try {
                return join(head).get(0);
            } catch (RuntimeException e) {
                end();
                throw e;
            } finally {
                if (inFlight.isEmpty() && !source.hasNext()) {
                    end();
                }
            }
        }

        private void fill() {
            while (!ended && inFlight.size() < window && source.hasNext()) {
                inFlight.add(job.run(Collections.singletonList(source.next()), nextIndex++));
            }
        }

        private void end() {
            if (!ended) {
                ended = true;
                cancelAll(inFlight);
                inFlight.clear();
                job.close();
            }
        }
    }

    /** Results in completion order, one item per task, with at most {@code window} tasks in flight. */
    private static final class UnorderedIterator<T, R> implements Iterator<R> {
        private final Job<T, R> job;
        private final Iterator<? extends T> source;
        private final int window;
        private final List<CompletableFuture<List<R>>> inFlight = new ArrayList<>();
        private final BlockingQueue<CompletableFuture<List<R>>> completed = new LinkedBlockingQueue<>();
        private long nextIndex;
        private boolean ended;

        UnorderedIterator(Job<T, R> job, Iterator<? extends T> source, int window) {
            this.job = job;
            this.source = source;
            this.window = window;
        }

        @Override
        public boolean hasNext() {
            fill();
            return !inFlight.isEmpty();
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CompletableFuture<List<R>> done;
            try {
                done = completed.take();
            } catch (InterruptedException e) {
                end();
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the pool's results; the tasks were cancelled");
            }
            inFlight.remove(done);
            try {
                return join(done).get(0);
            } catch (RuntimeException e) {
                end();
                throw e;
            } finally {
                if (inFlight.isEmpty() && !source.hasNext()) {
                    end();
                }
            }
        }

        private void fill() {
            while (!ended && inFlight.size() < window && source.hasNext()) {
                CompletableFuture<List<R>> f = job.run(Collections.singletonList(source.next()), nextIndex++);
                inFlight.add(f);
                f.whenComplete((r, e) -> completed.add(f));
            }
        }

        private void end() {
            if (!ended) {
                ended = true;
                cancelAll(inFlight);
                inFlight.clear();
                job.close();
            }
        }
    }
}
