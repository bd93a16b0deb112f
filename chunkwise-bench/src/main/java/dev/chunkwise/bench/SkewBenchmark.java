package dev.chunkwise.bench;

import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A row function whose cost varies along the frame, in five shapes: {@code falling} (the first quarter costs 100 times
 * the rest), {@code rising} (the last quarter does), {@code hotBlock} (a tenth in the middle does), {@code heavyTail}
 * (each row's cost drawn from a Pareto distribution, capped at 1,000 times the least) and {@code uniform}. With one
 * partition per worker, one worker gets most of uneven work; more pieces than workers keep both cores busy. Compares
 * serial with 2 threads at {@code partitions} partitions, with auto (which chooses its own pieces and runs on the
 * shared threads), and with auto's pieces on a pool of 2 threads ({@code threadsAuto}) and of 2 worker processes
 * ({@code processesAuto}). {@link SkewPrediction} prints auto's prediction beside each run.
 *
 * <p>Run: {@code java -jar chunkwise-bench/target/benchmarks.jar SkewBenchmark -p partitions=2}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class SkewBenchmark {

    @Param({"100000"})
    public int rows;

    @Param({"2", "8", "32"})
    public int partitions;

    @Param({"falling", "rising", "hotBlock", "heavyTail", "uniform"})
    public String shape;

    private DataFrame df;
    private PartitionFunction fn;
    private Pool threads;
    private Pool processes;

    @Setup(Level.Trial)
    public void setUp() {
        df = frame(shape, rows);
        fn = rowCost();
        threads = Pool.threads(2);
        processes = Pool.processes(2);
    }

    /** Returns the frame whose column {@code B} holds each row's cost, in square roots, for {@code shape}. */
    static DataFrame frame(String shape, int rows) {
        return RowWork.frame(rows).cols("B").merge(Series.ofInt(costs(shape, rows)));
    }

    /** Returns the row function whose cost follows the row: {@code K = Σ_{i<B} √(i + A)}. */
    static PartitionFunction rowCost() {
        return part -> {
            IntSeries a = (IntSeries) part.<Integer>getColumn("A");
            IntSeries b = (IntSeries) part.<Integer>getColumn("B");
            double[] k = new double[a.size()];
            for (int r = 0; r < k.length; r++) {
                k[r] = RowWork.sqrts(a.getInt(r), b.getInt(r));
            }
            return part.cols("K").merge(Series.ofDouble(k));
        };
    }

    /** Returns each row's cost, in square roots, for {@code shape}. */
    static int[] costs(String shape, int rows) {
        int[] cost = new int[rows];
        Random random = new Random(7);
        for (int i = 0; i < rows; i++) {
            cost[i] = switch (shape) {
                case "falling" -> i < rows / 4 ? 4_000 : 40;
                case "rising" -> i >= rows - rows / 4 ? 4_000 : 40;
                case "hotBlock" -> i >= rows * 45L / 100 && i < rows * 55L / 100 ? 4_000 : 40;
                case "heavyTail" -> (int) Math.min(40_000, 40 / Math.pow(1 - random.nextDouble(), 1 / 1.2));
                case "uniform" -> 400;
                default -> throw new IllegalArgumentException("shape: " + shape
                        + " (expected falling, rising, hotBlock, heavyTail or uniform)");
            };
        }
        return cost;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        threads.close();
        processes.close();
    }

    @Benchmark
    public DataFrame serial() {
        return fn.apply(df);
    }

    /** Auto with no settings: it samples the prefix, a middle and an end block, and sizes the pieces by their spread. */
    @Benchmark
    public DataFrame auto() {
        return Parallel.apply(df, fn).run();
    }

    /** Auto's pieces on a pool of 2 threads given by the caller. */
    @Benchmark
    public DataFrame threadsAuto() {
        return Parallel.apply(df, fn).on(threads).run();
    }

    /** Auto's pieces on a pool of 2 worker processes given by the caller, sent as workers free up. */
    @Benchmark
    public DataFrame processesAuto() {
        return Parallel.apply(df, fn).on(processes).run();
    }

    @Benchmark
    public DataFrame threads() {
        return Parallel.apply(df, fn).partitions(partitions).on(threads).run();
    }
}
