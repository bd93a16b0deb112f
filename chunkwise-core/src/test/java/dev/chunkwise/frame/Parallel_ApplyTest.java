package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dflib.Exp.$int;

class Parallel_ApplyTest {

    static final PartitionFunction TIMES_TWO = part -> part.cols("K").merge($int("A").mul(2));

    @Test
    void apply_notebookCase_addsKAndKeepsIntColumnsPrimitive() {
        DataFrame df = Frames.randomInts(100, 0, 100, 42, "A", "B", "C", "D");

        DataFrame result;
        try (Pool pool = Pool.threads(4)) {
            result = Parallel.apply(df, TIMES_TWO).partitions(7).on(pool).run();
        }

        assertThat(result.getColumnsIndex().toArray()).containsExactly("A", "B", "C", "D", "K");
        assertThat(result.height()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            assertThat(result.getColumn("K").get(i)).isEqualTo(2 * (Integer) df.getColumn("A").get(i));
        }
        assertThat(result.getColumn("A")).isInstanceOf(IntSeries.class);
        assertThat(result.getColumn("K")).isInstanceOf(IntSeries.class);
    }

    @Test
    void apply_functionThrows_reachesTheCallerAsTaskFailed() {
        DataFrame df = Frames.randomInts(10, 0, 10, 1, "A");

        assertThatThrownBy(() -> Parallel.apply(df, part -> {
            throw new IllegalStateException("bad partition");
        }).partitions(3).workers(2).run())
                .isInstanceOf(TaskFailedException.class)
                .cause().hasMessage("bad partition");
    }

    @Test
    void apply_workersDifferFromThePool_isRejected() {
        DataFrame df = Frames.randomInts(10, 0, 10, 1, "A");
        try (Pool pool = Pool.threads(2)) {
            assertThatThrownBy(() -> Parallel.apply(df, TIMES_TWO).on(pool).workers(3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("workers: 3 (expected: 2, the workers of Pool.threads(2))");
        }
    }

    @Test
    void apply_settingGivenTwice_isRejected() {
        DataFrame df = Frames.randomInts(10, 0, 10, 1, "A");

        assertThatThrownBy(() -> Parallel.apply(df, TIMES_TWO).partitions(2).partitions(3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("partitions was already set to 2");
    }
}
