package dev.chunkwise.frame;

import dev.chunkwise.util.Checks;
import org.dflib.DataFrame;

import java.util.Iterator;

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

    /**
     * Starts describing the application of {@code fn} to each frame {@code frames} gives, on a pool of workers, the
     * results in the frames' order with a bounded number in flight; call {@link ParallelStream#iterator()} or
     * {@link ParallelStream#stream()} to run it.
     */
    public static ParallelStream applyEach(Iterator<DataFrame> frames, PartitionFunction fn) {
        return new ParallelStream(Checks.notNull(frames, "frames"), Checks.notNull(fn, "fn"));
    }

    /**
     * Starts describing a group-wise apply over {@code df}, its rows grouped by the values of {@code key} (and of
     * {@code moreKeys}, if given); call {@link ParallelGroupBy#apply}, {@link ParallelGroupBy#agg} or
     * {@link ParallelGroupBy#withAggregates} to run it.
     *
     * @throws IllegalArgumentException naming the key if it is not a column of {@code df}, or is given twice
     */
    public static ParallelGroupBy groupBy(DataFrame df, String key, String... moreKeys) {
        return new ParallelGroupBy(Checks.notNull(df, "df"), key, moreKeys);
    }
}
