package dev.chunkwise.pool;

import dev.chunkwise.process.ProcessPool;
import dev.chunkwise.process.WorkerStartException;
import dev.chunkwise.util.Checks;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A pool of workers that applies a function to many items and gives the results back in order: the entry point of
 * chunkwise, like Python's {@code multiprocessing.Pool}.
 *
 * <pre>{@code
 * try (Pool pool = Pool.threads(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));   // [1, 4, 9]
 * }
 * }</pre>
 *
 * <h2>Implementations</h2>
 * {@link #serial()} runs every task on the caller's thread; {@link #threads(int)} on worker threads of this JVM (no
 * copying); {@link #processes(int)} in child JVMs, for isolation. Every implementation keeps the same contract:
 * <ul>
 *   <li>results come back in input order, equal to applying the function in a plain loop;</li>
 *   <li>an exception thrown by the function, checked or not, reaches the caller as {@link TaskFailedException}
 *       with the original exception as its cause, thrown with the caller's stack; the other tasks of that call are
 *       cancelled; the pool stays usable;</li>
 *   <li>{@link #close()} waits for running tasks, then leaves no worker behind.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * A pool is safe to use from several threads at once. The blocking calls ({@link #map}) wait on the caller's
 * thread; if that thread is interrupted, the call's remaining tasks are cancelled, the interrupt flag is set again and
 * a {@link CancellationException} is thrown.
 */
public interface Pool extends AutoCloseable {

    /**
     * Returns a pool that runs every task on the caller's thread, one after another: the baseline every other pool
     * is measured against.
     *
     * @return a pool of one worker, the caller
     */
    static Pool serial() {
        return new SerialPool();
    }

    /**
     * Returns a pool of {@code workers} threads in this JVM, named {@code chunkwise-worker-1}, {@code -2}, ….
     *
     * @param workers how many threads
     * @return a pool of that many threads; close it when done
     * @throws IllegalArgumentException if {@code workers} is not positive
     */
    static Pool threads(int workers) {
        return new ThreadPool(Checks.positive(workers, "workers"));
    }

    /**
     * Returns a pool of {@code workers} child JVMs, for isolation: a crash, {@code System.exit} or a leak in the
     * function cannot take the caller down. Returns once every worker is ready. For options (JVM options, retries,
     * task timeout), use {@link ProcessPool#builder()}.
     *
     * @param workers how many worker processes
     * @return a pool of that many child JVMs, all of them ready; close it when done
     * @throws IllegalArgumentException if {@code workers} is not positive
     * @throws WorkerStartException     if a worker cannot start
     */
    static Pool processes(int workers) {
        return ProcessPool.builder().workers(workers).build();
    }

    /** Returns where this pool runs its tasks. */
    Backend backend();

    /**
     * Returns the number of tasks this pool can run at once.
     *
     * @return how many workers the pool has
     */
    int workers();

    /**
     * Applies {@code fn} to every item and returns the results in input order, choosing a chunk size that keeps every
     * worker busy (about four chunks per worker, as Python's {@code Pool.map} does). The items may be any
     * {@link Iterable}; one that is not a {@link List} is read into one first.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param fn    the function, applied to each item
     * @param items the items, in order; null items are passed to the function
     * @return the results, in the order of the items
     * @throws TaskFailedException   if a task failed: {@code fn} threw for an item (the cause), or, on a process
     *                               pool, its worker died or it timed out (the subclasses); the call's other tasks
     *                               are cancelled. It is thrown on the caller's thread, with the caller's stack
     * @throws CancellationException if the caller's thread was interrupted while waiting
     * @throws IllegalStateException if the pool is closed
     */
    <T, R> List<R> map(Task<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * Applies {@code fn} to every item, sending the items to the workers {@code chunksize} at a time, and returns the
     * results in input order. Larger chunks cost less dispatch; smaller ones balance uneven tasks better. Chunks do
     * not change what the function sees or how a failure is reported: a task is one item.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param fn        the function, applied to each item
     * @param items     the items, in order
     * @param chunksize how many items cross to a worker at a time
     * @return the results, in the order of the items
     * @throws IllegalArgumentException if {@code chunksize} is not positive
     * @throws TaskFailedException      if a task failed (see {@link #map(Task, Iterable)})
     * @throws CancellationException    if the caller's thread was interrupted while waiting
     * @throws IllegalStateException    if the pool is closed
     */
    <T, R> List<R> map(Task<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

    /**
     * Applies {@code fn} to every element of {@code items} and returns the results in order, as
     * {@link #map(Task, Iterable)} does.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param fn    the function, applied to each element
     * @param items the elements, in order
     * @return the results, in the order of the elements
     * @throws TaskFailedException   if a task failed (see {@link #map(Task, Iterable)})
     * @throws CancellationException if the caller's thread was interrupted while waiting
     * @throws IllegalStateException if the pool is closed
     */
    default <T, R> List<R> map(Task<? super T, ? extends R> fn, T[] items) {
        return map(fn, Arrays.asList(Checks.notNull(items, "items")));
    }

    /**
     * Applies {@code fn} to every element of {@code items}, {@code chunksize} at a time, as
     * {@link #map(Task, Iterable, int)} does.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param fn        the function, applied to each element
     * @param items     the elements, in order
     * @param chunksize how many elements cross to a worker at a time
     * @return the results, in the order of the elements
     * @throws IllegalArgumentException if {@code chunksize} is not positive
     * @throws TaskFailedException      if a task failed (see {@link #map(Task, Iterable)})
     * @throws CancellationException    if the caller's thread was interrupted while waiting
     * @throws IllegalStateException    if the pool is closed
     */
    default <T, R> List<R> map(Task<? super T, ? extends R> fn, T[] items, int chunksize) {
        return map(fn, Arrays.asList(Checks.notNull(items, "items")), chunksize);
    }

    /**
     * Lazily applies {@code fn} to the items and returns the results in input order. Items are read from
     * {@code items} only as results are consumed, with a bounded number of chunks in flight (twice the workers), so
     * the input may be unbounded. If a task fails, {@link Iterator#next()} throws its {@link TaskFailedException} and
     * the iteration ends there.
     *
     * <p>The chunk size is chosen as the results come in: one item a chunk on threads (dispatch is cheap there);
     * on a process pool, chunks start at one item and grow while a round trip costs more than the work it carries,
     * up to {@value ChunkSizes#MAX_ITEMS} items or 1 MiB of items or results a chunk. Give a chunk size with
     * {@link #imap(Task, Iterable, int)} to fix it.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param fn    the function, applied to each item
     * @param items the items, read as the results are consumed; may be unbounded
     * @return the results, in the order of the items
     * @throws IllegalStateException if the pool is closed
     */
    <T, R> Iterator<R> imap(Task<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * Like {@link #imap(Task, Iterable)}, sending the items {@code chunksize} at a time: at most twice the
     * workers times {@code chunksize} items are read ahead of the results consumed. A failure ends the iteration at
     * the failed item's chunk: the results before it in that chunk are not given.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param fn        the function, applied to each item
     * @param items     the items, read as the results are consumed; may be unbounded
     * @param chunksize how many items cross to a worker at a time
     * @return the results, in the order of the items
     * @throws IllegalArgumentException if {@code chunksize} is not positive
     * @throws IllegalStateException    if the pool is closed
     */
    <T, R> Iterator<R> imap(Task<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

    /**
     * Like {@link #imap(Task, Iterable)}, but gives the results of each chunk as soon as it is ready, in
     * completion order.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param fn    the function, applied to each item
     * @param items the items, read as the results are consumed; may be unbounded
     * @return the results, in the order they complete
     * @throws IllegalStateException if the pool is closed
     */
    <T, R> Iterator<R> imapUnordered(Task<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * Like {@link #imap(Task, Iterable, int)}, but gives the results of each chunk as soon as it is ready,
     * in completion order.
     *
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @param fn        the function, applied to each item
     * @param items     the items, read as the results are consumed; may be unbounded
     * @param chunksize how many items cross to a worker at a time
     * @return the results, in the order their chunks complete
     * @throws IllegalArgumentException if {@code chunksize} is not positive
     * @throws IllegalStateException    if the pool is closed
     */
    <T, R> Iterator<R> imapUnordered(Task<? super T, ? extends R> fn, Iterable<? extends T> items,
                                     int chunksize);

    /**
     * Runs {@code fn(arg)} on a worker. The future completes with the result, or exceptionally with a
     * {@link TaskFailedException}. Cancelling it cancels the task; {@code cancel(true)} also stops it if it is
     * running (a thread is interrupted; a worker process is killed and replaced).
     *
     * @param <T> the type of the argument
     * @param <R> the type of the result
     * @param fn  the function
     * @param arg its argument, which may be null
     * @return the future result
     * @throws IllegalStateException if the pool is closed
     */
    <T, R> CompletableFuture<R> submit(Task<? super T, ? extends R> fn, T arg);

    /**
     * Closes the pool the way JDK 19's {@code ExecutorService.close()} does: accepts no new work, waits for the
     * running tasks to finish, and if interrupted while waiting, cancels them once, keeps waiting until the workers
     * are gone and sets the interrupt flag again. Closing a closed pool does nothing.
     */
    @Override
    void close();
}
