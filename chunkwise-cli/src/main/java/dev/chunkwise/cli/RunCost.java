package dev.chunkwise.cli;

import java.util.OptionalDouble;

/**
 * What one kind of file work (reading a format, writing one) costs on this machine, learnt from whole runs: a fixed
 * part (the JVM's and the JIT's warm-up, opening the file, starting the threads) plus a part proportional to the size,
 * so that runs of a few kilobytes, which are nearly all fixed cost, do not make a large file look slow, nor a large run
 * make a small file look instant.
 *
 * <p>A run smaller than {@link #small} units teaches the fixed part only (the time it took beyond its size at the rate,
 * when the rate is known). A run at least that large teaches the rate: its size over the time beyond the fixed part,
 * counting at least half its time as proportional (a fixed part learnt in other conditions cannot make the rate
 * absurd). Each run weighs half against what was learnt before. A rate outside {@value #MIN_RATE} to {@value #MAX_RATE}
 * units per second, or a fixed part over {@value #MAX_FIXED_NANOS} ns, is never learnt.
 *
 * <p>A size of at least {@link #small} units is predicted only once the rate is known; a smaller size, only once the
 * fixed part is known.
 *
 * @param fixedNanos     the fixed part of a run, if learnt
 * @param unitsPerSecond the rate beyond it, if learnt
 * @param small          the size under which a run teaches the fixed part rather than the rate
 */
record RunCost(OptionalDouble fixedNanos, OptionalDouble unitsPerSecond, long small) {

    /** The slowest rate learnt: 1000 bytes or values a second. */
    static final double MIN_RATE = 1e3;
    /** The fastest rate learnt: 10¹¹ bytes or values a second. */
    static final double MAX_RATE = 1e11;
    /** The largest fixed part learnt: a minute. */
    static final double MAX_FIXED_NANOS = 60e9;

    RunCost {
        if (fixedNanos.isPresent() && !inFixedRange(fixedNanos.getAsDouble())) {
            throw new IllegalArgumentException("fixedNanos: " + fixedNanos.getAsDouble() + " (expected: 0 to " + MAX_FIXED_NANOS + ")");
        }
        if (unitsPerSecond.isPresent() && !inRateRange(unitsPerSecond.getAsDouble())) {
            throw new IllegalArgumentException("unitsPerSecond: " + unitsPerSecond.getAsDouble() + " (expected: "
                    + MIN_RATE + " to " + MAX_RATE + ")");
        }
        if (small < 1) {
            throw new IllegalArgumentException("small: " + small + " (expected: >= 1)");
        }
    }

    /** Returns a cost nothing has been learnt of yet. */
    static RunCost unknown(long small) {
        return new RunCost(OptionalDouble.empty(), OptionalDouble.empty(), small);
    }

    static boolean inFixedRange(double nanos) {
        return nanos >= 0 && nanos <= MAX_FIXED_NANOS;
    }

    static boolean inRateRange(double rate) {
        return rate >= MIN_RATE && rate <= MAX_RATE;
    }

    /** Returns the predicted time for {@code units}, in nanoseconds, or empty when no earlier run of that size says. */
    OptionalDouble predict(long units) {
        if (units >= small) {
            return unitsPerSecond.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(fixedNanos.orElse(0) + units / unitsPerSecond.getAsDouble() * 1e9);
        }
        if (fixedNanos.isEmpty()) {
            return OptionalDouble.empty();
        }
        double proportional = unitsPerSecond.isPresent() ? units / unitsPerSecond.getAsDouble() * 1e9 : 0;
        return OptionalDouble.of(fixedNanos.getAsDouble() + proportional);
    }

    /** Returns this cost having learnt from a run of {@code units} that took {@code nanos}. */
    RunCost learn(long units, long nanos) {
        if (units < 0 || nanos <= 0) {
            return this;
        }
        if (units < small) {
            double proportional = unitsPerSecond.isPresent() ? units / unitsPerSecond.getAsDouble() * 1e9 : 0;
            double fixed = Math.max(0, nanos - proportional);
            return inFixedRange(fixed) ? new RunCost(blend(fixedNanos, fixed), unitsPerSecond, small) : this;
        }
        double proportionalNanos = Math.max(nanos - fixedNanos.orElse(0), nanos / 2.0);
        double rate = units / (proportionalNanos / 1e9);
        return inRateRange(rate) ? new RunCost(fixedNanos, blend(unitsPerSecond, rate), small) : this;
    }

    private static OptionalDouble blend(OptionalDouble old, double observed) {
        return OptionalDouble.of(old.isPresent() ? (old.getAsDouble() + observed) / 2 : observed);
    }
}
