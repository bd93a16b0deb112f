package dev.chunkwise.pool;

import dev.chunkwise.util.Checks;

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
 *   <li>an exception thrown by the function reaches the caller as {@link TaskFailedException} with the original
 *       exception as its cause; the other tasks of that call are cancelled; the pool stays usable;</li>
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
     */
    static Pool serial() {
        return new SerialPool();
    }

    /**
     * Returns a pool of {@code workers} threads in this JVM, named {@code chunkwise-worker-1}, {@code -2}, ….
     *
     * @throws IllegalArgumentException if {@code workers} is not positive
     */
    static Pool threads(int workers) {
        return new ThreadPool(Checks.positive(workers, "workers"));
    }

    /**
     * Returns a pool of {@code workers} child JVMs, for isolation: a crash, {@code System.exit} or a leak in the
     * function cannot take the caller down. Returns once every worker is ready. For options (JVM options, retries,
     * task timeout), use {@link dev.chunkwise.process.ProcessPool#builder()}.
     *
     * @throws IllegalArgumentException if {@code workers} is not positive
     * @throws dev.chunkwise.process.WorkerStartException if a worker cannot start
     */
    static Pool processes(int workers) {
        return dev.chunkwise.process.ProcessPool.builder().workers(workers).build();
    }

    /** Returns where this pool runs its tasks. */
    Backend backend();

    /**
     * Returns the number of tasks this pool can run at once.
     */
    int workers();

    /**
     * Applies {@code fn} to every item and returns the results in input order, choosing a chunk size that keeps every
     * worker busy (about four chunks per worker, as Python's {@code Pool.map} does).
     *
     * @throws TaskFailedException   if {@code fn} threw for an item; the call's other tasks are cancelled
     * @throws CancellationException if the caller's thread was interrupted while waiting
     * @throws IllegalStateException if the pool is closed
     */
    <T, R> List<R> map(TaskFunction<? super T, ? extends R> fn, List<? extends T> items);

    /**
     * Applies {@code fn} to every item, sending the items to the workers {@code chunksize} at a time, and returns the
     * results in input order. Larger chunks cost less dispatch; smaller ones balance uneven tasks better.
     *
     * @throws IllegalArgumentException if {@code chunksize} is not positive
     * @throws TaskFailedException      if {@code fn} threw for an item; the call's other tasks are cancelled
     * @throws CancellationException    if the caller's thread was interrupted while waiting
     * @throws IllegalStateException    if the pool is closed
     */
    <T, R> List<R> map(TaskFunction<? super T, ? extends R> fn, List<? extends T> items, int chunksize);

    /**
     * Lazily applies {@code fn} to the items and returns the results in input order. Items are read from
     * {@code items} only as results are consumed, with a bounded number of tasks in flight, so the input may be
     * unbounded. If a task fails, {@link Iterator#next()} throws its {@link TaskFailedException} at that item's place
     * and the iteration ends there.
     *
     * @throws IllegalStateException if the pool is closed
     */
    <T, R> Iterator<R> imap(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * Like {@link #imap}, but gives each result as soon as it is ready, in completion order.
     *
     * @throws IllegalStateException if the pool is closed
     */
    <T, R> Iterator<R> imapUnordered(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /**
     * Runs {@code fn(arg)} on a worker. The future completes with the result, or exceptionally with a
     * {@link TaskFailedException}; cancelling it cancels the task.
     *
     * @throws IllegalStateException if the pool is closed
     */
    <T, R> CompletableFuture<R> submit(TaskFunction<? super T, ? extends R> fn, T arg);

    /**
     * Closes the pool the way JDK 19's {@code ExecutorService.close()} does: accepts no new work, waits for the
     * running tasks to finish, and if interrupted while waiting, cancels them once, keeps waiting until the workers
     * are gone and sets the interrupt flag again. Closing a closed pool does nothing.
     */
    @Override
    void close();
}
