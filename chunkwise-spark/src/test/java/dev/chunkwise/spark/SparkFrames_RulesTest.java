package dev.chunkwise.spark;

import dev.chunkwise.frame.PartitionFunction;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dflib.Exp.$int;

/**
 * The rules a function's result keeps on every batch, and the messages when it does not: the same columns and types as
 * the schema, the batch's rows, nulls only where the schema allows them.
 */
class SparkFrames_RulesTest {

    static final SparkSession SPARK = SharedSpark.session();

    /** 20 rows, A = 0..19, in 2 partitions of 10. */
    static Dataset<Row> twenty() {
        return SPARK.range(0, 20, 1, 2).selectExpr("cast(id as int) as A");
    }

    @Test
    void laterBatch_otherColumns_failsNamingThePartitionRowsAndColumns() {
        // Only the batch of A = 5..9 (partition 0, its second) returns another column: one task fails, whatever the order.
        PartitionFunction fn = part -> part.getColumn("A").get(0).equals(5) ? part.cols("X").merge($int("A")) : part;

        Dataset<Row> out = SparkFrames.of(twenty()).batchRows(5).apply(fn);

        assertThatThrownBy(out::collectAsList)
                .isInstanceOf(SparkException.class)
                .hasMessageContaining("SparkPartitionFailedException: partition 0, rows 5–9 of the partition: the"
                        + " function's result has columns [A, X] where the schema inferred from the first batch of"
                        + " partition 0 has [A]; the result's columns or types vary from batch to batch: give the"
                        + " schema with SparkFrames.of(data).schema(...)");
    }

    @Test
    void laterBatch_otherPrimitiveType_failsNamingTheColumnAndTypes() {
        PartitionFunction fn = part -> part.cols("K").merge((int) part.getColumn("A").get(0) < 10
                ? part.getColumn("A") : Series.ofLong(new long[part.height()]));

        Dataset<Row> out = SparkFrames.apply(twenty(), fn);

        assertThatThrownBy(out::collectAsList)
                .hasMessageContaining("partition 1, rows 0–9 of the partition: column \"K\" of the function's result is"
                        + " a LongArraySeries of bigint where the schema inferred from the first batch of partition 0"
                        + " has int (expected: values of java.lang.Integer)");
    }

    @Test
    void objectValueOfOtherClass_failsNamingTheRowColumnAndValue() {
        PartitionFunction fn = part -> part.cols("K").merge($int("A").mapVal(a -> a == 13 ? (Object) 13L : (Object) a));

        Dataset<Row> out = SparkFrames.apply(twenty(), fn);

        assertThatThrownBy(out::collectAsList)
                .hasMessageContaining("partition 1, row 3 of the partition: column \"K\" of the function's result holds"
                        + " 13 (java.lang.Long) where the schema inferred from the first batch of partition 0 has int"
                        + " (expected: values of java.lang.Integer)");
    }

    @Test
    void nullWhereTheGivenSchemaSaysNotNullable_failsNamingTheRow() {
        StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("A", DataTypes.IntegerType, false),
                DataTypes.createStructField("K", DataTypes.IntegerType, false)));
        PartitionFunction fn = part -> part.cols("K").merge($int("A").mapVal(a -> a == 7 ? null : a));

        Dataset<Row> out = SparkFrames.of(twenty()).schema(schema).apply(fn);

        assertThatThrownBy(out::collectAsList)
                .hasMessageContaining("partition 0, row 7 of the partition: column \"K\" of the function's result holds"
                        + " null where the given schema says it is not nullable");
    }

    @Test
    void otherRowCount_failsSayingOneRowOutPerRowIn() {
        StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("A", DataTypes.IntegerType, true)));

        Dataset<Row> out = SparkFrames.of(twenty()).schema(schema)
                .apply(part -> part.getColumn("A").get(0).equals(10) ? part.head(1) : part);

        assertThatThrownBy(out::collectAsList)
                .hasMessageContaining("partition 1, rows 0–9 of the partition: the function returned 1 rows for a batch"
                        + " of 10 (expected: one row out per row in");
    }

    @Test
    void nullResult_fails() {
        assertThatThrownBy(() -> SparkFrames.apply(twenty(), part -> null))
                .isInstanceOf(SparkPartitionFailedException.class)
                .hasMessage("partition 0, rows 0–9 of the partition: the function returned null (expected: a frame,"
                        + " such as the batch with columns added)");
    }

    @Test
    void inference_computedColumnOfOnlyNulls_failsInApplySayingGiveTheSchema() {
        PartitionFunction fn = part -> part.cols("N").merge(Series.ofVal(null, part.height()));

        assertThatThrownBy(() -> SparkFrames.apply(twenty(), fn))
                .isInstanceOf(SparkPartitionFailedException.class)
                .hasMessage("partition 0, rows 0–9 of the partition: column \"N\" of the function's result holds only"
                        + " nulls in the first batch and its type cannot be inferred: give the schema with"
                        + " SparkFrames.of(data).schema(...)");
    }

    @Test
    void inference_valuesOfAnUnconvertedClass_failsNamingThem() {
        PartitionFunction fn = part -> part.cols("N").merge($int("A").mapVal(a -> List.of(a)));

        assertThatThrownBy(() -> SparkFrames.apply(twenty(), fn))
                .isInstanceOf(SparkPartitionFailedException.class)
                .hasMessageStartingWith("partition 0, rows 0–9 of the partition: column \"N\" of the function's result"
                        + " holds values of java.util.ImmutableCollections$List12, which SparkFrames does not convert");
    }

    @Test
    void givenSchema_isUsedAsItIs_andNothingRunsBeforeTheAction() {
        StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("A", DataTypes.IntegerType, true)));

        Dataset<Row> out = SparkFrames.of(twenty()).schema(schema).apply(part -> {
            throw new IllegalStateException("runs only when an action runs");
        });

        assertThat(out.schema()).isEqualTo(schema);
        assertThatThrownBy(out::count).hasMessageContaining("runs only when an action runs");
    }
}
