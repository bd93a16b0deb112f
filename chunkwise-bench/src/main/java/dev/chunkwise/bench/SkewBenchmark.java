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

import java.util.concurrent.TimeUnit;

/**
 * A row function whose cost varies 100× between rows: the first quarter of the frame costs 100 times the rest. With
 * one partition per worker, one worker gets most of the work; more partitions than workers keep both cores busy.
 * Compares serial with 2 threads at 2, 8 and 32 partitions, and with auto (which chooses its own pieces).
 *
 * <p>Run: {@code java -jar chunkwise-bench/target/benchmarks.jar SkewBenchmark}
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

    private DataFrame df;
    private PartitionFunction fn;
    private Pool threads;

    @Setup(Level.Trial)
    public void setUp() {
        df = RowWork.frame(rows);
        int heavyRows = rows / 4;
        fn = part -> {
            IntSeries a = (IntSeries) part.<Integer>getColumn("A");
            IntSeries b = (IntSeries) part.<Integer>getColumn("B");
            double[] k = new double[a.size()];
            for (int r = 0; r < k.length; r++) {
                // B holds the row's position in the frame (set below), so the cost follows the row, not the partition.
                k[r] = RowWork.sqrts(a.getInt(r), b.getInt(r) < heavyRows ? 4_000 : 40);
            }
            return part.cols("K").merge(Series.ofDouble(k));
        };
        int[] position = new int[rows];
        for (int i = 0; i < rows; i++) {
            position[i] = i;
        }
        df = df.cols("B").merge(Series.ofInt(position));
        threads = Pool.threads(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        threads.close();
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

    @Benchmark
    public DataFrame threads() {
        return Parallel.apply(df, fn).partitions(partitions).on(threads).run();
    }
}
