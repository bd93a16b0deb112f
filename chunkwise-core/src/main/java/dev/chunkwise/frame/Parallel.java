package dev.chunkwise.frame;

import dev.chunkwise.util.Checks;
import org.dflib.DataFrame;

/**
 * Parallel split-apply-combine over a {@link DataFrame}: split it into row partitions, apply a function to each on a
 * pool of workers, and concatenate the results in partition order.
 *
 * <pre>{@code
 * DataFrame withK = Parallel.apply(df, part -> part.cols("K").merge($int("A").mul(2)))
 *         .partitions(7)
 *         .run();
 * }</pre>
 */
public final class Parallel {

    private Parallel() {
    }

    /**
     * Starts describing the parallel application of {@code fn} to {@code df}; call {@link ParallelApply#run()} to run
     * it.
     */
    public static ParallelApply apply(DataFrame df, PartitionFunction fn) {
        return new ParallelApply(Checks.notNull(df, "df"), Checks.notNull(fn, "fn"));
    }
}
