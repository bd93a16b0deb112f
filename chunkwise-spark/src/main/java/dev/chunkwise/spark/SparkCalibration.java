package dev.chunkwise.spark;

import dev.chunkwise.plan.Calibration;
import dev.chunkwise.frame.CalibrationCache;

import java.util.Arrays;
import java.util.List;

/**
 * Measures what Spark costs on this machine, the start of an embedded session and one small job on it (seconds and
 * tens of milliseconds, not the microseconds of threads), and adds the figures to the cached {@link Calibration} so
 * that the planner can say when Spark would pay.
 */
public final class SparkCalibration {

    private SparkCalibration() {
    }

    /** Measures Spark, stores the figures beside the others, and returns them all. */
    public static Calibration measureAndSave() {
        Calibration base = CalibrationCache.get(true);
        int workers = Math.max(2, base.cores());
        long t0 = System.nanoTime();
        long start;
        long job;
        try (SparkPool pool = SparkPool.local(workers)) {
            start = System.nanoTime() - t0;
            List<Integer> items = List.of(1, 2, 3, 4);
            for (int i = 0; i < 5; i++) {
                pool.map(x -> x, items, 1);
            }
            long[] t = new long[9];
            for (int i = 0; i < t.length; i++) {
                long s = System.nanoTime();
                pool.map(x -> x, items, 1);
                t[i] = System.nanoTime() - s;
            }
            Arrays.sort(t);
            job = t[t.length / 2];
        }
        return CalibrationCache.save(base.withSpark(start, job));
    }
}
