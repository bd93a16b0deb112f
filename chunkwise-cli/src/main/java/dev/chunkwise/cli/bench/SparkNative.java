package dev.chunkwise.cli.bench;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;
import org.dflib.IntSeries;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The same job written by hand in Spark, to set chunkwise's Spark backend beside: the frame's rows as a cached Spark
 * Dataset (built once, outside the timing), then {@code withColumn} for {@code K = A * 2}, or {@code mapPartitions}
 * with the same row function for the others, and the result collected to the driver.
 */
final class SparkNative {

    private SparkNative() {
    }

    static Runnable job(SparkSession spark, DataFrame df, String function, int partitions) {
        StructType schema = new StructType().add("A", DataTypes.IntegerType).add("B", DataTypes.IntegerType)
                .add("C", DataTypes.IntegerType).add("D", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>(df.height());
        IntSeries[] c = new IntSeries[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (IntSeries) df.<Integer>getColumn(i);
        }
        for (int r = 0; r < df.height(); r++) {
            rows.add(RowFactory.create(c[0].getInt(r), c[1].getInt(r), c[2].getInt(r), c[3].getInt(r)));
        }
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(partitions).cache();
        data.count();
        if (function.equals("cheap")) {
            return () -> data.withColumn("K", col("A").multiply(2)).collectAsList();
        }
        int n = function.equals("sqrt200") ? 200 : (int) Math.max(1, Math.round(
                Integer.parseInt(function.substring(0, function.length() - 2)) * RowCost.sqrtsPerMicro()));
        StructType out = schema.add("K", DataTypes.DoubleType);
        MapPartitionsFunction<Row, Row> perRow = (Iterator<Row> it) -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Row next() {
                Row r = it.next();
                return RowFactory.create(r.getInt(0), r.getInt(1), r.getInt(2), r.getInt(3), RowCost.sqrts(r.getInt(0), n));
            }
        };
        return () -> data.mapPartitions(perRow, Encoders.row(out)).collectAsList();
    }
}
