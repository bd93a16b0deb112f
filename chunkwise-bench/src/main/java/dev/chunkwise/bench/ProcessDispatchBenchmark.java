package dev.chunkwise.bench;

import dev.chunkwise.pool.Pool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The price of worker processes: starting a 2-worker pool (both JVMs ready) with a map of 3 items and a close, a
 * map of 3 items on an open pool, and the round trip of one trivial task.
 *
 * <p>Run: {@code mvn -B -q -pl chunkwise-bench -am package -DskipTests && java -jar chunkwise-bench/target/benchmarks.jar ProcessDispatchBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ProcessDispatchBenchmark {

    private Pool warm;

    @Setup(Level.Trial)
    public void open() {
        warm = Pool.processes(2);
    }

    @TearDown(Level.Trial)
    public void close() {
        warm.close();
    }

    /** {@code with Pool(2) as p: p.map(sq, [1, 2, 3])} on worker processes: two JVMs started, used and stopped. */
    @Benchmark
    public List<Integer> processesCreateMapClose() {
        try (Pool pool = Pool.processes(2)) {
            return pool.map(DispatchBenchmark::square, DispatchBenchmark.ITEMS);
        }
    }

    /** {@code map(sq, [1, 2, 3])} on two worker processes that are already running. */
    @Benchmark
    public List<Integer> processesWarmMap() {
        return warm.map(DispatchBenchmark::square, DispatchBenchmark.ITEMS);
    }

    /** One trivial task to a running worker and its result back; sampled, so that the median can be read. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public Integer processesRoundTrip() {
        return warm.submit(DispatchBenchmark::square, 7).join();
    }
}
