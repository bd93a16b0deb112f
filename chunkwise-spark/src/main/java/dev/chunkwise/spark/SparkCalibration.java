package dev.chunkwise.spark;

import dev.chunkwise.plan.Calibration;
import dev.chunkwise.frame.CalibrationCache;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Measures what Spark costs on this machine, the start of an embedded session, one small job on it and each further
 * task of a job (seconds, milliseconds and less, not the microseconds of threads), and adds the figures to the cached
 * {@link Calibration} so that the planner can say when Spark would pay and into how many pieces to cut the work.
 */
public final class SparkCalibration {

    /** Tasks a worker in the job that times a task: enough that the tasks, not the job, make most of its time. */
    static final int TASKS_PER_WORKER = 16;

    private SparkCalibration() {
    }

    /** Measures Spark, stores the figures beside the others, and returns them all. */
    public static Calibration measureAndSave() {
        Calibration base = CalibrationCache.get(true);
        int workers = Math.max(2, base.cores());
        long t0 = System.nanoTime();
        long start;
        long job;
        long task;
        try (SparkPool pool = SparkPool.local(workers)) {
            start = System.nanoTime() - t0;
            List<Integer> one = List.of(1);
            List<Integer> many = IntStream.range(0, TASKS_PER_WORKER * workers).boxed().toList();
            for (int i = 0; i < 5; i++) {
                pool.map(x -> x, one, 1);
                pool.map(x -> x, many, 1);
            }
            job = median(pool, one);
            long manyJob = median(pool, many);
            // The wall time a task adds to a job, its tasks spread over the executor cores as they free up.
            task = Math.max(1, (manyJob - job) / (many.size() - 1));
        }
        return CalibrationCache.save(base.withSpark(start, job, task));
    }

    /** Returns the median wall time of nine jobs of one trivial task an item of {@code items}. */
    private static long median(SparkPool pool, List<Integer> items) {
        long[] t = new long[9];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            pool.map(x -> x, items, 1);
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
