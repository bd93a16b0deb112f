package dev.chunkwise.spark;

import dev.chunkwise.frame.PartitionFunction;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Infers the schema of the function's result for {@link SparkFrames}, on an executor: one small Spark job applies the
 * function to the first batch of the first partition that has rows (Spark's {@code take(1)} reads partition 0 first,
 * more only if it is empty), and only the schema comes back to the driver. If the data has no rows, the function is
 * applied to an empty frame of the data's columns.
 *
 * <p>Each column's type is that of its primitive series, else of its values; a column holding only nulls (or none,
 * in an empty frame) takes the type of the input column of its name, and is an error if there is none. Every
 * inferred column is nullable, since a later batch may hold the nulls the first had not.
 */
final class SchemaInference implements FlatMapFunction<Iterator<Row>, SchemaInference.Inferred> {

    private static final long serialVersionUID = 1L;

    /** The schema inferred, and where from, in the words of a message: {@code the schema inferred from ...}. */
    record Inferred(FrameSchema schema, String origin) implements Serializable {
    }

    private final PartitionFunction fn;
    private final FrameSchema in;
    private final int batchRows;
    /** Whether to infer from an empty frame, whatever the partition holds. */
    private final boolean fromEmpty;

    private SchemaInference(PartitionFunction fn, FrameSchema in, int batchRows, boolean fromEmpty) {
        this.fn = fn;
        this.in = in;
        this.batchRows = batchRows;
        this.fromEmpty = fromEmpty;
    }

    /**
     * Runs the inference job or jobs on {@code data}'s session.
     *
     * @throws SparkPartitionFailedException if the function threw, broke a rule or returned a column whose type cannot
     *                                       be inferred
     */
    static Inferred run(Dataset<Row> data, PartitionFunction fn, FrameSchema in, int batchRows) {
        try {
            List<Inferred> found = data.toJavaRDD().mapPartitions(new SchemaInference(fn, in, batchRows, false)).take(1);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
            return jsc.parallelize(List.<Row>of(), 1).mapPartitions(new SchemaInference(fn, in, batchRows, true))
                    .collect().get(0);
        } catch (Exception e) { // Spark's SparkException is checked, and thrown by Scala code all the same
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SparkPartitionFailedException f) {
                    throw f;
                }
            }
            throw SchemaInference.<RuntimeException>rethrow(e);
        }
    }

    /** Throws {@code e} as it is, checked or not, as Spark's own actions do. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }

    @Override
    public Iterator<Inferred> call(Iterator<Row> rows) {
        DataFrame frame = fromEmpty ? in.frame(List.of()) : FrameBatches.nextBatch(rows, in, batchRows);
        if (frame == null) {
            return List.<Inferred>of().iterator();
        }
        int partition = TaskContext.getPartitionId();
        Batch batch = new Batch(partition, 0, frame.height());
        DataFrame out = FrameBatches.applyTo(fn, frame, batch);
        ResultRows.checkShape(out, frame, batch);
        String origin = fromEmpty ? "the schema inferred from the function's result on an empty frame (the data has"
                + " no rows)" : "the schema inferred from the first batch of partition " + partition;
        return List.of(new Inferred(schemaOf(out, frame, batch), origin)).iterator();
    }

    private FrameSchema schemaOf(DataFrame out, DataFrame frame, Batch batch) {
        String[] labels = out.getColumnsIndex().toArray();
        ColumnType[] types = new ColumnType[labels.length];
        boolean[] nullable = new boolean[labels.length];
        for (int c = 0; c < labels.length; c++) {
            types[c] = typeOf(labels[c], out.getColumn(c), frame, batch);
            nullable[c] = true;
        }
        return new FrameSchema(labels, types, nullable);
    }

    private ColumnType typeOf(String label, Series<?> s, DataFrame frame, Batch batch) {
        ColumnType primitive = ColumnType.ofPrimitive(s).orElse(null);
        if (primitive != null) {
            return primitive;
        }
        Class<?> inferred = s.getInferredType();
        ColumnType byValues = ColumnType.ofValues(inferred).orElse(null);
        if (byValues != null) {
            return byValues;
        }
        Set<String> classes = new LinkedHashSet<>();
        for (int r = 0; r < s.size() && classes.size() < 4; r++) {
            if (s.get(r) != null) {
                classes.add(s.get(r).getClass().getName());
            }
        }
        if (classes.isEmpty()) {
            int input = in.indexOf(label);
            if (input >= 0) {
                return in.types()[input];
            }
            String which = frame.height() == 0 ? "the data has no rows, so column \"" + label
                    + "\" of the function's result has no value" : "column \"" + label
                    + "\" of the function's result holds only nulls in the first batch";
            throw batch.broke(which + " and its type cannot be inferred: give the schema with"
                    + " SparkFrames.of(data).schema(...)");
        }
        throw batch.broke("column \"" + label + "\" of the function's result holds values of " + String.join(", ", classes)
                + ", which SparkFrames does not convert to a Spark type (expected: values of one class of "
                + supportedClasses() + "); convert them in the function");
    }

    private static String supportedClasses() {
        StringBuilder b = new StringBuilder();
        for (ColumnType t : ColumnType.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(t.valueClass().getSimpleName());
        }
        return b.toString();
    }
}
