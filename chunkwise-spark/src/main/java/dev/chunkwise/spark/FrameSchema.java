package dev.chunkwise.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Spark schema as the columns of a DFLib frame: their labels, {@link ColumnType}s and whether each may hold null;
 * turns a batch of rows into a frame. Checked when made, on the driver, so that an executor meets only types it
 * converts.
 *
 * @param labels   the column names, in order, each once
 * @param types    the columns' types
 * @param nullable whether each column may hold null
 */
record FrameSchema(String[] labels, ColumnType[] types, boolean[] nullable) implements Serializable {

    /**
     * Returns the columns of {@code schema}.
     *
     * @param what the schema's name in a message, such as {@code data} or {@code schema}
     * @throws IllegalArgumentException naming the column if a type is not converted or a name appears twice
     */
    static FrameSchema of(StructType schema, String what) {
        StructField[] fields = schema.fields();
        String[] labels = new String[fields.length];
        ColumnType[] types = new ColumnType[fields.length];
        boolean[] nullable = new boolean[fields.length];
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < fields.length; c++) {
            StructField f = fields[c];
            labels[c] = f.name();
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException(what + ": column \"" + f.name() + "\" appears twice in "
                        + schema.simpleString() + " (expected: each name once, as a DFLib frame has them; rename one"
                        + " with withColumnRenamed)");
            }
            types[c] = ColumnType.of(f.dataType()).orElseThrow(() -> new IllegalArgumentException(what + ": column \""
                    + f.name() + "\" is " + f.dataType().simpleString() + ", which SparkFrames does not convert"
                    + " (supported: " + ColumnType.supported() + "); cast it first, e.g. withColumn(\"" + f.name()
                    + "\", col(\"" + f.name() + "\").cast(\"string\"))"));
            nullable[c] = f.nullable();
        }
        return new FrameSchema(labels, types, nullable);
    }

    /** Returns the Spark schema of these columns. */
    StructType spark() {
        StructField[] fields = new StructField[labels.length];
        for (int c = 0; c < labels.length; c++) {
            fields[c] = DataTypes.createStructField(labels[c], types[c].spark(), nullable[c]);
        }
        return DataTypes.createStructType(fields);
    }

    int width() {
        return labels.length;
    }

    /** Returns the column named {@code label}, or -1. */
    int indexOf(String label) {
        return Arrays.asList(labels).indexOf(label);
    }

    /** Returns {@code rows}, each of this schema, as a frame: a primitive series for a column without null. */
    DataFrame frame(List<Row> rows) {
        Series<?>[] columns = new Series<?>[labels.length];
        for (int c = 0; c < labels.length; c++) {
            columns[c] = types[c].column(rows, c);
        }
        return DataFrame.byColumn(labels).of(columns);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameSchema s && Arrays.equals(labels, s.labels) && Arrays.equals(types, s.types)
                && Arrays.equals(nullable, s.nullable);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(labels) * 31 + Arrays.hashCode(types);
    }

    @Override
    public String toString() {
        return spark().simpleString();
    }
}
