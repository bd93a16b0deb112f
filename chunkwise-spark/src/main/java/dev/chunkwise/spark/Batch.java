package dev.chunkwise.spark;

/**
 * Where a batch of a Spark partition lies, for the messages of its failures: the partition and the rows within it.
 *
 * @param partition the Spark partition's number
 * @param firstRow  the index of the batch's first row within the partition
 * @param rows      the batch's number of rows
 */
record Batch(int partition, long firstRow, int rows) {

    /** The function threw {@code e} for this batch. */
    SparkPartitionFailedException threw(Throwable e) {
        return SparkPartitionFailedException.threw(partition, firstRow, rows, e);
    }

    /** The function's result for this batch breaks the rule {@code what} says. */
    SparkPartitionFailedException broke(String what) {
        return SparkPartitionFailedException.broke(partition, firstRow, rows, what);
    }

    /** The function's result for this batch is wrong at row {@code r} of the batch, as {@code what} says. */
    SparkPartitionFailedException brokeAt(int r, String what) {
        return SparkPartitionFailedException.broke(partition, firstRow + r, 1, what);
    }
}
