package dev.chunkwise.cli.bench;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.spark.SparkPool;
import org.dflib.DataFrame;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a grid of frame sizes × backends for one row function: a warm-up of a set time (at least one run), then
 * several timed runs per cell (as many as fit in 0.3 s when that is more), on pools opened before the timing (except
 * {@code auto}, which plans and opens what it needs within each run).
 */
public final class BenchGrid {

    /**
     * One cell: a backend at a size, its run times in nanoseconds, and for {@code auto} the plan it chose and its
     * predicted / actual time (NaN where auto decided without a full plan).
     */
    public record Cell(String backend, int rows, long[] nanos, String chose, double predictedOverActual) {
        public long median() {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s[s.length / 2];
        }

        public long min() {
            return Arrays.stream(nanos).min().orElse(0);
        }

        public long max() {
            return Arrays.stream(nanos).max().orElse(0);
        }
    }

    /** Short cells are timed over at least this long in all (with at most {@link #MAX_RUNS} runs). */
    static final long MIN_TIMED_NANOS = 300_000_000L;
    static final int MAX_RUNS = 100_000;

    private BenchGrid() {
    }

    public static List<Cell> run(List<Integer> sizes, List<String> backends, String function, int runs, long warmUpNanos,
                                 PrintWriter log) {
        PartitionFunction fn = RowCost.named(function);
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Pool> pools = new LinkedHashMap<>();
        List<Cell> cells = new ArrayList<>();
        try {
            for (String b : backends) {
                switch (b) {
                    case "serial", "auto" -> { }
                    case "threads" -> pools.put(b, Pool.threads(cores));
                    case "processes" -> pools.put(b, Pool.processes(cores));
                    case "spark", "spark-native" -> pools.putIfAbsent("spark", SparkPool.local(cores));
                    default -> throw new IllegalArgumentException("--backends: " + b
                            + " (expected: serial, threads, processes, spark, spark-native or auto)");
                }
            }
            for (int rows : sizes) {
                DataFrame df = Frames.randomInts(rows, 0, 100, 42, "A", "B", "C", "D");
                for (String b : backends) {
                    Runnable once = switch (b) {
                        case "serial" -> () -> fn.apply(df);
                        case "auto" -> () -> Parallel.apply(df, fn).run();
                        case "spark-native" -> SparkNative.job(((SparkPool) pools.get("spark")).session(), df, function,
                                2 * pools.get("spark").workers());
                        case "spark" -> () -> Parallel.apply(df, fn).partitions(2 * pools.get(b).workers()).on(pools.get(b)).run();
                        default -> () -> Parallel.apply(df, fn).partitions(2 * pools.get(b).workers()).on(pools.get(b)).run();
                    };
                    // Warm up for a while, not one run: for a second or more after a cell starts, the JIT compiles
                    // chunkwise's code for it on the other core (a trace shows both workers at half speed), and a
                    // short warm-up leaves the timed runs to share a core with the compiler.
                    long warmStart = System.nanoTime();
                    do {
                        once.run();
                    } while (System.nanoTime() - warmStart < warmUpNanos);
                    // At least `runs` timed runs, and more while they add up to under MIN_TIMED_NANOS: a cell of a
                    // few microseconds needs hundreds of runs before its median stops moving with the machine's noise.
                    long[] t = new long[runs];
                    int n = 0;
                    long timedStart = System.nanoTime();
                    while (n < runs || (System.nanoTime() - timedStart < MIN_TIMED_NANOS && n < MAX_RUNS)) {
                        if (n == t.length) {
                            t = java.util.Arrays.copyOf(t, 2 * n);
                        }
                        long s = System.nanoTime();
                        once.run();
                        t[n++] = System.nanoTime() - s;
                    }
                    t = java.util.Arrays.copyOf(t, n);
                    String chose = "";
                    double ratio = Double.NaN;
                    if (b.equals("auto")) {
                        dev.chunkwise.frame.RunReport r = Parallel.apply(df, fn).runReport();
                        chose = r.plan().chosen().label();
                        ratio = r.predictionRatio();
                    }
                    Cell c = new Cell(b, rows, t, chose, ratio);
                    cells.add(c);
                    log.printf("  %-10s %,12d rows: %s%n", b, rows, dev.chunkwise.time.Durations.format(c.median()));
                    log.flush();
                }
            }
        } finally {
            pools.values().forEach(Pool::close);
        }
        return cells;
    }

    /** Returns, per size, auto's median time over the best fixed backend's median time (1 is no regret). */
    public static Map<Integer, Double> regret(List<Cell> cells) {
        Map<Integer, Double> result = new LinkedHashMap<>();
        for (Cell auto : cells.stream().filter(c -> c.backend().equals("auto")).toList()) {
            long best = cells.stream().filter(c -> c.rows() == auto.rows() && !c.backend().equals("auto"))
                    .mapToLong(Cell::median).min().orElse(auto.median());
            result.put(auto.rows(), (double) auto.median() / best);
        }
        return result;
    }

    /** Returns, per backend, the smallest size from which it is faster than serial at every larger size, or -1. */
    public static Map<String, Integer> crossovers(List<Cell> cells) {
        Map<String, Integer> result = new LinkedHashMap<>();
        Map<Integer, Long> serial = new LinkedHashMap<>();
        cells.stream().filter(c -> c.backend().equals("serial")).forEach(c -> serial.put(c.rows(), c.median()));
        for (String b : cells.stream().map(Cell::backend).distinct().toList()) {
            if (b.equals("serial")) {
                continue;
            }
            int from = -1;
            List<Cell> mine = cells.stream().filter(c -> c.backend().equals(b)).toList();
            for (int i = mine.size() - 1; i >= 0; i--) {
                Cell c = mine.get(i);
                Long s = serial.get(c.rows());
                if (s != null && c.median() < s) {
                    from = c.rows();
                } else {
                    break;
                }
            }
            result.put(b, from);
        }
        return result;
    }
}
