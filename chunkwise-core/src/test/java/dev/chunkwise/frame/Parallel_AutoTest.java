package dev.chunkwise.frame;

import dev.chunkwise.util.CacheFile;
import dev.chunkwise.plan.Work;
import dev.chunkwise.plan.Planner;
import dev.chunkwise.plan.Plan;
import dev.chunkwise.plan.Calibration;
import dev.chunkwise.pool.Backend;
import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.trace.Span;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.dflib.Exp.$int;

class Parallel_AutoTest {

    static final PartitionFunction TIMES_TWO = part -> part.cols("K").merge($int("A").mul(2));

    /** About {@code n} square roots per row: a CPU-heavy row function. */
    static PartitionFunction heavy(int n) {
        return part -> {
            IntSeries a = (IntSeries) part.<Integer>getColumn("A");
            double[] k = new double[a.size()];
            for (int r = 0; r < k.length; r++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += Math.sqrt(i + a.getInt(r));
                }
                k[r] = s;
            }
            return part.cols("K").merge(Series.ofDouble(k));
        };
    }

    @Property(tries = 40)
    void auto_anySize_equalsTheSerialResult(@ForAll @IntRange(min = 0, max = 5000) int rows, @ForAll long seed) {
        DataFrame df = Frames.randomInts(rows, -100, 100, seed, "A", "B");

        DataFrame auto = Parallel.apply(df, TIMES_TWO).run();

        assertThatFrame(auto).hasSameContentAs(TIMES_TWO.apply(df));
    }

    @Test
    void auto_heavyFunctionOnManyRows_choosesThreads_andGivesTheSerialResult() {
        assumeThat(Runtime.getRuntime().availableProcessors()).as("needs 2 cores").isGreaterThanOrEqualTo(2);
        DataFrame df = Frames.randomInts(100_000, 0, 100, 1, "A", "B");
        PartitionFunction fn = heavy(2000);

        RunReport report = Parallel.apply(df, fn).runReport();

        assertThat(report.plan().chosen().backend()).as(report.plan().toString()).isEqualTo(Backend.THREADS);
        assertThat(report.plan().obeyed()).isFalse();
        assertThatFrame(report.result()).hasSameContentAs(fn.apply(df));
        assertThat(report.trace().spans()).filteredOn(s -> s.phase().equals("compute")).extracting(Span::lane)
                .contains("caller").anyMatch(lane -> lane.startsWith("chunkwise-auto-"));
    }

    @Test
    void auto_functionThrowsOnALatePartition_reachesTheCallerAsTaskFailed() {
        assumeThat(Runtime.getRuntime().availableProcessors()).as("needs 2 cores").isGreaterThanOrEqualTo(2);
        DataFrame df = Frames.randomInts(50_000, 0, 100, 1, "A", "B");
        PartitionFunction heavy = heavy(2000);
        PartitionFunction failsAtTheEnd = part -> {
            if (part.height() > 0 && part.<Integer>getColumn("B").get(part.height() - 1) < 0) {
                throw new IllegalStateException("negative B");
            }
            return heavy.apply(part);
        };
        int[] b = ((IntSeries) df.<Integer>getColumn("B")).toIntArray();
        b[b.length - 1] = -1;
        DataFrame withBadLastRow = df.cols("B").merge(Series.ofInt(b));

        assertThatThrownBy(() -> Parallel.apply(withBadLastRow, failsAtTheEnd).run())
                .isInstanceOf(TaskFailedException.class)
                .cause().hasMessage("negative B");
    }

    @Test
    void auto_onTheSharedThreads_tellsProgressForEveryPartitionInOrder() {
        assumeThat(Runtime.getRuntime().availableProcessors()).as("needs 2 cores").isGreaterThanOrEqualTo(2);
        DataFrame df = Frames.randomInts(50_000, 0, 100, 1, "A", "B");
        List<long[]> calls = new ArrayList<>();

        RunReport report = Parallel.apply(df, heavy(2000))
                .progress((done, total, rows, allRows, nanos) -> calls.add(new long[]{done, total, rows, allRows}))
                .runReport();

        assertThat(report.plan().chosen().backend()).as(report.plan().toString()).isEqualTo(Backend.THREADS);
        int parts = (int) calls.get(0)[1];
        assertThat(calls).hasSize(parts);
        for (int i = 0; i < parts; i++) {
            assertThat(calls.get(i)[0]).isEqualTo(i + 1);
        }
        assertThat(calls.get(parts - 1)).containsExactly(parts, parts, 50_000, 50_000);
    }

    @Test
    void auto_calledAgainOnASmallFrame_runsTheFunctionOnceWithoutTimingItAgain() {
        DataFrame df = Frames.randomInts(100, 0, 100, 1, "A", "B");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        PartitionFunction counted = part -> {
            calls.incrementAndGet();
            return TIMES_TWO.apply(part);
        };
        for (int i = 0; i < 200; i++) { // a first, cold run may time it slow enough to plan again: let it settle
            Parallel.apply(df, counted).run();
        }
        calls.set(0);

        DataFrame again = Parallel.apply(df, counted).run();

        assertThat(calls.get()).isEqualTo(1);
        assertThatFrame(again).hasSameContentAs(TIMES_TWO.apply(df));
    }

    @Test
    void auto_cheapFunctionOnFewRows_staysSerial_andSaysWhy() {
        DataFrame df = Frames.randomInts(200_000, 0, 100, 1, "A", "B");
        PartitionFunction cheapest = part -> part;

        Plan plan = Parallel.apply(df, cheapest).explain();

        assertThat(plan.chosen().backend()).as(plan.toString()).isEqualTo(Backend.SERIAL);
        assertThat(plan.reason()).contains("200,000 rows").containsAnyOf("parallel pays from about", "parallel never pays");
        assertThat(plan.alternatives()).anyMatch(a -> a.backend() == Backend.THREADS);
        assertThat(plan.toString()).contains("plan: serial", "why: ", "alternatives:", "start ", "compute ", "combine ");
    }

    @Test
    void explicitWorkers_areObeyed_andThePlanSaysSo() {
        DataFrame df = Frames.randomInts(5_000, 0, 100, 1, "A", "B");

        RunReport report = Parallel.apply(df, TIMES_TWO).workers(2).partitions(5).runReport();

        assertThat(report.plan().chosen().label()).isEqualTo("threads(2 workers, 5 partitions)");
        assertThat(report.plan().obeyed()).isTrue();
        assertThatFrame(report.result()).hasSameContentAs(TIMES_TWO.apply(df));
        assertThat(report.predictionRatio()).isPositive();
    }

    @Test
    void aReport_predictsTheMeasuringItDid_butNotAPlanMadeBefore() {
        DataFrame df = Frames.randomInts(50_000, 0, 100, 1, "A", "B");

        RunReport report = Parallel.apply(df, TIMES_TWO).runReport();
        ParallelApply explained = Parallel.apply(df, TIMES_TWO);
        Plan before = explained.explain();
        RunReport after = explained.runReport();

        Plan plan = report.plan();
        assertThat(plan.measuringNanos()).isPositive().isLessThanOrEqualTo(report.actualNanos());
        assertThat(plan.predictedNanos()).isEqualTo(plan.measuringNanos() + plan.chosen().predictedNanos());
        assertThat(report.predictedNanos()).isEqualTo(plan.predictedNanos());
        assertThat(plan.toString()).contains("of it timing the function and planning, already spent");
        assertThat(after.plan()).isSameAs(before);
        assertThat(after.predictedNanos()).as("the measuring was before this run").isEqualTo(before.chosen().predictedNanos());
    }

    @Test
    void explicitPool_isObeyed() {
        DataFrame df = Frames.randomInts(1_000, 0, 100, 1, "A");
        try (Pool serial = Pool.serial()) {
            Plan plan = Parallel.apply(df, TIMES_TWO).on(serial).explain();
            assertThat(plan.chosen().backend()).isEqualTo(Backend.SERIAL);
            assertThat(plan.obeyed()).isTrue();
        }
    }

    @Test
    void planner_serialOnlyForTheThreadsStart_isSaidSo_soThatAutoStartsThemForTheNextCall() {
        // Threads start at 10 ms each and wake in 40 µs: 1 ms of work (1,000 rows × 1 µs) stays serial because of
        // that start alone (500 µs + 40 µs + dispatch < 750 µs); 100 µs of work would stay serial even with the
        // threads running (50 µs + 40 µs + dispatch > 75 µs).
        Calibration c = new Calibration(2, 10_000_000, 1_000, 40_000, 0.5, 0, 0, 0, 0, 0, java.time.Instant.now());
        Plan onlyStart = Planner.plan(Work.of(1_000, 1_000).columns(4, 5, 1), c, null);
        Plan tooLittle = Planner.plan(Work.of(100, 1_000).columns(4, 5, 1), c, null);

        assertThat(onlyStart.chosen().backend()).isEqualTo(Backend.SERIAL);
        assertThat(Planner.onlyStartKeptSerial(onlyStart)).isTrue();
        assertThat(tooLittle.chosen().backend()).isEqualTo(Backend.SERIAL);
        assertThat(Planner.onlyStartKeptSerial(tooLittle)).isFalse();
    }

    @Test
    void planner_breakEven_isWhereThreadsStartToWin() {
        Calibration c = new Calibration(2, 100_000, 20_000, 0, 0.5, 0, 0, 0, 0, 0, java.time.Instant.now());
        // 1 µs per row, one new column: gain per row 0.5 µs - 0.5 ns; fixed: one helper thread to start (the caller
        // is the other worker) 100 µs + 4 × 20 µs = 180 µs; with the 25% margin the planner asks of parallel:
        // 180 µs / 0.4995 µs / 0.75 = 481 rows.
        Work small = Work.of(300, 1_000).columns(4, 5, 1);
        Work big = Work.of(10_000_000, 1_000).columns(4, 5, 1);

        Plan p1 = Planner.plan(small, c, null);
        Plan p2 = Planner.plan(big, c, null);

        assertThat(p1.breakEvenRows()).isEqualTo(p2.breakEvenRows()).isEqualTo(481L);
        assertThat(p1.chosen().backend()).isEqualTo(Backend.SERIAL);
        assertThat(p2.chosen().backend()).isEqualTo(Backend.THREADS);
        assertThat(p2.chosen().predictedNanos()).isLessThan(p2.alternatives().stream()
                .filter(a -> a.backend() == Backend.SERIAL).findFirst().orElseThrow().predictedNanos() * 0.6);
    }
}
