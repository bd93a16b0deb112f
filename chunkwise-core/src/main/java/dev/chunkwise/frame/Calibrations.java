package dev.chunkwise.frame;

import dev.chunkwise.plan.Calibration;
import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;
import org.dflib.Exp;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Measures what concurrency costs on this machine: the figures of a {@link Calibration}. */
final class Calibrations {

    private Calibrations() {
    }

    /**
     * Measures this machine: the thread figures in a few milliseconds; with {@code processes}, also starts two worker
     * JVMs (about half a second).
     */
    static Calibration measure(boolean processes) {
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

    private static final PartitionFunction TIMES_TWO = part -> part.cols("K").merge(Exp.$int("A").mul(2));

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
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private static long median(int runs, Runnable r) {
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

}
