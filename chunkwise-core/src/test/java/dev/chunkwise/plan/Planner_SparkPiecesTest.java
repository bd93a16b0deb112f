package dev.chunkwise.plan;

import dev.chunkwise.pool.Backend;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * How many pieces the planner hands Spark, from figures (no timing): Spark's scheduler gives a job's tasks to executor
 * cores as they free up, so Spark is weighed at several pieces a worker, as threads are, each piece a task at the
 * measured cost of one.
 */
class Planner_SparkPiecesTest {

    /** Two cores; Spark measured: a session starts in 2 s, a job of one task takes 20 ms, each further task 1 ms. */
    static final Calibration SPARK = new Calibration(2, 100_000, 20_000, 10_000, 0.5, 0, 0, 0,
            2_000_000_000L, 20_000_000L, 1_000_000L, Instant.now());
    /** The same, from a cache written before a task's cost was measured. */
    static final Calibration SPARK_WITHOUT_TASK = new Calibration(2, 100_000, 20_000, 10_000, 0.5, 0, 0, 0,
            2_000_000_000L, 20_000_000L, Instant.now());

    /** A Spark pool of two executor cores, given without partitions: the planner picks the pieces. */
    static final Alternative ON_SPARK = new Alternative(Backend.SPARK, 2, 0, new Terms(0, 0, 0, 0, 0));

    /** 100,000 rows at 10 µs each, a second of work, on an open pool. */
    static Work work(Spread spread) {
        return Work.of(100_000, 10_000).columns(4, 5, 1).onOpenPool().spread(spread);
    }

    static List<Integer> sparkPieces(Plan p) {
        return p.alternatives().stream().filter(a -> a.backend() == Backend.SPARK).map(Alternative::partitions).toList();
    }

    @Test
    void auto_weighsSparkAtSeveralPiecesAWorker() {
        Plan p = Planner.plan(work(Spread.of(1_000, 9_000, 30_000)), SPARK, null);

        assertThat(sparkPieces(p)).as(p.toString()).contains(2, 4, 8, 16, 32, 64, 128);
        assertThat(p.toString()).contains("spark(2 workers, 2 partitions)", "spark(2 workers, 128 partitions)");
    }

    @Test
    void auto_withoutSparkFigures_weighsNoSpark() {
        Calibration noSpark = new Calibration(2, 100_000, 20_000, 10_000, 0.5, 0, 0, 0, 0, 0, Instant.now());

        assertThat(sparkPieces(Planner.plan(work(Spread.UNKNOWN), noSpark, null))).isEmpty();
    }

    @Test
    void sparkPoolWithoutPartitions_unevenWork_isCutIntoMoreThanTwoPiecesAWorker() {
        Plan p = Planner.plan(work(Spread.of(1_000, 9_000, 30_000)), SPARK, ON_SPARK);

        assertThat(p.chosen().backend()).isEqualTo(Backend.SPARK);
        assertThat(p.chosen().partitions()).as(p.toString()).isGreaterThan(2 * 2);
    }

    @Test
    void sparkPoolWithoutPartitions_evenWork_dearTasks_isCutIntoOnePieceAWorker() {
        Calibration dearTasks = SPARK.withSpark(2_000_000_000L, 20_000_000L, 50_000_000L);

        Plan p = Planner.plan(work(Spread.of(10_000, 10_000, 10_000)), dearTasks, ON_SPARK);

        assertThat(p.chosen().partitions()).as(p.toString()).isEqualTo(2);
    }

    @Test
    void dispatch_isTheJobAndATaskForEachPieceAfterTheFirst() {
        Alternative a = Planner.spark(work(Spread.UNKNOWN), SPARK, 2, 16);

        assertThat(a.terms().dispatch()).isCloseTo(20_000_000.0 + 15 * 1_000_000.0, within(1e-3));
    }

    @Test
    void dispatch_taskNotMeasured_takesTheAssumedCostOfATask() {
        Alternative a = Planner.spark(work(Spread.UNKNOWN), SPARK_WITHOUT_TASK, 2, 16);

        assertThat(a.terms().dispatch())
                .isCloseTo(20_000_000.0 + 15.0 * Planner.ASSUMED_SPARK_TASK_NANOS, within(1e-3));
    }

    @Test
    void moreTasks_costMoreDispatch_andLessUnevenTail() {
        Work w = work(Spread.of(1_000, 9_000, 30_000));
        Alternative few = Planner.spark(w, SPARK, 2, 4);
        Alternative many = Planner.spark(w, SPARK, 2, 64);

        assertThat(many.terms().dispatch()).isGreaterThan(few.terms().dispatch());
        assertThat(many.terms().compute()).isLessThan(few.terms().compute());
    }
}
