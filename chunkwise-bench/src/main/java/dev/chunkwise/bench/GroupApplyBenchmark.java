package dev.chunkwise.bench;

import dev.chunkwise.frame.Aggregate;
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
 * Group-wise apply of a CPU-heavy function, serially and on 2 threads, over keys of five shapes: {@code uniform10},
 * {@code uniform1000} and {@code uniform100000} (the rows spread evenly over that many keys; at 10⁵ rows the last is
 * one row a group), {@code zipf1000} (1,000 keys, Zipf-distributed with s = 1.1) and {@code hotHalf} (one key holds
 * half the rows). {@code apply} reduces each group to one row, {@code H = Σ over its rows of Σ_{i<sqrts} √(i + A)},
 * as pandas' {@code groupby(...).apply} of the same function does in {@code bench/groups.py} (same rows, same keys);
 * {@code transform} is the splittable form: each row's group mean of {@code A} ({@code withAggregates}), then a
 * row-wise heavy step over every row, which no key can hold up.
 *
 * <p>Run: {@code java -jar chunkwise-bench/target/benchmarks.jar GroupApplyBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class GroupApplyBenchmark {

    @Param({"100000"})
    public int rows;

    /** Square roots per row: 200 is pandas' heavy function in bench/groups.py; 4,000 is about 10 µs a row. */
    @Param({"200", "4000"})
    public int sqrts;

    @Param({"uniform10", "uniform1000", "uniform100000", "zipf1000", "hotHalf"})
    public String keys;

    private DataFrame df;
    private PartitionFunction perGroup;
    private PartitionFunction perRow;
    private Pool serial;
    private Pool threads;

    @Setup(Level.Trial)
    public void setUp() {
        df = frame(rows, keys);
        int n = sqrts;
        perGroup = group -> {
            IntSeries a = (IntSeries) group.<Integer>getColumn("A");
            double h = 0;
            for (int r = 0; r < a.size(); r++) {
                h += RowWork.sqrts(a.getInt(r), n);
            }
            return DataFrame.byColumn("G", "H").of(Series.of(group.getColumn("G").get(0)), Series.ofDouble(h));
        };
        perRow = part -> {
            IntSeries a = (IntSeries) part.<Integer>getColumn("A");
            Series<Double> mean = part.getColumn("M");
            double[] z = new double[a.size()];
            for (int r = 0; r < z.length; r++) {
                z[r] = RowWork.sqrts(a.getInt(r), n) - mean.get(r);
            }
            return part.cols("Z").merge(Series.ofDouble(z));
        };
        serial = Pool.serial();
        threads = Pool.threads(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        serial.close();
        threads.close();
    }

    /**
     * The rows: {@code A = (7 i) mod 100}, {@code G} by {@code shape}. {@code zipf1000} draws each row's key from the
     * Zipf distribution by the inverse of its cumulative weights at {@code u = frac(i φ)}, which bench/groups.py
     * computes the same way.
     */
    static DataFrame frame(int rows, String shape) {
        int[] a = new int[rows];
        int[] g = new int[rows];
        double[] cumulative = shape.equals("zipf1000") ? zipfCumulative(1000, 1.1) : null;
        for (int i = 0; i < rows; i++) {
            a[i] = (7 * i) % 100;
            g[i] = switch (shape) {
                case "uniform10" -> i % 10;
                case "uniform1000" -> i % 1000;
                case "uniform100000" -> i % 100_000;
                case "zipf1000" -> zipfKey(cumulative, (i * 0.6180339887498949) % 1.0);
                case "hotHalf" -> i < rows / 2 ? 0 : 1 + i % 999;
                default -> throw new IllegalArgumentException("keys: " + shape
                        + " (expected uniform10, uniform1000, uniform100000, zipf1000 or hotHalf)");
            };
        }
        return DataFrame.byColumn("G", "A").of(Series.ofInt(g), Series.ofInt(a));
    }

    private static double[] zipfCumulative(int keys, double s) {
        double[] c = new double[keys];
        double total = 0;
        for (int k = 0; k < keys; k++) {
            total += 1 / Math.pow(k + 1, s);
            c[k] = total;
        }
        for (int k = 0; k < keys; k++) {
            c[k] /= total;
        }
        return c;
    }

    private static int zipfKey(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Benchmark
    public DataFrame applySerial() {
        return Parallel.groupBy(df, "G").on(serial).apply(perGroup);
    }

    @Benchmark
    public DataFrame applyThreads() {
        return Parallel.groupBy(df, "G").on(threads).apply(perGroup);
    }

    @Benchmark
    public DataFrame transformSerial() {
        DataFrame withMean = Parallel.groupBy(df, "G").on(serial).withAggregates(Aggregate.mean("A").as("M"));
        return perRow.apply(withMean);
    }

    @Benchmark
    public DataFrame transformThreads() {
        DataFrame withMean = Parallel.groupBy(df, "G").on(threads).withAggregates(Aggregate.mean("A").as("M"));
        return Parallel.apply(withMean, perRow).on(threads).run();
    }
}
