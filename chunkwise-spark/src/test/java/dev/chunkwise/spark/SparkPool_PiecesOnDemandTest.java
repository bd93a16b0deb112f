package dev.chunkwise.spark;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.frame.RunReport;
import dev.chunkwise.pool.Backend;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.trace.Trace;
import org.apache.spark.TaskContext;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

/**
 * On a Spark pool given without partitions the pieces are planned as on threads and worker processes: work whose dear
 * rows are at the end is cut into more than two pieces an executor core, the tasks of one job, which Spark's
 * scheduler hands to the cores as they free up.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SparkPool_PiecesOnDemandTest {

    static final int ROWS = 2_000;
    /** From this row on each row waits a millisecond: half a second of work, all of it in the last quarter. */
    static final int DEAR_FROM = 1_500;

    static final PartitionFunction DEAR_AT_THE_END = part -> {
        IntSeries row = (IntSeries) part.<Integer>getColumn("ROW");
        for (int i = 0; i < part.height(); i++) {
            if (row.getInt(i) >= DEAR_FROM) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        return part.cols("K").merge($int("A").mul(2));
    };

    static DataFrame frame;
    static DataFrame serial;

    @BeforeAll
    static void frame() {
        frame = Frames.randomInts(ROWS, 0, 100, 7, "A")
                .cols("ROW").merge(Series.ofInt(IntStream.range(0, ROWS).toArray()));
        serial = DEAR_AT_THE_END.apply(frame);
    }

    /** Returns how many pieces the rows left after the sample were cut into, from the trace's compute spans. */
    static long pieces(Trace trace) {
        return trace.spans().stream().filter(s -> s.phase().equals("compute") && s.detail().startsWith("partition "))
                .count();
    }

    @Test
    void runReport_dearAtTheEnd_isCutIntoMoreThanTwoPiecesAWorker_andGivesTheSerialResultInOrder() {
        Pool pool = SparkPool.on(SharedSpark.session());

        RunReport report = Parallel.apply(frame, DEAR_AT_THE_END).on(pool).runReport();

        assertThat(report.plan().chosen().backend()).isEqualTo(Backend.SPARK);
        assertThat(report.plan().chosen().partitions()).as(report.plan().toString()).isGreaterThan(2 * pool.workers());
        assertThat(pieces(report.trace())).as(report.plan().toString())
                .isEqualTo(report.plan().chosen().partitions());
        assertThatFrame(report.result()).hasSameContentAs(serial);
    }

    @Test
    void explain_showsSparkAtSeveralPiecesAWorker() {
        Pool pool = SparkPool.on(SharedSpark.session());

        String plan = Parallel.apply(frame, DEAR_AT_THE_END).on(pool).explain().toString();

        assertThat(plan).contains("spark(2 workers, 2 partitions)", "spark(2 workers, 4 partitions)",
                "spark(2 workers, 16 partitions)", "spark(2 workers, 128 partitions)");
    }

    @Test
    void run_withoutPartitions_plansThePiecesToo() {
        Trace trace = new Trace();

        DataFrame result = Parallel.apply(frame, DEAR_AT_THE_END).on(SparkPool.on(SharedSpark.session())).trace(trace)
                .run();

        assertThat(pieces(trace)).as("pieces run").isGreaterThan(2 * 2);
        assertThatFrame(result).hasSameContentAs(serial);
    }

    @Test
    void map_chunks_runAsThePartitionsOfOneJob_inOrder() {
        Pool pool = SparkPool.on(SharedSpark.session());
        List<Integer> items = IntStream.range(0, 12).boxed().toList();

        List<int[]> where = pool.map(x -> new int[]{TaskContext.get().stageId(), TaskContext.get().partitionId(), x},
                items, 3);

        assertThat(where).extracting(w -> w[0]).as("one stage: one job").containsOnly(where.get(0)[0]);
        assertThat(where).extracting(w -> w[1]).as("a partition a chunk of 3")
                .containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3);
        assertThat(where).extracting(w -> w[2]).containsExactlyElementsOf(items);
    }
}
