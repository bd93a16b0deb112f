package dev.chunkwise.frame;

import java.util.Locale;

/**
 * How a group-wise apply will be scheduled and what its largest group allows: the groups packed into tasks by their
 * rows, the speed-up that packing predicts, and a hot key — a group holding more than a worker's fair share of the
 * rows, which caps the speed-up of {@code apply} at the frame's rows over the group's. Returned by
 * {@link ParallelGroupBy#explain()}.
 *
 * @param rows          the frame's rows
 * @param groups        the number of groups (a null key is a group of its own)
 * @param workers       the workers the groups run on
 * @param tasks         the tasks the groups are packed into for {@code apply}
 * @param largestGroup  the largest group's key, such as {@code K=17}, or empty when there are no rows
 * @param largestRows   the largest group's rows
 * @param busiestRows   the rows the busiest worker computes for {@code apply}, by the packing
 * @param hotPieces     the pieces {@code agg} splits the largest group into to reduce it in parallel: 0 when it is not
 *                      hot, or too small to gain from it
 */
public record GroupPlan(long rows, int groups, int workers, int tasks, String largestGroup, long largestRows,
                        long busiestRows, int hotPieces) {

    /** Returns the share of the rows that the largest group holds, from 0 to 1. */
    public double largestShare() {
        return rows == 0 ? 0 : (double) largestRows / rows;
    }

    /** Returns whether the largest group holds more than a worker's fair share of the rows (more than rows / workers). */
    public boolean hot() {
        return largestRows * workers > rows;
    }

    /**
     * Returns the most that {@code apply} can gain over one worker, whole groups being the unit of work: the frame's
     * rows over the largest group's, at most the workers.
     */
    public double speedupCap() {
        return largestRows == 0 ? 1 : Math.min(workers, (double) rows / largestRows);
    }

    /** Returns the speed-up over one worker that the packing predicts for {@code apply}, counting rows as the cost. */
    public double predictedSpeedup() {
        return busiestRows == 0 ? 1 : (double) rows / busiestRows;
    }

    /**
     * Returns the plan in a few lines, as in
     * {@code group 17 holds 61 % of the rows: at most 1.6× on 2 workers}.
     */
    @Override
    public String toString() {
        if (groups == 0) {
            return "groups: none, the frame has no rows";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "groups: %,d groups of %,d rows in %,d %s on %d %s (packed largest first by rows); predicted %.1f× "
                        + "for apply (the busiest worker computes %,d rows)",
                groups, rows, tasks, tasks == 1 ? "task" : "tasks", workers, workers == 1 ? "worker" : "workers",
                predictedSpeedup(), busiestRows));
        sb.append('\n');
        if (hot()) {
            sb.append(String.format(Locale.ROOT, "hot key: group %s holds %.0f %% of the rows: at most %.1f× on %d "
                    + "workers for apply", largestGroup, 100 * largestShare(), speedupCap(), workers));
            sb.append(hotPieces > 0 ? "; agg splits it into " + hotPieces + " pieces reduced in parallel"
                    : "; too small for agg to split");
        } else {
            sb.append(String.format(Locale.ROOT, "largest group: %s holds %.0f %% of the rows (a worker's fair share "
                    + "is %.0f %%): no hot key", largestGroup, 100 * largestShare(), 100.0 / workers));
        }
        return sb.toString();
    }
}
