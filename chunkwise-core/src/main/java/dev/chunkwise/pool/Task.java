package dev.chunkwise.pool;

import java.io.Serializable;

/**
 * The work a {@link Pool} does on each item: a function that may throw any exception, checked ones too (the pool
 * reports it as that item's {@link TaskFailedException}, with the exception as the cause), and that is
 * {@link Serializable}, so that the same plain lambda can run on a thread of this JVM, in a worker process or on a
 * Spark executor.
 *
 * <pre>{@code
 * List<String> pages = pool.map(url -> new String(URI.create(url).toURL().openStream().readAllBytes()), urls);
 * }</pre>
 *
 * <p>A lambda assigned to this type is serializable as long as every value it captures is. Capture nothing you would
 * not want copied to a worker: the pool serializes it once per call. A {@link TaskFunction} (a {@code Function} that
 * throws no checked exception) is a {@code Task} too.
 *
 * @param <T> the type of the items
 * @param <R> the type of the results
 */
@FunctionalInterface
public interface Task<T, R> extends Serializable {

    /**
     * Returns the result for {@code item}.
     *
     * @param item an item of the call's input, which may be null
     * @return the result for it
     * @throws Exception whatever the work throws; the pool reports it as the item's failure
     */
    R call(T item) throws Exception;
}
