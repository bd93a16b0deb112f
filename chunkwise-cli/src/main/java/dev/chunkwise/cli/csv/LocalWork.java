package dev.chunkwise.cli.csv;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;

import java.util.Iterator;
import java.util.List;

/**
 * Runs the reader's and the writer's own work on a pool of this JVM and passes their exceptions on as they were
 * thrown, so that a bad byte found on a worker thread reads like one found on the caller's (a pool wraps what its
 * tasks throw in {@link TaskFailedException}, which is right for the user's functions, not for chunkwise's own).
 */
final class LocalWork {

    private LocalWork() {
    }

    /** Like {@link Pool#map(TaskFunction, List, int)} with chunks of one, unwrapping failures. */
    static <T, R> List<R> map(Pool pool, TaskFunction<? super T, ? extends R> fn, List<? extends T> items) {
        try {
            return pool.map(fn, items, 1);
        } catch (TaskFailedException e) {
            throw unwrapped(e);
        }
    }

    /** Like {@link Pool#imap}, unwrapping failures. */
    static <T, R> Iterator<R> imap(Pool pool, TaskFunction<? super T, ? extends R> fn, List<? extends T> items) {
        Iterator<R> results = pool.imap(fn, items);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return results.hasNext();
            }

            @Override
            public R next() {
                try {
                    return results.next();
                } catch (TaskFailedException e) {
                    throw unwrapped(e);
                }
            }
        };
    }

    private static RuntimeException unwrapped(TaskFailedException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return e;
    }
}
