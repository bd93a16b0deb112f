package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.junit.jupiter.api.Test;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dflib.Exp.$int;

/**
 * What {@code Parallel.apply} promises on every backend: the serial result, in order, for every count of rows and
 * partitions; primitive columns kept primitive; a failure naming its partition and rows with the original exception;
 * lazy columns computed inside the tasks. Each backend runs it through a subclass that gives its pool.
 */
public abstract class Parallel_ApplyContractTest {

    static final PartitionFunction TIMES_TWO = part -> part.cols("K").merge($int("A").mul(2));

    /** Returns the pool to run on, open for the whole class; null for auto (no pool given). */
    protected abstract Pool pool();

    private ParallelApply apply(DataFrame df, PartitionFunction fn) {
        ParallelApply a = Parallel.apply(df, fn);
        return pool() == null ? a : a.on(pool());
    }

    @Property(tries = 25)
    void apply_anyRowsAndPartitions_equalsTheSerialResultInOrder(
            @ForAll @IntRange(min = 0, max = 3000) int rows,
            @ForAll @IntRange(min = 1, max = 12) int partitions,
            @ForAll long seed) {
        DataFrame df = Frames.randomInts(rows, -1000, 1000, seed, "A", "B", "C");
        ParallelApply a = apply(df, TIMES_TWO);

        DataFrame parallel = pool() == null ? a.run() : a.partitions(partitions).run();

        assertThatFrame(parallel).as("%s rows, %s partitions", rows, partitions).hasSameContentAs(TIMES_TWO.apply(df));
    }

    @Test
    void apply_keepsIntColumnsPrimitive_andAddsTheNewOneLast() {
        DataFrame df = Frames.randomInts(1000, 0, 100, 42, "A", "B");

        DataFrame result = apply(df, TIMES_TWO).run();

        assertThat(result.getColumnsIndex().toArray()).containsExactly("A", "B", "K");
        assertThat(result.getColumn("A")).isInstanceOf(IntSeries.class);
        assertThat(result.getColumn("K")).isInstanceOf(IntSeries.class);
    }

    @Test
    void apply_explainThenRun_givesTheSerialResult() {
        DataFrame df = Frames.randomInts(5000, 0, 100, 7, "A");
        ParallelApply a = apply(df, TIMES_TWO);

        a.explain();

        assertThatFrame(a.run()).hasSameContentAs(TIMES_TWO.apply(df));
    }

    @Test
    void apply_lazyColumn_isComputedInsideTheTasks_andEqualsTheSerialOne() {
        DataFrame df = Frames.randomInts(4000, 0, 100, 3, "A");
        PartitionFunction lazy = part -> part.cols("S").merge($int("A").mapVal(v -> v * 3));

        DataFrame result = apply(df, lazy).run();

        assertThatFrame(result).hasSameContentAs(lazy.apply(df).materialize());
    }

    @Test
    void apply_functionThrows_failsNamingThePartitionAndItsRows_withTheOriginalCause() {
        DataFrame df = Frames.randomInts(100, 0, 10, 1, "A");
        PartitionFunction failing = part -> {
            throw new IllegalStateException("bad partition");
        };

        assertThatThrownBy(() -> apply(df, failing).run())
                .isInstanceOf(PartitionFailedException.class)
                .hasMessageContaining("failed: java.lang.IllegalStateException: bad partition")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("bad partition");
    }

    @Test
    void apply_functionReturnsNull_failsNamingIt() {
        DataFrame df = Frames.randomInts(10, 0, 10, 1, "A");

        assertThatThrownBy(() -> apply(df, part -> null).run())
                .isInstanceOf(PartitionFailedException.class)
                .hasMessageContaining("the function returned null");
    }
}
