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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The price of a pool on the notebook's smallest job, {@code map(square, [1, 2, 3])}: creating, using and closing a
 * pool each time (the notebook's {@code with Pool(5) as p: p.map(...)}), mapping on a pool that is already open, and
 * a plain loop.
 *
 * <p>Run: {@code mvn -B -q -pl chunkwise-bench -am package -DskipTests && java -jar chunkwise-bench/target/benchmarks.jar DispatchBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DispatchBenchmark {

    static final List<Integer> ITEMS = List.of(1, 2, 3);

    private Pool warm;

    @Setup(Level.Trial)
    public void open() {
        warm = Pool.threads(5);
    }

    @TearDown(Level.Trial)
    public void close() {
        warm.close();
    }

    static int square(int x) {
        return x * x;
    }

    /** The notebook's {@code with Pool(5) as p: p.map(sq, [1, 2, 3])}, on threads. */
    @Benchmark
    public List<Integer> threadsCreateMapClose() {
        try (Pool pool = Pool.threads(5)) {
            return pool.map(DispatchBenchmark::square, ITEMS);
        }
    }

    /** {@code map(sq, [1, 2, 3])} on a thread pool that is already open. */
    @Benchmark
    public List<Integer> threadsWarmMap() {
        return warm.map(DispatchBenchmark::square, ITEMS);
    }

    /** {@code [sq(x) for x in [1, 2, 3]]}. */
    @Benchmark
    public List<Integer> plainLoop() {
        List<Integer> r = new ArrayList<>(3);
        for (int x : ITEMS) {
            r.add(square(x));
        }
        return r;
    }
}
