package dev.chunkwise.plan;

import dev.chunkwise.time.Durations;

/**
 * How uneven the function's cost per row is across the frame, from blocks timed at several places: the cheapest and
 * the dearest block's cost per row. The planner uses it to size the pieces handed out: the more uneven, the more and
 * smaller pieces, so that a worker that finishes early takes more.
 *
 * @param cheapestNanosPerRow the cheapest timed block's cost per row
 * @param dearestNanosPerRow  the dearest's
 * @param blocks              how many blocks were timed; under 2, nothing is known and unevenness is assumed
 */
public record Spread(double cheapestNanosPerRow, double dearestNanosPerRow, int blocks) {

    /** Unevenness assumed when it was not measured: work is not trusted to be uniform. */
    public static final double ASSUMED_UNEVENNESS = 0.5;
    /** The most unevenness the model counts: past it, pieces are as small as they usefully get anyway. */
    static final double MAX_UNEVENNESS = 8;

    /** Nothing measured. */
    public static final Spread UNKNOWN = new Spread(0, 0, 0);

    /** Checks the figures. */
    public Spread {
        if (blocks < 0 || !(cheapestNanosPerRow >= 0) || !(dearestNanosPerRow >= cheapestNanosPerRow)
                || Double.isInfinite(dearestNanosPerRow)) {
            throw new IllegalArgumentException("spread: " + cheapestNanosPerRow + " to " + dearestNanosPerRow + " ns per row over "
                    + blocks + " blocks (expected: 0 <= cheapest <= dearest, finite)");
        }
    }

    /** Returns the spread of blocks timed at {@code nanosPerRow} each. */
    public static Spread of(double... nanosPerRow) {
        if (nanosPerRow.length < 2) {
            return UNKNOWN;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : nanosPerRow) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new Spread(lo, hi, nanosPerRow.length);
    }

    /** Returns how much dearer than the cheapest the dearest block is, relatively: 0 for even work. */
    public double unevenness() {
        if (blocks < 2) {
            return ASSUMED_UNEVENNESS;
        }
        if (cheapestNanosPerRow <= 0) {
            return dearestNanosPerRow > 0 ? MAX_UNEVENNESS : 0;
        }
        return Math.min(MAX_UNEVENNESS, dearestNanosPerRow / cheapestNanosPerRow - 1);
    }

    @Override
    public String toString() {
        return blocks < 2 ? "not measured (assumed uneven)" : Durations.format(cheapestNanosPerRow) + " to "
                + Durations.format(dearestNanosPerRow) + " per row over " + blocks + " blocks";
    }
}
