package dev.chunkwise.bench;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
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

import static org.dflib.Exp.$int;

/**
 * The notebook's parallel apply, {@code K = A * 2} over a frame of 4 int columns: chunkwise's {@code Parallel.apply}
 * on a warm thread pool, on a pool made for the call (7 partitions, as in the notebook) and by {@code auto}, DFLib's
 * serial column expression on the whole frame, Java's parallel streams and a plain Java loop over the {@code int[]}.
 *
 * <p>Run: {@code mvn -B -q -pl chunkwise-bench -am package -DskipTests && java -jar chunkwise-bench/target/benchmarks.jar ApplyBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class ApplyBenchmark {

    static final PartitionFunction TIMES_TWO = part -> part.cols("K").merge($int("A").mul(2));

    @Param({"100", "10000000"})
    public int rows;

    private DataFrame df;
    private int[] a;
    private Pool pool;

    @Setup(Level.Trial)
    public void setUp() {
        df = Frames.randomInts(rows, 0, 100, 42, "A", "B", "C", "D");
        IntSeries column = (IntSeries) df.<Integer>getColumn("A");
        a = new int[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = column.getInt(i);
        }
        pool = Pool.threads(Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    /** DFLib's own column expression on the whole frame, on this thread. */
    @Benchmark
    public DataFrame serialApply() {
        return TIMES_TWO.apply(df);
    }

    /** chunkwise on a thread pool that is already open, one partition per worker. */
    @Benchmark
    public DataFrame parallelApplyWarmPool() {
        return Parallel.apply(df, TIMES_TWO).partitions(pool.workers()).on(pool).run();
    }

    /** chunkwise's {@code auto}: it decides serial or parallel by itself (the notebook's case at 100 rows). */
    @Benchmark
    public DataFrame autoApply() {
        return Parallel.apply(df, TIMES_TWO).run();
    }

    /** The notebook's {@code parallelize_dataframe}: a pool of 4 made for the call, 7 partitions. */
    @Benchmark
    public DataFrame parallelApplyNotebook() {
        try (Pool own = Pool.threads(4)) {
            return Parallel.apply(df, TIMES_TWO).partitions(7).on(own).run();
        }
    }

    /** Java's parallel streams on a plain {@code int[]}: what a user might write by hand instead. */
    @Benchmark
    public int[] parallelStreams() {
        return java.util.stream.IntStream.range(0, a.length).parallel().map(i -> a[i] * 2).toArray();
    }

    /** A plain loop over {@code int[]}: the floor for {@code K = A * 2}. */
    @Benchmark
    public int[] plainLoop() {
        int[] k = new int[a.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = a[i] * 2;
        }
        return k;
    }
}
