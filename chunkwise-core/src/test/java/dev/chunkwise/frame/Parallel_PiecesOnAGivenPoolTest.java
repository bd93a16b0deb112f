package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

/**
 * On a pool the caller gives, without partitions, the pieces are planned as auto plans them: work whose dear rows
 * are at the end is cut into many more pieces than workers (it was cut into two a worker, so one worker got it all).
 */
class Parallel_PiecesOnAGivenPoolTest {

    @Test
    void aPoolWithoutPartitions_cutsWorkDearAtTheEndIntoManyPieces_andGivesTheSerialResult() {
        int n = 100_000;
        int[] row = new int[n];
        for (int i = 0; i < n; i++) {
            row[i] = i;
        }
        DataFrame df = Frames.randomInts(n, 0, 100, 1, "A").cols("ROW").merge(Series.ofInt(row));
        PartitionFunction fn = part -> {
            IntSeries r = (IntSeries) part.<Integer>getColumn("ROW");
            double s = 0;
            for (int i = 0; i < part.height(); i++) {
                int work = r.getInt(i) >= n - n / 4 ? 2_000 : 20;
                for (int k = 0; k < work; k++) {
                    s += Math.sqrt(k + i);
                }
            }
            return part.cols("K").merge($int("A").mul(s > -1 ? 2 : 3));
        };

        try (Pool pool = Pool.threads(2)) {
            RunReport report = Parallel.apply(df, fn).on(pool).runReport();

            assertThat(report.plan().chosen().partitions()).as(report.plan().toString()).isGreaterThan(4);
            assertThat(report.plan().chosen().workers()).isEqualTo(2);
            assertThatFrame(report.result()).hasSameContentAs(fn.apply(df));
        }
    }
}
