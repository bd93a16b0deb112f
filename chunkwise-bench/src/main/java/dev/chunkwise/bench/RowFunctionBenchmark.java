package dev.chunkwise.bench;

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
import java.util.stream.IntStream;

/**
 * Row functions of about 1, 10 and 100 µs per row over 10² … 10⁶ rows, on every backend (serial, threads, worker
 * processes, auto), beside a plain Java loop and Java's parallel streams over the same {@code int[]}. The full grid
 * takes long; pick cells with {@code -p}.
 *
 * <p>Run: {@code java -jar chunkwise-bench/target/benchmarks.jar RowFunctionBenchmark -p micros=10 -p rows=10000}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class RowFunctionBenchmark {

    @Param({"1", "10", "100"})
    public int micros;

    @Param({"100", "10000", "1000000"})
    public int rows;

    private DataFrame df;
    private int[] a;
    private int n;
    private PartitionFunction fn;
    private Pool threads;
    private Pool processes;

    @Setup(Level.Trial)
    public void setUp() {
        df = RowWork.frame(rows);
        IntSeries column = (IntSeries) df.<Integer>getColumn("A");
        a = column.toIntArray();
        n = micros * RowWork.SQRTS_PER_MICROSECOND;
        fn = RowWork.costing(micros);
        threads = Pool.threads(2);
        processes = Pool.processes(2);
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

    @Benchmark
    public DataFrame threads() {
        return Parallel.apply(df, fn).partitions(8).on(threads).run();
    }

    @Benchmark
    public DataFrame processes() {
        return Parallel.apply(df, fn).partitions(8).on(processes).run();
    }

    @Benchmark
    public DataFrame auto() {
        return Parallel.apply(df, fn).run();
    }

    @Benchmark
    public double[] plainLoop() {
        double[] k = new double[a.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = RowWork.sqrts(a[i], n);
        }
        return k;
    }

    @Benchmark
    public double[] parallelStreams() {
        return IntStream.range(0, a.length).parallel().mapToDouble(i -> RowWork.sqrts(a[i], n)).toArray();
    }
}
