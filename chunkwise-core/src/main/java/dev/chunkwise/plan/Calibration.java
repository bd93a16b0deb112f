package dev.chunkwise.plan;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Partitions;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.time.Durations;
import org.dflib.DataFrame;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What concurrency costs on this machine, measured: the figures the {@link Planner} predicts with. Measure with
 * {@link #measure(boolean)}, or take the cached figures with {@link CalibrationCache#get(boolean)}.
 *
 * @param cores                  available processors
 * @param threadStartNanos       creating and closing a thread pool, per worker thread
 * @param threadTaskNanos        one task's dispatch on a warm thread pool (submit to result)
 * @param threadWakeNanos        how long a parked pool thread takes to start a task handed to it: what a call waits
 *                               before its first task runs on an idle pool
 * @param combineNanosPerValue   concatenating one value of a computed column
 * @param processStartNanos      starting worker JVMs until ready, for a pool of 2 started in parallel; 0 if not measured
 * @param processTaskNanos       one trivial task's round trip to a warm worker process; 0 if not measured
 * @param transferBytesPerSecond frame bytes carried to a worker and back, per second; 0 if not measured
 * @param sparkStartNanos        starting an embedded Spark session; 0 if not measured (chunkwise-spark measures it)
 * @param sparkJobNanos          one trivial Spark job on a running session; 0 if not measured
 * @param measuredAt             when it was measured
 */
public record Calibration(int cores, long threadStartNanos, long threadTaskNanos, long threadWakeNanos,
                          double combineNanosPerValue,
                          long processStartNanos, long processTaskNanos, double transferBytesPerSecond,
                          long sparkStartNanos, long sparkJobNanos, Instant measuredAt) {

    /**
     * Checks the figures: measured ones are never negative, infinite or NaN, so a set that is (a garbled cache) is
     * refused here rather than met as a negative prediction later.
     *
     * @throws IllegalArgumentException naming the figure and its value
     */
    public Calibration {
        if (cores < 1) {
            throw new IllegalArgumentException("cores: " + cores + " (expected: >= 1)");
        }
        nonNegative("threadStartNanos", threadStartNanos);
        nonNegative("threadTaskNanos", threadTaskNanos);
        nonNegative("threadWakeNanos", threadWakeNanos);
        finiteNonNegative("combineNanosPerValue", combineNanosPerValue);
        nonNegative("processStartNanos", processStartNanos);
        nonNegative("processTaskNanos", processTaskNanos);
        finiteNonNegative("transferBytesPerSecond", transferBytesPerSecond);
        nonNegative("sparkStartNanos", sparkStartNanos);
        nonNegative("sparkJobNanos", sparkJobNanos);
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    private static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
    }

    private static void finiteNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a finite number >= 0)");
        }
    }

    /** Returns whether the Spark figures were measured. */
    public boolean hasSpark() {
        return sparkStartNanos > 0;
    }

    /** Returns these figures with Spark's start-up and per-job cost added. */
    public Calibration withSpark(long startNanos, long jobNanos) {
        return new Calibration(cores, threadStartNanos, threadTaskNanos, threadWakeNanos, combineNanosPerValue, processStartNanos,
                processTaskNanos, transferBytesPerSecond, startNanos, jobNanos, measuredAt);
    }

    /** Returns whether the worker-process figures were measured. */
    public boolean hasProcesses() {
        return processStartNanos > 0;
    }

    /**
     * Measures this machine: the thread figures in a few milliseconds; with {@code processes}, also starts two worker
     * JVMs (about half a second).
     */
    public static Calibration measure(boolean processes) {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> items = List.of(1, 2, 3, 4);

        long start = median(15, () -> {
            try (Pool pool = Pool.threads(cores)) {
                pool.map(x -> x, items, 1);
            }
        }) / cores;
        long task;
        long wake;
        try (Pool pool = Pool.threads(cores)) {
            for (int i = 0; i < 200; i++) {
                pool.map(x -> x, items, 1);
            }
            task = median(31, () -> pool.map(x -> x, items, 1)) / items.size();
            wake = wakeLatency(pool);
        }
        DataFrame df = Frames.randomInts(400_000, 0, 100, 1, "A");
        List<DataFrame> parts = Partitions.split(df, 8);
        List<DataFrame> doubled = parts.stream().map(TIMES_TWO::apply).toList();
        for (int i = 0; i < 5; i++) {
            Partitions.combine(df, parts, doubled);
        }
        double combine = median(9, () -> Partitions.combine(df, parts, doubled)) / (double) df.height();

        long processStart = 0, processTask = 0;
        double transfer = 0;
        if (processes) {
            long t0 = System.nanoTime();
            try (Pool pool = Pool.processes(2)) {
                processStart = System.nanoTime() - t0;
                for (int i = 0; i < 100; i++) {
                    pool.submit(x -> x, 1).join();
                }
                processTask = median(31, () -> pool.submit(x -> x, 1).join());
                DataFrame big = Frames.randomInts(1_000_000, 0, 100, 1, "A", "B");
                List<DataFrame> one = List.of(big);
                PartitionFunction identity = p -> p;
                pool.map(identity, one, 1);
                long t = median(3, () -> pool.map(identity, one, 1));
                transfer = 2.0 * 8 * big.height() / (t / 1e9);
            }
        }
        return new Calibration(cores, start, task, wake, combine, processStart, processTask, transfer, 0, 0, Instant.now());
    }

    private static final PartitionFunction TIMES_TWO = part -> part.cols("K").merge(org.dflib.Exp.$int("A").mul(2));

    /**
     * Returns the median time from handing a task to a pool whose threads have parked until the task starts: on a
     * virtual machine a parked thread's core may sleep, and waking it can cost far more than a dispatch on a busy pool.
     */
    private static long wakeLatency(Pool pool) {
        long[] t = new long[15];
        for (int i = 0; i < t.length; i++) {
            try {
                Thread.sleep(2); // long enough for the workers to park
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long s = System.nanoTime();
            t[i] = Math.max(0, pool.submit(x -> System.nanoTime(), 0).join() - s);
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }

    private static long median(int runs, Runnable r) {
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = System.nanoTime() - s;
        }
        java.util.Arrays.sort(t);
        return t[runs / 2];
    }

    /** Returns the figures one per line, for {@code chunkwise calibrate}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("cores: ").append(cores).append('\n');
        sb.append("thread pool start: ").append(Durations.format(threadStartNanos)).append(" per worker\n");
        sb.append("thread task dispatch: ").append(Durations.format(threadTaskNanos)).append('\n');
        sb.append("parked thread wake-up: ").append(Durations.format(threadWakeNanos)).append('\n');
        sb.append("combine: ").append(String.format(Locale.ROOT, "%.2f", combineNanosPerValue)).append(" ns per value\n");
        if (hasProcesses()) {
            sb.append("process pool start (2 JVMs): ").append(Durations.format(processStartNanos)).append('\n');
            sb.append("process task round trip: ").append(Durations.format(processTaskNanos)).append('\n');
            sb.append("process transfer: ").append(String.format(Locale.ROOT, "%.2f", transferBytesPerSecond / 1e9))
                    .append(" GB/s (there and back)\n");
        } else {
            sb.append("processes: not measured\n");
        }
        if (hasSpark()) {
            sb.append("spark session start: ").append(Durations.format(sparkStartNanos)).append('\n');
            sb.append("spark job: ").append(Durations.format(sparkJobNanos)).append('\n');
        }
        sb.append("measured at: ").append(measuredAt);
        return sb.toString();
    }
}
