package dev.chunkwise.pool;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Task} that is also a {@link Function}, for code that holds the work as a {@code Function} (it throws no
 * checked exception): the same plain lambda runs on a thread of this JVM, in a worker process or on a Spark executor.
 *
 * <p>A lambda assigned to this type is serializable as long as every value it captures is. Capture nothing you would
 * not want copied to a worker: the pool serializes the function once per call.
 *
 * @param <T> the type of the items
 * @param <R> the type of the results
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Function<T, R>, Task<T, R>, Serializable {

    /**
     * Returns {@link #apply apply(item)}: a pool calls this.
     *
     * @param item an item of the call's input, which may be null
     * @return the result for it
     */
    @Override
    default R call(T item) {
        return apply(item);
    }
}
