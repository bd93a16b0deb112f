package dev.chunkwise.bench;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;
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

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Moving a column to a worker process and back: one frame of 16 MB (4,000,000 ints, or 2,000,000 longs or doubles,
 * or 1,000,000 strings of about 14 bytes) sent to a worker that returns it unchanged. Throughput is 32 MB divided by
 * the time per operation (the frame crosses twice).
 *
 * <p>Run: {@code mvn -B -q -pl chunkwise-bench -am package -DskipTests && java -jar chunkwise-bench/target/benchmarks.jar TransportBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class TransportBenchmark {

    static final PartitionFunction IDENTITY = part -> part;

    @Param({"int", "long", "double", "string"})
    public String type;

    private Pool pool;
    private List<DataFrame> frame;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        Series<?> column = switch (type) {
            case "int" -> Series.ofInt(random.ints(4_000_000).toArray());
            case "long" -> Series.ofLong(random.longs(2_000_000).toArray());
            case "double" -> Series.ofDouble(random.doubles(2_000_000).toArray());
            default -> Series.of(random.ints(1_000_000).mapToObj(i -> "value " + i).toArray(String[]::new));
        };
        frame = List.of(DataFrame.byColumn("X").of(column));
        pool = Pool.processes(1);
        Frames.head(frame.get(0), 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public List<DataFrame> roundTrip() {
        return pool.map(IDENTITY, frame, 1);
    }
}
