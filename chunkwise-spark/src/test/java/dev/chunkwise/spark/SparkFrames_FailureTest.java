package dev.chunkwise.spark;

import dev.chunkwise.frame.PartitionFunction;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.dflib.Exp.$int;

/** How a failing or unusable function reaches the caller of {@link SparkFrames}, and the settings' checks. */
class SparkFrames_FailureTest {

    static final SparkSession SPARK = SharedSpark.session();
    static final StructType A_AND_K = DataTypes.createStructType(List.of(
            DataTypes.createStructField("A", DataTypes.IntegerType, true),
            DataTypes.createStructField("K", DataTypes.IntegerType, true)));

    /** A = 0..29 in 3 partitions of 10; the function throws on the batch that holds A = 25. */
    static Dataset<Row> throwingOn25() {
        Dataset<Row> data = SPARK.range(0, 30, 1, 3).selectExpr("cast(id as int) as A");
        PartitionFunction fn = part -> part.cols("K").merge($int("A").mapVal(a -> {
            if (a == 25) {
                throw new IllegalStateException("no 25 here");
            }
            return a * 2;
        }));
        return SparkFrames.of(data).schema(A_AND_K).batchRows(4).apply(fn);
    }

    @Test
    void functionThrowsOnAnExecutor_actionsMessageNamesThePartitionRowsAndTheOriginal() {
        assertThatThrownBy(() -> throwingOn25().collectAsList())
                .isInstanceOf(SparkException.class)
                .hasMessageContaining("dev.chunkwise.spark.SparkPartitionFailedException: partition 2, rows 4–7 of the"
                        + " partition: the function threw java.lang.IllegalStateException: no 25 here");
    }

    @Test
    void functionThrowsOnAnExecutor_causesHoldOurExceptionAndTheOriginal() {
        Throwable thrown = catchThrowable(() -> throwingOn25().collectAsList());

        SparkPartitionFailedException failure = SparkFrames_FailureTest.find(thrown, SparkPartitionFailedException.class);
        assertThat(failure.partition()).isEqualTo(2);
        assertThat(failure.firstRow()).isEqualTo(4);
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("no 25 here");
    }

    @Test
    void functionThrowsOnTheFirstBatch_whileInferring_applyThrowsOurExceptionItself() {
        Dataset<Row> data = SPARK.range(0, 30, 1, 3).selectExpr("cast(id as int) as A");

        assertThatThrownBy(() -> SparkFrames.apply(data, part -> {
            throw new UnsupportedOperationException("not on the first batch");
        }))
                .isInstanceOf(SparkPartitionFailedException.class)
                .hasMessage("partition 0, rows 0–9 of the partition: the function threw"
                        + " java.lang.UnsupportedOperationException: not on the first batch")
                .cause().isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void functionThatCapturesSomethingNotSerializable_failsInApply_withChunkwisesMessage() {
        Object lock = new Object();
        Dataset<Row> data = SPARK.range(3).toDF();

        assertThatThrownBy(() -> SparkFrames.apply(data, part -> lock.hashCode() > 0 ? part : part))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The function cannot be sent to a worker process: it holds a java.lang.Object")
                .hasMessageNotContaining("org.apache.spark");
    }

    @Test
    void batchRows_notPositive_failsNamingTheValue() {
        assertThatThrownBy(() -> SparkFrames.of(SPARK.range(1).toDF()).batchRows(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchRows: 0 (expected: > 0)");
    }

    @Test
    void settingGivenTwice_failsNamingBothValues() {
        assertThatThrownBy(() -> SparkFrames.of(SPARK.range(1).toDF()).batchRows(10).batchRows(20))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("batchRows was already set to 10 (then 20)");
        assertThatThrownBy(() -> SparkFrames.of(SPARK.range(1).toDF()).schema(A_AND_K).schema(A_AND_K))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("schema was already set to struct<A:int,K:int> (then struct<A:int,K:int>)");
    }

    @Test
    void nullArguments_failNamingTheParameter() {
        assertThatThrownBy(() -> SparkFrames.of(null)).hasMessage("data: null (expected: a value)");
        assertThatThrownBy(() -> SparkFrames.apply(SPARK.range(1).toDF(), null)).hasMessage("fn: null (expected: a value)");
    }

    /** Returns the first of {@code e}'s causes (or {@code e}) of {@code type}; fails if there is none. */
    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getName() + " among the causes of " + e, e);
    }
}
