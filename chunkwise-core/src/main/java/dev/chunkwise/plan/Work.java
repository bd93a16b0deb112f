package dev.chunkwise.plan;

/**
 * What the {@link Planner} needs to know about an apply: how much work is left, what it costs per row, how wide the
 * data is, and which workers are already running. Made with {@link #of(long, double)} and the {@code with…} methods,
 * which read as a sentence:
 * <pre>{@code
 * Work w = Work.of(1_000_000, 250.0).sampled(4_096).columns(4, 5, 1).onOpenPool();
 * }</pre>
 *
 * @param totalRows   rows of the whole frame
 * @param nanosPerRow the function's measured cost per row
 * @param sampledRows rows already computed while measuring, out of {@code totalRows}
 * @param inColumns   columns of the input
 * @param outColumns  columns of the output
 * @param newColumns  output columns the function computed (the others pass through), at most {@code outColumns}
 * @param poolOpen    whether the caller gave an open pool (no start-up to pay)
 * @param threadsOpen whether the threads would be auto's shared threads, already started (their start is paid once per
 *                    JVM, not per call)
 * @param spread      how uneven the cost per row is across the frame
 */
public record Work(long totalRows, double nanosPerRow, long sampledRows, int inColumns, int outColumns, int newColumns,
                   boolean poolOpen, boolean threadsOpen, Spread spread) {

    /** Checks the figures. */
    public Work {
        if (totalRows < 0 || sampledRows < 0 || sampledRows > totalRows) {
            throw new IllegalArgumentException("rows: " + sampledRows + " sampled of " + totalRows
                    + " (expected: 0 <= sampled <= total)");
        }
        if (!(nanosPerRow >= 0) || Double.isInfinite(nanosPerRow)) {
            throw new IllegalArgumentException("nanosPerRow: " + nanosPerRow + " (expected: a finite number >= 0)");
        }
        if (spread == null) {
            throw new IllegalArgumentException("spread: null (expected: Spread.UNKNOWN when not measured)");
        }
        if (inColumns < 0 || outColumns < 0 || newColumns < 0 || newColumns > outColumns) {
            throw new IllegalArgumentException("columns: " + inColumns + " in, " + outColumns + " out, " + newColumns
                    + " new (expected: >= 0, new <= out)");
        }
    }

    /** Returns the work of {@code rows} rows at {@code nanosPerRow} each: none sampled, one column in and out. */
    public static Work of(long rows, double nanosPerRow) {
        return new Work(rows, nanosPerRow, 0, 1, 1, 1, false, false, Spread.UNKNOWN);
    }

    /** Returns this work with {@code rows} of it already computed while measuring. */
    public Work sampled(long rows) {
        return new Work(totalRows, nanosPerRow, rows, inColumns, outColumns, newColumns, poolOpen, threadsOpen, spread);
    }

    /** Returns this work with its columns: {@code in} read, {@code out} written, {@code computed} of them new. */
    public Work columns(int in, int out, int computed) {
        return new Work(totalRows, nanosPerRow, sampledRows, in, out, computed, poolOpen, threadsOpen, spread);
    }

    /** Returns this work run on a pool the caller opened: no start to pay. */
    public Work onOpenPool() {
        return new Work(totalRows, nanosPerRow, sampledRows, inColumns, outColumns, newColumns, true, threadsOpen, spread);
    }

    /** Returns this work as auto would run it with its shared threads already started. */
    public Work withThreadsStarted() {
        return new Work(totalRows, nanosPerRow, sampledRows, inColumns, outColumns, newColumns, poolOpen, true, spread);
    }

    /** Returns this work with its cost per row measured at several places: {@code spread}. */
    public Work spread(Spread spread) {
        return new Work(totalRows, nanosPerRow, sampledRows, inColumns, outColumns, newColumns, poolOpen, threadsOpen,
                spread);
    }

    /** Returns the rows still to compute: those not computed while measuring. */
    public long rows() {
        return totalRows - sampledRows;
    }
}
