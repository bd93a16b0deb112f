package dev.chunkwise.frame;

import dev.chunkwise.pool.TaskFailedException;

import java.util.Locale;

/**
 * Thrown by {@link ParallelApply} when the function threw for a partition, on any backend: names the partition and
 * the rows of the whole frame it held, such as {@code partition 3 (rows 7,500–9,999) failed: ...}. The function's
 * exception is the {@link #getCause() cause}.
 *
 * <p>Partitions are numbered in row order from 0; on an {@code auto} run the batches that were timed to plan it come
 * first, so the number is the partition's place among all the calls the function got, and {@link #firstRow()} is what
 * locates it.
 */
public class PartitionFailedException extends TaskFailedException {

    private final int partition;
    private final long firstRow;

    PartitionFailedException(int partition, long firstRow, int rows, Throwable cause) {
        super(partition, message(partition, firstRow, rows, cause), cause);
        this.partition = partition;
        this.firstRow = firstRow;
    }

    /** Returns the failed partition's number, counting from 0 in row order. */
    public int partition() {
        return partition;
    }

    /** Returns the index in the whole frame of the failed partition's first row. */
    public long firstRow() {
        return firstRow;
    }

    private static String message(int partition, long firstRow, int rows, Throwable cause) {
        String range = rows == 0 ? "no rows" : rows == 1 ? "row " + format(firstRow)
                : "rows " + format(firstRow) + "–" + format(firstRow + rows - 1);
        String why = cause == null ? "(no exception was given)" : cause.toString();
        return "partition " + partition + " (" + range + ") failed: "
                + (why == null || why.isBlank() || why.equals("null") ? cause.getClass().getName() : why);
    }

    private static String format(long row) {
        return String.format(Locale.ROOT, "%,d", row);
    }
}
