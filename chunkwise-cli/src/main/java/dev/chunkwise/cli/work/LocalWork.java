package dev.chunkwise.cli.work;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Runs the command line's own reading and writing work on an {@link Executor} of this JVM, one task per item, and
 * passes a task's exception on as it was thrown, so that a bad byte found on another thread reads like one found on
 * the caller's.
 *
 * <p>Results come in the items' order, and so do failures: when several tasks fail, the one thrown is the first in
 * that order, whichever failed first in time, so that a file with two faults always names the same one (the one a
 * sequential reader meets). After a failure, the tasks of later items that have not started do not run.
 */
public final class LocalWork {

    /**
     * How many tasks {@link #forEachInOrder} keeps submitted and not yet consumed: twice the processors, enough to
     * keep every core of this machine busy while the caller consumes results one at a time, and no more, so that a
     * writer holds a bounded number of formatted buffers.
     */
    public static final int IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors();

    private LocalWork() {
    }

    /** Consumes the results of {@link #forEachInOrder}, one at a time, in order. */
    @FunctionalInterface
    public interface Sink<R> {
        /** Takes the next result. */
        void accept(R result) throws IOException;
    }

    /**
     * Returns {@code fn} applied to each of {@code items}, in their order, run on {@code executor}, once all have
     * finished.
     *
     * @throws RuntimeException the exception of the first item (in order) whose task threw, as it was thrown
     */
    public static <T, R> List<R> map(Executor executor, Function<? super T, ? extends R> fn, List<? extends T> items) {
        List<CompletableFuture<R>> tasks = new ArrayList<>(items.size());
        for (T item : items) {
            tasks.add(CompletableFuture.supplyAsync(() -> fn.apply(item), executor));
        }
        for (int i = 0; i < tasks.size(); i++) {
            List<CompletableFuture<R>> later = tasks.subList(i + 1, tasks.size());
            tasks.get(i).whenComplete((r, e) -> {
                if (e != null) {
                    cancel(later); // an earlier item's failure, if any, is still the one thrown
                }
            });
        }
        List<R> results = new ArrayList<>(tasks.size());
        try {
            for (CompletableFuture<R> task : tasks) {
                results.add(await(task));
            }
        } catch (RuntimeException | Error e) {
            cancel(tasks);
            throw e;
        }
        return results;
    }

    /**
     * Applies {@code fn} to each of {@code items} on {@code executor} and gives the results to {@code sink} in the
     * items' order, with at most {@link #IN_FLIGHT} tasks submitted whose results {@code sink} has not taken.
     *
     * @throws IOException      if {@code sink} throws it; the tasks not yet consumed are cancelled
     * @throws RuntimeException the exception of the first item (in order) whose task threw, as it was thrown
     */
    public static <T, R> void forEachInOrder(Executor executor, Function<? super T, ? extends R> fn,
                                             List<? extends T> items, Sink<? super R> sink) throws IOException {
        Deque<CompletableFuture<R>> pending = new ArrayDeque<>();
        int next = 0;
        try {
            while (next < items.size() || !pending.isEmpty()) {
                while (next < items.size() && pending.size() < IN_FLIGHT) {
                    T item = items.get(next++);
                    pending.add(CompletableFuture.supplyAsync(() -> fn.apply(item), executor));
                }
                sink.accept(await(pending.poll()));
            }
        } catch (IOException | RuntimeException | Error e) {
            cancel(pending);
            throw e;
        }
    }

    /** Waits for {@code task} and returns its result, or throws its exception as the task threw it. */
    private static <R> R await(CompletableFuture<R> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for chunkwise's own reading or writing; "
                    + "the tasks not started were cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a task of chunkwise's own failed: " + cause, cause);
        }
    }

    /** Cancels the tasks: one that has not started then does not run (a running one finishes, its result unused). */
    private static void cancel(Iterable<? extends CompletableFuture<?>> tasks) {
        for (CompletableFuture<?> t : tasks) {
            t.cancel(false);
        }
    }
}
