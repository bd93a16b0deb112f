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
 * @param plan           the plan followed
 * @param predictedNanos the wall time predicted for the run: the plan's, with the measuring that this run did before
 *                       it planned (none when the plan was made before, by {@code explain()})
 * @param actualNanos    the wall time of the run, measuring and planning included
 * @param trace          the spans of the run
 */
public record RunReport(DataFrame result, Plan plan, double predictedNanos, long actualNanos, Trace trace) {

    /** Returns predicted / actual wall time: 1 is a perfect prediction, 2 means the model thought it twice as slow. */
    public double predictionRatio() {
        return predictedNanos / Math.max(1, actualNanos);
    }

    /** Returns e.g. {@code threads(2 workers, 8 partitions): predicted 1.20 s, actual 1.31 s (0.92×)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: predicted %s, actual %s (%.2f×)", plan.chosen().label(),
                Durations.format(predictedNanos), Durations.format(actualNanos), predictionRatio());
    }
}
