package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.trace.Span;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

/**
 * A function that returns one of DFLib's lazy columns ({@code mapVal}) has its work done inside the tasks, in
 * parallel, not afterwards by whoever reads the result on one thread (issue #15: before, the trace showed compute
 * 1 ms and combine 679 ms).
 */
class Parallel_LazyColumnsTest {

    static int heavy(int v) {
        double s = 0;
        for (int i = 0; i < 300; i++) {
            s += Math.sqrt(i + v);
        }
        return (int) s;
    }

    @Test
    void lazyColumn_isComputedInTheTasks_notInTheCombine() {
        DataFrame df = Frames.randomInts(100_000, 0, 100, 5, "A");
        PartitionFunction lazy = part -> part.cols("S").merge($int("A").mapVal(Parallel_LazyColumnsTest::heavy));

        RunReport report;
        try (Pool pool = Pool.threads(2)) {
            report = Parallel.apply(df, lazy).on(pool).partitions(4).runReport();
        }

        long compute = report.trace().spans().stream().filter(s -> s.phase().equals("compute"))
                .mapToLong(Span::durationNanos).sum();
        long combine = report.trace().spans().stream().filter(s -> s.phase().equals("combine"))
                .mapToLong(Span::durationNanos).sum();
        assertThat(compute).as("compute %d ns against combine %d ns", compute, combine).isGreaterThan(combine);
        FrameAssert.assertThatFrame(report.result()).hasSameContentAs(lazy.apply(df).materialize());
    }
}
