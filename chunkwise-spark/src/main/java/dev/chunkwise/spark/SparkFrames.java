package dev.chunkwise.spark;

import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.codec.Serialization;
import dev.chunkwise.util.Checks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.encoders.RowEncoder;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a DFLib function to a Spark {@link Dataset}, a columnar {@link org.dflib.DataFrame} per batch of each
 * partition, on the executors — what PySpark's {@code mapInPandas} and {@code mapInArrow} are for Python:
 *
 * <pre>{@code
 * Dataset<Row> withK = SparkFrames.apply(data, part -> part.cols("K").merge($int("A").mul(2)));
 * Dataset<Row> same = SparkFrames.of(data).batchRows(10_000).schema(schemaWithK).apply(fn);
 * }</pre>
 *
 * <h2>How it runs</h2>
 * {@code apply} returns a lazy {@code Dataset} whose partitions are the input's, in the same order; when an action
 * runs it, each task reads its partition in batches of at most {@link #batchRows(int) batchRows} rows, makes each
 * batch a frame, applies the function and gives the result's rows, in order, before it reads the next batch. The
 * function's computed columns are materialized inside the task. The driver holds the plan and the schema, never the
 * data.
 *
 * <p>The function gets batches, not whole partitions, so it must be row-wise, as for
 * {@link dev.chunkwise.frame.Parallel#apply}: each output row depends only on its input row, and the result has the
 * batch's rows (one row out per row in) and the same columns from every batch. Then the result equals the function
 * applied to the whole table, row for row.
 *
 * <h2>The output schema</h2>
 * Given with {@link #schema(StructType)}, it is used as it is and nothing runs before the action. Otherwise
 * {@code apply} infers it at once, with one small Spark job that applies the function to the first batch of the first
 * partition that has rows, on an executor, and brings back only the schema: each column's type is that of its
 * primitive series, else of its values; a column of only nulls takes the type of the input column of its name;
 * every inferred column is nullable. A batch whose result has other columns or types fails its task, naming the
 * partition, the rows and the columns.
 *
 * <h2>Types</h2>
 * int, bigint, float, double and boolean columns become DFLib's primitive series ({@code IntSeries} ...) in a batch
 * where they hold no null, and a {@code Series} of the boxed values holding {@code null} in a batch where they do
 * (both are read by {@code $int("A")} and its kin); string, date, timestamp and timestamp_ntz become a {@code Series}
 * of {@code String}, {@link java.time.LocalDate}, {@link java.time.Instant} and {@link java.time.LocalDateTime}
 * (whatever {@code spark.sql.datetime.java8API.enabled} says). The result's columns go back the same way. Other Spark
 * types (decimal, binary, arrays, maps, structs) are rejected by {@code apply}, naming the column: cast them first.
 *
 * <h2>Failures</h2>
 * A function that captures something not serializable fails in {@code apply}, with chunkwise's message naming the
 * class. An exception the function throws on an executor fails the task with a
 * {@link SparkPartitionFailedException} naming the partition and the rows and carrying the original exception as its
 * cause; Spark retries the task as it retries any, and its {@code SparkException} quotes the message.
 *
 * <p>A {@code SparkFrames} is a builder of settings, each given at most once, and not thread-safe; {@code apply}
 * may be called on it more than once.
 */
public final class SparkFrames {

    /** The rows of a batch unless {@link #batchRows(int)} says otherwise: 65,536. */
    public static final int DEFAULT_BATCH_ROWS = 65_536;

    private final Dataset<Row> data;
    private Integer batchRows;
    private StructType schema;

    private SparkFrames(Dataset<Row> data) {
        this.data = data;
    }

    /**
     * Returns {@code fn} applied to each batch of {@code data}'s partitions, with the schema inferred from its result
     * on the first batch; the same as {@code SparkFrames.of(data).apply(fn)}.
     *
     * @throws IllegalArgumentException      if {@code fn} is not serializable, or naming the column if {@code data}
     *                                       has a type that is not converted or a name twice
     * @throws SparkPartitionFailedException if the function threw for the first batch or returned a column whose
     *                                       type cannot be inferred
     */
    public static Dataset<Row> apply(Dataset<Row> data, PartitionFunction fn) {
        return of(data).apply(fn);
    }

    /** Returns a builder of the settings of an apply on {@code data}. */
    public static SparkFrames of(Dataset<Row> data) {
        return new SparkFrames(Checks.notNull(data, "data"));
    }

    /**
     * Sets the most rows the function gets at once, and so what a task holds: a batch and its result
     * ({@link #DEFAULT_BATCH_ROWS} unless set).
     *
     * @throws IllegalArgumentException if {@code rows} is not positive
     * @throws IllegalStateException    if it was set before
     */
    public SparkFrames batchRows(int rows) {
        Checks.positive(rows, "batchRows");
        if (batchRows != null) {
            throw new IllegalStateException("batchRows was already set to " + batchRows + " (then " + rows + ")");
        }
        batchRows = rows;
        return this;
    }

    /**
     * Sets the schema of the function's result, so that nothing is inferred and no job runs before the action. Its
     * nullability is kept: a null in a column that is not nullable fails the task, naming the row.
     *
     * @throws IllegalArgumentException naming the column if a type is not converted or a name appears twice
     * @throws IllegalStateException    if it was set before
     */
    public SparkFrames schema(StructType schema) {
        Checks.notNull(schema, "schema");
        if (this.schema != null) {
            throw new IllegalStateException("schema was already set to " + this.schema.simpleString() + " (then "
                    + schema.simpleString() + ")");
        }
        FrameSchema.of(schema, "schema");
        this.schema = schema;
        return this;
    }

    /**
     * Returns {@code fn} applied to each batch of the data's partitions, as a lazy {@code Dataset} of the input's
     * partitions; infers the schema first unless it was {@link #schema(StructType) given}.
     *
     * @throws IllegalArgumentException      if {@code fn} is not serializable, or naming the column if the data has a
     *                                       type that is not converted or a name twice
     * @throws SparkPartitionFailedException if the schema is inferred and the function threw for the first batch or
     *                                       returned a column whose type cannot be inferred
     */
    public Dataset<Row> apply(PartitionFunction fn) {
        Checks.notNull(fn, "fn");
        Serialization.serialize(fn, "The function");
        FrameSchema in = FrameSchema.of(data.schema(), "data");
        int rows = batchRows == null ? DEFAULT_BATCH_ROWS : batchRows;
        FrameSchema out;
        StructType outSchema;
        String origin;
        if (schema != null) {
            out = FrameSchema.of(schema, "schema");
            outSchema = schema;
            origin = "the given schema";
        } else {
            SchemaInference.Inferred inferred = SchemaInference.run(data, fn, in, rows);
            out = inferred.schema();
            outSchema = out.spark();
            origin = inferred.origin();
        }
        // Lenient: the encoder takes java.time values for dates and timestamps whatever the session's java8API says.
        return data.mapPartitions(new FrameBatches(fn, in, out, rows, origin), RowEncoder.encoderFor(outSchema, true));
    }
}
