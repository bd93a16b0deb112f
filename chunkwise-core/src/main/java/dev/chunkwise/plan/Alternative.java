package dev.chunkwise.plan;

import dev.chunkwise.pool.Backend;
import dev.chunkwise.time.Durations;

/**
 * One way to run an apply, with its predicted wall time.
 *
 * @param backend    where it runs
 * @param workers    how many workers
 * @param partitions how many partitions
 * @param terms      the predicted time, term by term
 */
public record Alternative(Backend backend, int workers, int partitions, Terms terms) {

    /** Returns the predicted wall time in nanoseconds. */
    public double predictedNanos() {
        return terms.total();
    }

    /** Returns e.g. {@code threads(2 workers, 8 partitions)}. */
    public String label() {
        return backend == Backend.SERIAL ? "serial" : backend + "(" + workers + " workers, " + partitions + " partitions)";
    }

    @Override
    public String toString() {
        return label() + ": " + Durations.format(predictedNanos()) + " = " + terms;
    }
}
