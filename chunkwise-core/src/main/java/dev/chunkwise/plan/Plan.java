package dev.chunkwise.plan;

import dev.chunkwise.time.Durations;

import java.util.List;
import java.util.Locale;

/**
 * How an apply will run and why: the chosen way, every alternative with its predicted time and the terms that make
 * it up, and a reason in plain words. Returned by {@code Parallel.apply(df, fn).explain()}.
 *
 * @param chosen        the way it runs
 * @param alternatives  every way considered, fastest first
 * @param rows          the frame's rows
 * @param nanosPerRow   the function's measured cost per row
 * @param sampledRows   how many rows the measurement ran on (their results are kept)
 * @param breakEvenRows the size from which parallel threads beat serial for this function, or -1 if never
 * @param rowsLeft      rows still to compute when the plan was made (the others were computed while timing)
 * @param obeyed        whether the caller fixed the backend, workers or partitions (and the plan obeys)
 * @param spread        how uneven the function's cost per row was across the frame
 * @param measuringNanos the wall time already spent timing the function and planning when the plan was made: in a
 *                       fresh JVM mostly loading classes (the function's, DFLib's, chunkwise's), which the
 *                       alternatives' terms, figures of warm code, do not hold
 */
public record Plan(Alternative chosen, List<Alternative> alternatives, long rows, double nanosPerRow, long sampledRows,
                   long breakEvenRows, long rowsLeft, boolean obeyed, Spread spread, long measuringNanos) {

    public Plan {
        alternatives = List.copyOf(alternatives);
    }

    /** Returns the predicted wall time of the whole call: the measuring already spent, then the chosen way's. */
    public double predictedNanos() {
        return measuringNanos + chosen.predictedNanos();
    }

    /** Returns this plan with {@code nanos} of measuring already spent before it. */
    public Plan measured(long nanos) {
        return new Plan(chosen, alternatives, rows, nanosPerRow, sampledRows, breakEvenRows, rowsLeft, obeyed, spread,
                nanos);
    }

    /**
     * Returns why, in one line of plain words, with the figures: made on demand, since most plans are followed
     * without being read.
     */
    public String reason() {
        return Planner.reason(this);
    }

    /** Returns the plan as a few lines of text, as {@code chunkwise apply --explain} prints it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("plan: ").append(chosen.label()).append(", predicted ").append(Durations.format(predictedNanos()))
                .append(measuringNanos == 0 ? "" : " (" + Durations.format(measuringNanos)
                        + " of it timing the function and planning, already spent)")
                .append(obeyed ? " (as asked)" : "").append('\n');
        sb.append("why: ").append(reason()).append('\n');
        sb.append(String.format(Locale.ROOT, "function: %s per row, measured on %,d of %,d rows%n",
                Durations.format(nanosPerRow), sampledRows, rows));
        sb.append("spread: ").append(spread).append(spread.blocks() < 2 ? "" : String.format(Locale.ROOT,
                " (unevenness %.2f)", spread.unevenness())).append("; work is handed out in pieces as workers free up")
                .append('\n');
        sb.append("alternatives:\n");
        for (Alternative a : alternatives) {
            sb.append(a == chosen ? "  * " : "    ").append(a).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
