package dev.chunkwise.frame;

import dev.chunkwise.pool.Backend;
import dev.chunkwise.plan.Alternative;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/** A function that throws for one partition reaches the caller naming that partition and its rows, on every backend. */
@Timeout(120)
class Parallel_PartitionFailureTest {

    /** A frame whose column ROW holds each row's index, so that a function can fail on a row it knows. */
    static DataFrame numbered(int rows) {
        return DataFrame.byColumn("ROW").of(Series.ofInt(IntStream.range(0, rows).toArray()));
    }

    /** Fails on the partition that holds row {@code bad}, with a message that names it. */
    static PartitionFunction failingOn(int bad) {
        return part -> {
            int[] rows = ((IntSeries) part.<Integer>getColumn("ROW")).toIntArray();
            for (int r : rows) {
                if (r == bad) {
                    throw new IllegalStateException("row " + bad + " is bad");
                }
            }
            return part.cols("K").merge(Series.ofInt(rows));
        };
    }

    static Pool open(String backend) {
        return switch (backend) {
            case "serial" -> Pool.serial();
            case "threads" -> Pool.threads(2);
            default -> Pool.processes(2);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes"})
    void apply_functionThrowsForOnePartition_namesThePartitionAndItsRows(String backend) {
        try (Pool pool = open(backend)) {
            PartitionFailedException e = catchThrowableOfType(PartitionFailedException.class,
                    () -> Parallel.apply(numbered(10_000), failingOn(7_777)).partitions(4).on(pool).run());

            assertThat(e).isInstanceOf(TaskFailedException.class)
                    .hasMessage("partition 3 (rows 7,500–9,999) failed: java.lang.IllegalStateException: row 7777 is bad");
            assertThat(e.partition()).isEqualTo(3);
            assertThat(e.firstRow()).isEqualTo(7_500);
            assertThat(e.taskIndex()).isEqualTo(3);
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("row 7777 is bad");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes"})
    void apply_unevenPartitions_countTheRowsOfThoseBefore(String backend) {
        try (Pool pool = open(backend)) {
            // 10 rows in 3 partitions: 4, 3, 3 (numpy.array_split); row 5 is in the second, rows 4–6.
            PartitionFailedException e = catchThrowableOfType(PartitionFailedException.class,
                    () -> Parallel.apply(numbered(10), failingOn(5)).partitions(3).on(pool).run());

            assertThat(e.partition()).isEqualTo(1);
            assertThat(e.firstRow()).isEqualTo(4);
            assertThat(e).hasMessageStartingWith("partition 1 (rows 4–6) failed: ");
        }
    }

    @Test
    void apply_workersWithoutAPool_namesThePartition() {
        PartitionFailedException e = catchThrowableOfType(PartitionFailedException.class,
                () -> Parallel.apply(numbered(100), failingOn(0)).workers(2).partitions(5).run());

        assertThat(e.partition()).isZero();
        assertThat(e).hasMessageStartingWith("partition 0 (rows 0–19) failed: ");
    }

    @Test
    void apply_onePartitionOfOneRow_saysRow() {
        PartitionFailedException e = catchThrowableOfType(PartitionFailedException.class,
                () -> Parallel.apply(numbered(3), failingOn(2)).partitions(3).workers(1).run());

        assertThat(e).hasMessageStartingWith("partition 2 (row 2) failed: ");
    }

    @Test
    void auto_anyPlan_namesRowsThatHoldTheFailingRow() {
        // Small (serial at once), medium and large frames: whichever way auto runs them, the partition it names
        // starts at or before the failing row.
        for (int rows : new int[]{10, 5_000, 200_000}) {
            int bad = rows - 1;
            PartitionFailedException e = catchThrowableOfType(PartitionFailedException.class,
                    () -> Parallel.apply(numbered(rows), failingOn(bad)).run());

            assertThat(e).as("%s rows", rows).isNotNull();
            assertThat(e.firstRow()).as("%s rows", rows).isBetween(0L, (long) bad);
            assertThat(e.getCause()).hasMessage("row " + bad + " is bad");
            assertThat(e.getMessage()).as("the range ends at the failing row, the last")
                    .containsPattern("(–|row )" + String.format(Locale.ROOT, "%,d", bad) + "\\) failed: ");
        }
    }

    @Test
    void auto_onTheSharedThreads_namesTheLatePartitionAndItsRows() {
        assumeThat(Runtime.getRuntime().availableProcessors()).as("needs 2 cores").isGreaterThanOrEqualTo(2);
        int rows = 50_000;
        int bad = rows * 3 / 4; // past the sampled prefix, and in neither block the sampler times for the spread
        PartitionFunction check = failingOn(bad);
        PartitionFunction heavy = part -> {
            DataFrame out = check.apply(part);
            int[] k = ((IntSeries) out.<Integer>getColumn("K")).toIntArray();
            double[] s = new double[k.length];
            for (int r = 0; r < k.length; r++) {
                for (int i = 0; i < 2000; i++) {
                    s[r] += Math.sqrt(i + k[r]);
                }
            }
            return out.cols("S").merge(Series.ofDouble(s));
        };
        ParallelApply apply = Parallel.apply(numbered(rows), heavy);
        Alternative chosen = apply.explain().chosen(); // times a prefix and two blocks, none holding the failing row
        assumeThat(chosen.backend()).as(apply.explain().toString()).isEqualTo(Backend.THREADS);
        assumeThat(chosen.workers()).isEqualTo(SharedThreads.workers());

        PartitionFailedException e = catchThrowableOfType(PartitionFailedException.class, apply::run);

        assertThat(e.partition()).isPositive(); // after the sampled batches
        assertThat(e.firstRow()).isBetween(1L, (long) bad);
        assertThat(e).hasMessageContaining(") failed: java.lang.IllegalStateException: row 37500 is bad");
    }

    @Test
    void apply_exceptionWithoutAMessage_namesItsClass() {
        PartitionFunction fn = part -> {
            throw new UnsupportedOperationException();
        };

        PartitionFailedException e = catchThrowableOfType(PartitionFailedException.class,
                () -> Parallel.apply(numbered(4), fn).partitions(2).workers(2).run());

        assertThat(e).hasMessageEndingWith("failed: java.lang.UnsupportedOperationException");
    }
}
