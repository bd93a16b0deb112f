package dev.chunkwise.pool;

import java.io.Serializable;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Function;

/**
 * A function that a {@link Pool} applies to each item: it may throw any exception, checked ones too (a pool reports
 * it as the task's {@link TaskFailedException}, with the exception as the cause), and it is {@link Serializable}, so
 * that the same plain lambda can run on a thread of this JVM, in a worker process or on a Spark executor.
 *
 * <pre>{@code
 * List<String> pages = pool.map(url -> new String(URI.create(url).toURL().openStream().readAllBytes()), urls);
 * }</pre>
 *
 * <p>A lambda assigned to this type is serializable as long as every value it captures is. Capture nothing you would
 * not want copied to a worker: the pool serializes the function once per call.
 *
 * <p>It is also a {@link Function}, for code that holds functions as such: {@link #apply} calls {@link #call} and
 * reports a checked exception as an {@link UndeclaredThrowableException} whose cause it is. A class that implemented
 * {@code apply} before {@code call} existed implements {@code call} instead.
 *
 * @param <T> the type of the items
 * @param <R> the type of the results
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Function<T, R>, Serializable {

    /**
     * Returns the result for {@code item}.
     *
     * @param item an item of the call's input, which may be null
     * @return the result for it
     * @throws Exception whatever the function throws; a pool reports it as the task's failure
     */
    R call(T item) throws Exception;

    /**
     * Returns {@link #call call(item)}.
     *
     * @throws UndeclaredThrowableException if {@code call} threw a checked exception, which is its cause
     */
    @Override
    default R apply(T item) {
        try {
            return call(item);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e, "the function threw " + e);
        }
    }
}
