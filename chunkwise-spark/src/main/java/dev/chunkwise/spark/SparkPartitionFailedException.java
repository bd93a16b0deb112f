package dev.chunkwise.spark;

import dev.chunkwise.pool.TaskFailedException;

import java.util.Locale;

/**
 * Thrown on an executor by {@link SparkFrames} when the function threw for a batch of a Spark partition, or returned
 * a frame that breaks the rules (other columns or types than the schema, another number of rows than the batch):
 * names the partition and the rows within it, such as
 * {@code partition 3, rows 65,536–131,071 of the partition: the function threw java.lang.IllegalStateException: ...}.
 * The function's exception, if it threw, is the {@link #getCause() cause}.
 *
 * <p>It reaches the driver the way Spark reports a failed task: inside Spark's {@code SparkException} from the action
 * (collect, write, count), whose message quotes this one and whose chain of causes holds this exception, deserialized
 * with its own cause, when its classes are on the driver's class path. When {@link SparkFrames} infers the schema,
 * a failure on the first batch is thrown by {@code apply} itself, as this exception.
 */
public final class SparkPartitionFailedException extends TaskFailedException {

    private final int partition;
    private final long firstRow;

    private SparkPartitionFailedException(int partition, long firstRow, String message, Throwable cause) {
        super(partition, message, cause);
        this.partition = partition;
        this.firstRow = firstRow;
    }

    /** The function threw {@code cause} for the batch of {@code rows} rows from row {@code firstRow} of {@code partition}. */
    static SparkPartitionFailedException threw(int partition, long firstRow, int rows, Throwable cause) {
        return new SparkPartitionFailedException(partition, firstRow,
                where(partition, firstRow, rows) + ": the function threw " + describe(cause), cause);
    }

    /** The function's result for the batch breaks a rule, said by {@code what}. */
    static SparkPartitionFailedException broke(int partition, long firstRow, int rows, String what) {
        return new SparkPartitionFailedException(partition, firstRow, where(partition, firstRow, rows) + ": " + what, null);
    }

    /** Returns the number of the Spark partition whose batch failed. */
    public int partition() {
        return partition;
    }

    /** Returns the index within its partition of the failed batch's first row (or of the row at fault), from 0. */
    public long firstRow() {
        return firstRow;
    }

    private static String where(int partition, long firstRow, int rows) {
        String range = rows == 0 ? "no rows" : rows == 1 ? "row " + format(firstRow)
                : "rows " + format(firstRow) + "–" + format(firstRow + rows - 1);
        return "partition " + partition + ", " + range + " of the partition";
    }

    private static String format(long row) {
        return String.format(Locale.ROOT, "%,d", row);
    }

    private static String describe(Throwable e) {
        String s = e.toString();
        return s == null || s.isBlank() || s.equals("null") ? e.getClass().getName() : s;
    }
}
