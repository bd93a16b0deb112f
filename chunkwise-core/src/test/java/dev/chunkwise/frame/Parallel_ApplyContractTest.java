package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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

    private ParallelStream applyEach(Iterator<DataFrame> frames, PartitionFunction fn) {
        ParallelStream s = Parallel.applyEach(frames, fn);
        return pool() == null ? s : s.on(pool());
    }

    @Property(tries = 15)
    void applyEach_anyFramesAndWindow_givesEachFramesSerialResultInOrder(
            @ForAll @IntRange(min = 0, max = 12) int count,
            @ForAll @IntRange(min = 1, max = 5) int window,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<DataFrame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(Frames.randomInts(random.nextInt(300), -1000, 1000, seed + i, "A", "B"));
        }

        List<DataFrame> results = applyEach(frames.iterator(), TIMES_TWO).window(window).stream().toList();

        assertThat(results).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThatFrame(results.get(i)).as("frame %s of %s", i, count).hasSameContentAs(TIMES_TWO.apply(frames.get(i)));
        }
    }

    @Test
    void applyEach_unboundedSource_isReadOnlyAsFarAsTheWindowNeeds() {
        AtomicInteger made = new AtomicInteger();
        Iterator<DataFrame> endless = Stream.generate(() -> {
            made.incrementAndGet();
            return Frames.randomInts(50, 0, 10, made.get(), "A");
        }).iterator();

        List<DataFrame> firstThree = applyEach(endless, TIMES_TWO).window(2).stream().limit(3).toList();

        assertThat(firstThree).hasSize(3).allMatch(f -> f.getColumnsIndex().contains("K"));
        assertThat(made.get()).isBetween(3, 5);
    }

    @Test
    void applyEach_functionThrowsOnAFrame_failsNamingTheFrameAndItsRows_withTheOriginalCause() {
        List<DataFrame> frames = List.of(Frames.randomInts(10, 0, 10, 1, "A"), Frames.randomInts(20, 0, 10, 2, "A"),
                Frames.randomInts(5, 0, 10, 3, "A"));
        PartitionFunction failing = part -> {
            if (part.height() == 20) {
                throw new IllegalStateException("bad frame");
            }
            return TIMES_TWO.apply(part);
        };
        Iterator<DataFrame> results = applyEach(frames.iterator(), failing).iterator();

        assertThat(results.next().height()).isEqualTo(10);
        assertThatThrownBy(results::next)
                .isInstanceOf(PartitionFailedException.class)
                .hasMessageContaining("partition 1 (rows 10–29) failed: java.lang.IllegalStateException: bad frame")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("bad frame");
        assertThat(results.hasNext()).isFalse();
    }

    @Test
    void applyEach_lazyColumn_isComputedInsideTheTask() {
        PartitionFunction lazy = part -> part.cols("S").merge($int("A").mapVal(v -> v * 3));
        DataFrame frame = Frames.randomInts(400, 0, 100, 3, "A");

        DataFrame result = applyEach(List.of(frame).iterator(), lazy).stream().findFirst().orElseThrow();

        assertThatFrame(result).hasSameContentAs(lazy.apply(frame).materialize());
    }
}
