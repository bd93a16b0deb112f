package dev.chunkwise.bench;

import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;
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
 * A CPU-heavy row function (about {@code micros} µs per row) over {@code rows} rows: serial, on 2 threads and on 2
 * worker processes (pools already open, 8 partitions). The speed-up is serial time over parallel time.
 *
 * <p>Run: {@code mvn -B -q -pl chunkwise-bench -am package -DskipTests && java -jar chunkwise-bench/target/benchmarks.jar HeavyApplyBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class HeavyApplyBenchmark {

    @Param({"1000000"})
    public int rows;

    @Param({"10"})
    public int micros;

    private DataFrame df;
    private PartitionFunction fn;
    private Pool threads;
    private Pool processes;

    @Setup(Level.Trial)
    public void setUp() {
        df = RowWork.frame(rows);
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
}
