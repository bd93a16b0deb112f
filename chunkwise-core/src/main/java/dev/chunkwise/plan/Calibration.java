package dev.chunkwise.plan;

import dev.chunkwise.time.Durations;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What concurrency costs on this machine, measured: the figures the {@link Planner} predicts with.  Measured and cached
 * by {@code dev.chunkwise.frame.CalibrationCache}; a plain value here, so that the planner is a model that can be fed
 * any figures.
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
 * @param sparkJobNanos          one trivial Spark job of one task on a running session; 0 if not measured
 * @param sparkTaskNanos         each further task of a Spark job, as the job's wall time grows with its tasks; 0 if
 *                               not measured (a cache written before it was measured has none)
 * @param measuredAt             when it was measured
 */
public record Calibration(int cores, long threadStartNanos, long threadTaskNanos, long threadWakeNanos,
                          double combineNanosPerValue,
                          long processStartNanos, long processTaskNanos, double transferBytesPerSecond,
                          long sparkStartNanos, long sparkJobNanos, long sparkTaskNanos, Instant measuredAt) {

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
        nonNegative("sparkTaskNanos", sparkTaskNanos);
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    /** The figures without Spark's cost per task (not measured). */
    public Calibration(int cores, long threadStartNanos, long threadTaskNanos, long threadWakeNanos,
                       double combineNanosPerValue, long processStartNanos, long processTaskNanos,
                       double transferBytesPerSecond, long sparkStartNanos, long sparkJobNanos, Instant measuredAt) {
        this(cores, threadStartNanos, threadTaskNanos, threadWakeNanos, combineNanosPerValue, processStartNanos,
                processTaskNanos, transferBytesPerSecond, sparkStartNanos, sparkJobNanos, 0, measuredAt);
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

    /** Returns these figures with Spark's start-up, per-job and per-task costs added. */
    public Calibration withSpark(long startNanos, long jobNanos, long taskNanos) {
        return new Calibration(cores, threadStartNanos, threadTaskNanos, threadWakeNanos, combineNanosPerValue, processStartNanos,
                processTaskNanos, transferBytesPerSecond, startNanos, jobNanos, taskNanos, measuredAt);
    }

    /** Returns whether the worker-process figures were measured. */
    public boolean hasProcesses() {
        return processStartNanos > 0;
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
            sb.append("spark task: ").append(sparkTaskNanos > 0 ? Durations.format(sparkTaskNanos) + " each after the first"
                    : "not measured (run chunkwise calibrate --spark)").append('\n');
        }
        sb.append("measured at: ").append(measuredAt);
        return sb.toString();
    }
}
