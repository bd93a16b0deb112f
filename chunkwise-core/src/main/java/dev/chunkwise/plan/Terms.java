package dev.chunkwise.plan;

import dev.chunkwise.time.Durations;

/**
 * The parts a predicted wall time is made of, in nanoseconds.
 *
 * @param start    starting the workers (0 when the pool is already open)
 * @param dispatch handing out the tasks
 * @param transfer carrying the data to worker processes and back
 * @param compute  running the function, spread over the workers
 * @param combine  concatenating the partitions' results
 */
public record Terms(double start, double dispatch, double transfer, double compute, double combine) {

    public Terms {
        if (start < 0 || dispatch < 0 || transfer < 0 || compute < 0 || combine < 0) {
            throw new IllegalArgumentException("terms must not be negative: " + start + ", " + dispatch + ", "
                    + transfer + ", " + compute + ", " + combine);
        }
    }

    /** Returns the predicted wall time: the sum of the terms. */
    public double total() {
        return start + dispatch + transfer + compute + combine;
    }

    @Override
    public String toString() {
        return "start " + Durations.format(start) + " + dispatch " + Durations.format(dispatch)
                + (transfer > 0 ? " + transfer " + Durations.format(transfer) : "")
                + " + compute " + Durations.format(compute) + " + combine " + Durations.format(combine);
    }
}
