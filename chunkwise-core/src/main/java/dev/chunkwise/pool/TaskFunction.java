package dev.chunkwise.pool;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A function that a {@link Pool} applies to each item: a {@link Function} that is also {@link Serializable}, so that
 * the same plain lambda can run on a thread of this JVM, in a worker process or on a Spark executor.
 *
 * <p>A lambda assigned to this type is serializable as long as every value it captures is. Capture nothing you would
 * not want copied to a worker: the pool serializes the function once per call.
 *
 * @param <T> the type of the items
 * @param <R> the type of the results
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Function<T, R>, Serializable {
}
