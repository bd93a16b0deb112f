package dev.chunkwise.frame;

import dev.chunkwise.plan.Plan;
import dev.chunkwise.time.Durations;
import dev.chunkwise.trace.Trace;
import org.dflib.DataFrame;

import java.util.Locale;

/**
 * The outcome of a run with its account: the result, the plan it followed, the predicted and the actual wall time,
 * and the trace of where the time went.
 *
 * @param result       the combined result
 * @param plan         the plan followed
 * @param actualNanos  the wall time of the run, planning included
 * @param trace        the spans of the run
 */
public record RunReport(DataFrame result, Plan plan, long actualNanos, Trace trace) {

    /** Returns predicted / actual wall time: 1 is a perfect prediction, 2 means the model thought it twice as slow. */
    public double predictionRatio() {
        return plan.chosen().predictedNanos() / Math.max(1, actualNanos);
    }

    /** Returns e.g. {@code threads(2 workers, 8 partitions): predicted 1.20 s, actual 1.31 s (0.92×)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: predicted %s, actual %s (%.2f×)", plan.chosen().label(),
                Durations.format(plan.chosen().predictedNanos()), Durations.format(actualNanos), predictionRatio());
    }
}
