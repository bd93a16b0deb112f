package dev.chunkwise.spark;

import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.spark.RandomTables.Kind;
import dev.chunkwise.spark.RandomTables.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dflib.Exp.$int;
import static org.dflib.Exp.$long;

/** How {@link SparkFrames} converts Spark's types to DFLib's and back, nulls included. */
class SparkFrames_TypesTest {

    static final SparkSession SPARK = SharedSpark.session();
    static final String JAVA8_API = "spark.sql.datetime.java8API.enabled";

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void apply_everyTypeWithNulls_roundTripsItsTypesAndValues(boolean java8Api) {
        Table table = RandomTables.of(Arrays.asList(Kind.values()), 500, 0.2, 19);
        String before = SPARK.conf().get(JAVA8_API);
        SPARK.conf().set(JAVA8_API, Boolean.toString(java8Api));
        try {
            Dataset<Row> out = SparkFrames.of(SparkFramesContract.dataset(SPARK, table, 3)).batchRows(64)
                    .apply(part -> part);
            assertThat(out.schema().fields()).extracting(f -> f.dataType().simpleString())
                    .containsExactlyElementsOf(Arrays.stream(table.schema().fields()).map(f -> f.dataType().simpleString()).toList());
            List<Row> rows = out.collectAsList();
            assertThat(rows).hasSize(500);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < table.frame().width(); c++) {
                    assertThat(SparkFramesContract.normalized(rows.get(r).get(c))).as("row %d, column %d", r, c)
                            .isEqualTo(table.frame().getColumn(c).get(r));
                }
            }
        } finally {
            SPARK.conf().set(JAVA8_API, before);
        }
    }

    @Test
    void intColumn_batchWithNull_isABoxedSeriesHoldingNull_batchWithout_isAnIntSeries() {
        StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("A", DataTypes.IntegerType, true)));
        Dataset<Row> data = SPARK.createDataFrame(List.of(RowFactory.create(1), RowFactory.create(2),
                RowFactory.create((Object) null), RowFactory.create(4)), schema).coalesce(1);

        List<Row> rows = SparkFrames.of(data).batchRows(2).apply(part -> part.cols("K", "SERIES")
                .merge($int("A").mul(2), $int("A").mapVal(a -> part.getColumn("A").getClass().getSimpleName()))).collectAsList();

        assertThat(rows).extracting(r -> r.get(0)).containsExactly(1, 2, null, 4);
        assertThat(rows).extracting(r -> r.get(1)).containsExactly(2, 4, null, 8);
        assertThat(rows.get(0).getString(2)).isEqualTo("IntArraySeries");
        assertThat(rows.get(3).getString(2)).isEqualTo("ArraySeries");
    }

    @Test
    void apply_unsupportedInputType_failsNamingTheColumn() {
        Dataset<Row> data = SPARK.range(3).selectExpr("id", "cast(id as decimal(10,2)) as PRICE");

        assertThatThrownBy(() -> SparkFrames.apply(data, part -> part))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data: column \"PRICE\" is decimal(10,2), which SparkFrames does not convert (supported:"
                        + " int, bigint, float, double, boolean, string, date, timestamp, timestamp_ntz); cast it first,"
                        + " e.g. withColumn(\"PRICE\", col(\"PRICE\").cast(\"string\"))");
    }

    @Test
    void apply_columnNameTwice_failsNamingIt() {
        Dataset<Row> data = SPARK.range(3).selectExpr("id as A", "id as A");

        assertThatThrownBy(() -> SparkFrames.apply(data, part -> part))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data: column \"A\" appears twice in struct<A:bigint,A:bigint>");
    }

    @Test
    void schema_unsupportedType_failsNamingTheColumn() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("B", DataTypes.BinaryType, true)));

        assertThatThrownBy(() -> SparkFrames.of(SPARK.range(1).toDF()).schema(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schema: column \"B\" is binary, which SparkFrames does not convert");
    }

    @Test
    void inferredSchema_isThePrimitiveOrValueTypeOfEachColumn_allNullable() {
        Dataset<Row> data = SPARK.range(0, 10, 1, 2).selectExpr("cast(id as int) as A");
        PartitionFunction fn = part -> part.cols("L", "S", "D").merge($int("A").castAsLong(),
                $int("A").mapVal(a -> "s" + a), $int("A").castAsDouble());

        StructType schema = SparkFrames.apply(data, fn).schema();

        assertThat(schema.simpleString()).isEqualTo("struct<A:int,L:bigint,S:string,D:double>");
        assertThat(schema.fields()).allMatch(f -> f.nullable());
    }

    @Test
    void inferredSchema_allNullColumnOfTheInput_takesTheInputsType() {
        StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("A", DataTypes.IntegerType, true),
                DataTypes.createStructField("S", DataTypes.StringType, true)));
        Dataset<Row> data = SPARK.createDataFrame(List.of(RowFactory.create(1, null), RowFactory.create(2, "x")), schema)
                .coalesce(1);

        Dataset<Row> out = SparkFrames.of(data).batchRows(1).apply(part -> part);

        assertThat(out.schema().simpleString()).isEqualTo("struct<A:int,S:string>");
        assertThat(out.collectAsList()).extracting(r -> r.get(1)).containsExactly(null, "x");
    }

    @Test
    void frameOfTheBatch_isColumnar_primitiveWhereThereIsNoNull() {
        Dataset<Row> data = SPARK.range(0, 5, 1, 1).selectExpr("id as ID", "cast(id as double) as X");

        List<Row> rows = SparkFrames.apply(data, part -> part.cols("KINDS").merge(
                $long("ID").mapVal(i -> part.getColumn("ID").getClass().getSimpleName() + ","
                        + part.getColumn("X").getClass().getSimpleName()))).collectAsList();

        assertThat(rows).extracting(r -> r.getString(2)).containsOnly("LongArraySeries,DoubleArraySeries");
    }
}
