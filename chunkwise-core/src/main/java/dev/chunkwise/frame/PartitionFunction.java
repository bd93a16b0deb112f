package dev.chunkwise.frame;

import dev.chunkwise.pool.TaskFunction;
import org.dflib.DataFrame;

/**
 * A function from one partition of a {@link DataFrame} to a frame of results, such as adding a column:
 * {@code part -> part.cols("K").merge($int("A").mul(2))}. It is {@link java.io.Serializable}, so that a plain lambda
 * can also run in a worker process.
 *
 * <p>For {@link Parallel#apply} to give the same result as applying the function to the whole frame, the function must
 * be row-wise: each output row depends only on its input row.
 */
@FunctionalInterface
public interface PartitionFunction extends TaskFunction<DataFrame, DataFrame> {
}
