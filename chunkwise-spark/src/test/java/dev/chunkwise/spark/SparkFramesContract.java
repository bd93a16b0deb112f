package dev.chunkwise.spark;

import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.spark.RandomTables.Table;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SparkFrames#apply} promises, checked against the function applied to the whole table on this JVM: the
 * same rows in the same order, the input's partitions, the schema the function produces. Used on {@code local[2]} by
 * {@link SparkFrames_ContractTest} and on the standalone cluster by {@link SparkFramesDriver}.
 */
final class SparkFramesContract {

    /** The contract's function, row-wise for every type: the columns in reverse order and a column of each row's text. */
    static final PartitionFunction REVERSED_WITH_TEXT = part -> {
        String[] labels = part.getColumnsIndex().toArray();
        Collections.reverse(Arrays.asList(labels));
        return part.cols(labels).select().cols("TEXT").merge(row -> {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < row.getIndex().size(); c++) {
                b.append(row.get(c)).append('|');
            }
            return b.toString();
        });
    };

    private SparkFramesContract() {
    }

    /** Returns {@code table} as a Dataset of {@code partitions} consecutive slices of its rows. */
    static Dataset<Row> dataset(SparkSession session, Table table, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        return session.createDataFrame(jsc.parallelize(table.rows(), partitions), table.schema());
    }

    /** Returns the schema {@link #REVERSED_WITH_TEXT} produces from {@code input}. */
    static StructType reversedWithText(StructType input) {
        List<StructField> fields = new ArrayList<>(Arrays.asList(input.fields()));
        Collections.reverse(fields);
        fields.add(DataTypes.createStructField("TEXT", DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    /**
     * Returns how {@code SparkFrames.apply(REVERSED_WITH_TEXT)} on {@code table} in {@code partitions} partitions
     * differs from the function applied to the whole table: empty if it does not.
     *
     * @param giveSchema whether to give the schema rather than have it inferred
     */
    static List<String> differences(SparkSession session, Table table, int partitions, int batchRows, boolean giveSchema) {
        Dataset<Row> data = dataset(session, table, partitions);
        SparkFrames frames = SparkFrames.of(data).batchRows(batchRows);
        if (giveSchema) {
            frames.schema(reversedWithText(table.schema()));
        }
        Dataset<Row> out = frames.apply(REVERSED_WITH_TEXT);
        List<String> differences = new ArrayList<>();
        StructType expectedSchema = reversedWithText(table.schema());
        if (!Arrays.equals(out.schema().fieldNames(), expectedSchema.fieldNames())
                || !Arrays.equals(types(out.schema()), types(expectedSchema))) {
            differences.add("schema " + out.schema().simpleString() + " (expected: " + expectedSchema.simpleString() + ")");
        }
        List<List<Row>> parts = out.toJavaRDD().glom().collect();
        List<Integer> inSizes = data.toJavaRDD().glom().map(List::size).collect();
        List<Integer> outSizes = parts.stream().map(List::size).toList();
        if (!outSizes.equals(inSizes)) {
            differences.add("rows per partition " + outSizes + " (expected: the input's " + inSizes + ")");
        }
        List<Row> rows = parts.stream().flatMap(List::stream).toList();
        differences.addAll(rowDifferences(rows, REVERSED_WITH_TEXT.apply(table.frame())));
        return differences;
    }

    /** Returns how {@code rows} differ from the rows of {@code expected}, in order: empty if they do not. */
    static List<String> rowDifferences(List<Row> rows, DataFrame expected) {
        List<String> differences = new ArrayList<>();
        if (rows.size() != expected.height()) {
            differences.add(rows.size() + " rows (expected: " + expected.height() + ")");
            return differences;
        }
        for (int r = 0; r < rows.size() && differences.size() < 5; r++) {
            for (int c = 0; c < expected.width(); c++) {
                Object got = normalized(rows.get(r).get(c));
                Object want = expected.getColumn(c).get(r);
                if (!Objects.equals(got, want)) {
                    differences.add("row " + r + ", column " + expected.getColumnsIndex().get(c) + ": " + got
                            + " (expected: " + want + ")");
                }
            }
        }
        return differences;
    }

    /** Returns {@code rows} of {@code schema} as one frame of object columns, dates and timestamps as java.time. */
    static DataFrame frameOf(List<Row> rows, StructType schema) {
        Series<?>[] columns = new Series<?>[schema.fields().length];
        for (int c = 0; c < columns.length; c++) {
            Object[] values = new Object[rows.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = normalized(rows.get(r).get(c));
            }
            columns[c] = Series.of(values);
        }
        return DataFrame.byColumn(schema.fieldNames()).of(columns);
    }

    /** Returns a value Spark gave in the classes the random tables use: java.time for dates and timestamps. */
    static Object normalized(Object v) {
        if (v instanceof Date d) {
            return d.toLocalDate();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        return v;
    }

    private static String[] types(StructType schema) {
        return Arrays.stream(schema.fields()).map(f -> f.dataType().simpleString()).toArray(String[]::new);
    }
}
