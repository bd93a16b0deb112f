package dev.chunkwise.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.util.Arrays;

/**
 * The function's result for one batch, checked against the output schema and read as Spark rows: the same columns in
 * the same order, one row out per row in, and values of the schema's types (null only where the schema allows it).
 * The result is materialized before ({@link FrameBatches#applyTo}).
 */
final class ResultRows {

    private final Series<?>[] columns;
    /** Whether each column is a primitive series, whose values need no check. */
    private final boolean[] primitive;
    private final FrameSchema schema;
    private final Batch batch;
    private final String origin;

    private ResultRows(Series<?>[] columns, boolean[] primitive, FrameSchema schema, Batch batch, String origin) {
        this.columns = columns;
        this.primitive = primitive;
        this.schema = schema;
        this.batch = batch;
        this.origin = origin;
    }

    /**
     * Checks {@code out}, the function's materialized result for {@code in}, against {@code schema}.
     *
     * @param origin where the schema came from, for messages, such as {@code the given schema}
     * @throws SparkPartitionFailedException naming the batch and what is wrong if a rule is broken
     */
    static ResultRows check(DataFrame out, DataFrame in, FrameSchema schema, Batch batch, String origin) {
        checkShape(out, in, batch);
        String[] labels = out.getColumnsIndex().toArray();
        if (!Arrays.equals(labels, schema.labels())) {
            throw batch.broke("the function's result has columns " + Arrays.toString(labels) + " where " + origin
                    + " has " + Arrays.toString(schema.labels()) + hint(origin));
        }
        Series<?>[] columns = new Series<?>[labels.length];
        boolean[] primitive = new boolean[labels.length];
        for (int c = 0; c < labels.length; c++) {
            Series<?> s = out.getColumn(c);
            ColumnType type = schema.types()[c];
            if (type.isOtherPrimitive(s)) {
                throw batch.broke("column \"" + labels[c] + "\" of the function's result is a "
                        + s.getClass().getSimpleName() + " of " + ColumnType.ofPrimitive(s).orElseThrow().spark().simpleString()
                        + " where " + origin + " has " + type.spark().simpleString() + " (expected: values of "
                        + type.valueClass().getName() + ")" + hint(origin));
            }
            primitive[c] = ColumnType.ofPrimitive(s).isPresent();
            columns[c] = s;
        }
        return new ResultRows(columns, primitive, schema, batch, origin);
    }

    /** Checks the rules that do not depend on the schema: a frame, with the batch's rows. */
    static void checkShape(DataFrame out, DataFrame in, Batch batch) {
        if (out == null) {
            throw batch.broke("the function returned null (expected: a frame, such as the batch with columns added)");
        }
        if (out.height() != in.height()) {
            throw batch.broke("the function returned " + out.height() + " rows for a batch of " + in.height()
                    + " (expected: one row out per row in, as Parallel.apply has it; filter the Dataset with Spark"
                    + " before or after)");
        }
    }

    private static String hint(String origin) {
        return origin.startsWith("the given")
                ? "; return these columns and types from every batch, or give the schema the function returns"
                : "; the result's columns or types vary from batch to batch: give the schema with"
                + " SparkFrames.of(data).schema(...)";
    }

    int height() {
        return columns.length == 0 ? batch.rows() : columns[0].size();
    }

    /**
     * Returns row {@code r} of the result as a Spark row.
     *
     * @throws SparkPartitionFailedException naming the row and the column if a value is not of the schema's type
     */
    Row row(int r) {
        Object[] values = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            ColumnType type = schema.types()[c];
            Object v = type.get(columns[c], r);
            if (!primitive[c]) {
                if (v == null && !schema.nullable()[c]) {
                    throw batch.brokeAt(r, "column \"" + schema.labels()[c] + "\" of the function's result holds"
                            + " null where " + origin + " says it is not nullable");
                }
                if (v != null && !type.valueClass().isInstance(v)) {
                    throw batch.brokeAt(r, "column \"" + schema.labels()[c] + "\" of the function's result holds "
                            + v + " (" + v.getClass().getName() + ") where " + origin + " has "
                            + type.spark().simpleString() + " (expected: values of " + type.valueClass().getName() + ")"
                            + hint(origin));
                }
            }
            values[c] = v;
        }
        return RowFactory.create(values);
    }
}
