package dev.chunkwise.time;

import dev.chunkwise.util.Checks;

import java.time.Duration;
import java.util.Arrays;

/**
 * Times a small piece of code the way IPython's {@code %timeit} does: choose a loop count so that one run of the
 * loop lasts at least {@link #minimumRunTime()}, run it {@link #runs()} times, and report the mean and standard
 * deviation per loop.
 *
 * <pre>{@code
 * Timeit.Result r = Timeit.standard().run(() -> List.of(1, 2, 3).stream().map(x -> x * x).toList());
 * System.out.println(r);   // 68.1 ns ± 2.31 ns per loop (mean ± std. dev. of 7 runs, 1000000 loops each)
 * }</pre>
 *
 * <p>This is for demonstrations and quick looks; speed claims belong in the JMH benchmarks.
 *
 * @param runs           how many timed runs
 * @param minimumRunTime the least time one run must last; the loop count grows by 10× until it does
 */
public record Timeit(int runs, Duration minimumRunTime) {

    /**
     * @throws IllegalArgumentException if {@code runs} is not positive or {@code minimumRunTime} is negative
     */
    public Timeit {
        Checks.positive(runs, "runs");
        Checks.notNull(minimumRunTime, "minimumRunTime");
        if (minimumRunTime.isNegative()) {
            throw new IllegalArgumentException("minimumRunTime: " + minimumRunTime + " (expected: >= 0)");
        }
    }

    /** Returns IPython's settings: 7 runs, each at least 0.2 s. */
    public static Timeit standard() {
        return new Timeit(7, Duration.ofMillis(200));
    }

    /** Times {@code task}. */
    public Result run(Runnable task) {
        Checks.notNull(task, "task");
        long minNanos = minimumRunTime.toNanos();
        long loops = 1;
        while (true) {
            long t = timeLoops(task, loops);
            if (t >= minNanos || loops >= 1_000_000_000L) {
                break;
            }
            loops *= 10;
        }
        double[] perLoop = new double[runs];
        for (int i = 0; i < runs; i++) {
            perLoop[i] = (double) timeLoops(task, loops) / loops;
        }
        return new Result(perLoop, loops);
    }

    private static long timeLoops(Runnable task, long loops) {
        long start = System.nanoTime();
        for (long i = 0; i < loops; i++) {
            task.run();
        }
        return System.nanoTime() - start;
    }

    /**
     * The outcome of {@link #run(Runnable)}.
     *
     * @param nanosPerLoop the time per loop of each run
     * @param loops        how many loops each run made
     */
    public record Result(double[] nanosPerLoop, long loops) {

        /** Returns the mean time per loop, in nanoseconds. */
        public double mean() {
            return Arrays.stream(nanosPerLoop).average().orElse(0);
        }

        /** Returns the standard deviation of the per-loop times across runs, in nanoseconds. */
        public double stdDev() {
            double mean = mean();
            double sum = 0;
            for (double v : nanosPerLoop) {
                sum += (v - mean) * (v - mean);
            }
            return Math.sqrt(sum / nanosPerLoop.length);
        }

        /** Returns the fastest run's time per loop, in nanoseconds. */
        public double best() {
            return Arrays.stream(nanosPerLoop).min().orElse(0);
        }

        /** Returns IPython's line: {@code 1.82 µs ± 345 ns per loop (mean ± std. dev. of 7 runs, 100000 loops each)}. */
        @Override
        public String toString() {
            return Durations.format(mean()) + " ± " + Durations.format(stdDev()) + " per loop (mean ± std. dev. of "
                    + nanosPerLoop.length + " run" + (nanosPerLoop.length == 1 ? "" : "s") + ", " + loops + " loop"
                    + (loops == 1 ? "" : "s") + " each)";
        }
    }
}
