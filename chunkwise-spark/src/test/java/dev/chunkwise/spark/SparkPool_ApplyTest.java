package dev.chunkwise.spark;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dflib.Exp.$int;

class SparkPool_ApplyTest {

    static final PartitionFunction TIMES_TWO = part -> part.cols("K").merge($int("A").mul(2));

    @Test
    void apply_bigFrame_keepsIntColumnsPrimitive() {
        DataFrame df = Frames.randomInts(200_000, 0, 100, 3, "A", "B", "C", "D");

        DataFrame onSpark = Parallel.apply(df, TIMES_TWO).partitions(4).on(SparkPool.on(SharedSpark.session())).run();

        assertThat(Frames.contentEquals(onSpark, TIMES_TWO.apply(df))).isTrue();
        assertThat(onSpark.getColumn("K")).isInstanceOf(IntSeries.class);
    }

    @Test
    void nonSerializableCapture_failsWithChunkwisesMessage_notSparks() {
        Object lock = new Object();
        Pool pool = SparkPool.on(SharedSpark.session());

        assertThatThrownBy(() -> pool.map(x -> lock.hashCode() + x, List.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The function cannot be sent to a worker process: it holds a java.lang.Object")
                .hasMessageNotContaining("org.apache.spark");
    }

    @Test
    void executorException_reachesTheCallerWithItsClassAndMessage() {
        Pool pool = SparkPool.on(SharedSpark.session());

        assertThatThrownBy(() -> pool.map(x -> {
            if (x == 3) {
                throw new IllegalStateException("three on an executor");
            }
            return x;
        }, List.of(0, 1, 2, 3, 4), 1))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageStartingWith("task 3 failed")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("three on an executor");
    }

    @Test
    void local_startsAndStopsItsOwnSession() {
        // The shared session is the active one; a pool on it reports its parallelism.
        assertThat(SparkPool.on(SharedSpark.session()).workers()).isEqualTo(2);
    }
}
