import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.spark.SparkFrames;
import dev.chunkwise.spark.SparkPool;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * SparkFrames.apply against the same job written by hand on Spark (issue #19): on an embedded local[2] session, a
 * cached Dataset of ROWS rows with an int column A, then K = A * 2 (and K = the sum of 200 square roots of i + A) by
 * SparkFrames.apply, by mapPartitions over Rows, and by withColumn (the arithmetic only), each forced whole by
 * Spark's "noop" sink; the median of 5 after 2 warm-ups, in one JVM.
 *
 *   bench/spark-frames/run.sh [ROWS]     (default 10^7)
 */
public final class SparkFramesOverhead {

    static double sqrts(int a) {
        double s = 0;
        for (int i = 0; i < 200; i++) {
            s += Math.sqrt(i + a);
        }
        return s;
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        try (SparkPool pool = SparkPool.local(2)) {
            SparkSession spark = pool.session();
            Dataset<Row> data = spark.range(rows).selectExpr("cast(id % 100 as int) as A").repartition(4).cache();
            data.count();
            StructType withK = data.schema().add("K", DataTypes.IntegerType);
            StructType withH = data.schema().add("K", DataTypes.DoubleType);

            PartitionFunction cheap = part -> part.cols("K").merge(org.dflib.Exp.$int("A").mul(2));
            PartitionFunction heavy = part -> {
                IntSeries a = (IntSeries) part.<Integer>getColumn("A");
                double[] k = new double[a.size()];
                for (int r = 0; r < k.length; r++) {
                    k[r] = sqrts(a.getInt(r));
                }
                return part.cols("K").merge(Series.ofDouble(k));
            };
            MapPartitionsFunction<Row, Row> cheapRows = it -> {
                List<Row> out = new ArrayList<>();
                while (it.hasNext()) {
                    Row r = it.next();
                    out.add(RowFactory.create(r.getInt(0), r.getInt(0) * 2));
                }
                return out.iterator();
            };
            MapPartitionsFunction<Row, Row> heavyRows = it -> new Iterator<>() {
                public boolean hasNext() {
                    return it.hasNext();
                }

                public Row next() {
                    Row r = it.next();
                    return RowFactory.create(r.getInt(0), sqrts(r.getInt(0)));
                }
            };

            report("K = A * 2, SparkFrames.apply", () -> noop(SparkFrames.of(data).schema(withK).apply(cheap)));
            report("K = A * 2, mapPartitions over Rows", () -> noop(data.mapPartitions(cheapRows, ExpressionEncoder.apply(withK))));
            report("K = A * 2, withColumn", () -> noop(data.withColumn("K", col("A").multiply(2))));
            report("200 square roots, SparkFrames.apply", () -> noop(SparkFrames.of(data).schema(withH).apply(heavy)));
            report("200 square roots, mapPartitions over Rows", () -> noop(data.mapPartitions(heavyRows, ExpressionEncoder.apply(withH))));
        }
    }

    static void noop(Dataset<Row> d) {
        d.write().format("noop").mode("overwrite").save();
    }

    static void report(String what, Runnable job) {
        for (int i = 0; i < 2; i++) {
            job.run();
        }
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            job.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-45s median %.0f ms (%.0f-%.0f)%n", what, ms[2], ms[0], ms[4]);
    }
}
