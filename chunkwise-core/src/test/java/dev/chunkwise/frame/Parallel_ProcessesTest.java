package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.process.ProcessPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;

import java.nio.file.Files;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

/** {@code Parallel.apply} on worker processes gives exactly the serial result, frames crossing in the wire format. */
class Parallel_ProcessesTest {

    static Pool pool;

    @BeforeContainer
    static void open() {
        pool = Pool.processes(2);
    }

    @AfterContainer
    static void close() {
        pool.close();
    }

    @Property(tries = 2)
    void apply_largePartitions_crossThroughMappedFiles_andLeaveNoFile(@ForAll @IntRange(min = 300_000, max = 400_000) int rows) throws Exception {
        DataFrame df = Frames.randomInts(rows, 0, 1000, rows, "A", "B", "C", "D");
        PartitionFunction fn = part -> part.cols("K").merge($int("A").mul(2));

        DataFrame parallel = Parallel.apply(df, fn).partitions(2).on(pool).run();

        assertThatFrame(parallel).hasSameContentAs(fn.apply(df));
        assertThat(parallel.getColumn("K")).isInstanceOf(IntSeries.class);
        try (var left = Files.list(((ProcessPool) pool).directory())) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("frame-"))).isEmpty();
        }
    }

    @Property(tries = 3)
    void columnsPassedThrough_doNotComeBack_theResultHoldsTheCallersOwnSeries(
            @ForAll @IntRange(min = 1, max = 5_000) int rows) {
        DataFrame df = withLabels(Frames.randomInts(rows, -10, 10, rows, "A", "B"));
        // K is computed, B replaced, A and label passed through: only K and B cross back from the workers.
        PartitionFunction fn = part -> part.cols("K", "B").merge($int("A").mul(2), $int("B").add(1));

        DataFrame parallel = Parallel.apply(df, fn).partitions(3).on(pool).run();

        assertThatFrame(parallel).hasSameContentAs(fn.apply(df));
        assertThat(parallel.getColumnsIndex().toArray()).containsExactly("A", "B", "label", "K");
        assertThat(parallel.getColumn("A")).isSameAs(df.getColumn("A"));
        assertThat(parallel.getColumn("label")).isSameAs(df.getColumn("label"));
        assertThat(parallel.getColumn("B")).isNotSameAs(df.getColumn("B"));
    }

    static DataFrame withLabels(DataFrame df) {
        String[] labels = new String[df.height()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 7 == 0 ? null : "row " + i;
        }
        return df.cols("label").merge(Series.of(labels));
    }
}
