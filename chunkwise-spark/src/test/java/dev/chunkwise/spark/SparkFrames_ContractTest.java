package dev.chunkwise.spark;

import dev.chunkwise.spark.RandomTables.Kind;
import dev.chunkwise.spark.RandomTables.Table;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link SparkFrames#apply} on {@code local[2]}: for random tables of every type, with nulls, in any
 * number of partitions and batches, the result equals the function applied to the whole table, row for row and in
 * order, in the input's partitions.
 */
class SparkFrames_ContractTest {

    @Property(tries = 25)
    void apply_givenSchema_equalsTheFunctionOnTheWholeTable(@ForAll("tables") Table table,
                                                            @ForAll @IntRange(min = 1, max = 7) int partitions,
                                                            @ForAll @IntRange(min = 1, max = 64) int batchRows) {
        assertThat(SparkFramesContract.differences(SharedSpark.session(), table, partitions, batchRows, true))
                .as(table.toString()).isEmpty();
    }

    @Property(tries = 25)
    void apply_inferredSchema_equalsTheFunctionOnTheWholeTable(@ForAll("tables") Table table,
                                                               @ForAll @IntRange(min = 1, max = 7) int partitions,
                                                               @ForAll @IntRange(min = 1, max = 64) int batchRows) {
        if (table.rows().isEmpty()) {
            // The function's text column has no value to infer a type from: the message says to give the schema.
            assertThatThrownBy(() -> SparkFramesContract.differences(SharedSpark.session(), table, partitions, batchRows, false))
                    .isInstanceOf(SparkPartitionFailedException.class)
                    .hasMessageContaining("the data has no rows, so column \"TEXT\"")
                    .hasMessageContaining("give the schema with SparkFrames.of(data).schema(...)");
            return;
        }
        assertThat(SparkFramesContract.differences(SharedSpark.session(), table, partitions, batchRows, false))
                .as(table.toString()).isEmpty();
    }

    @Property(tries = 20)
    void apply_readsEachPartitionInOrder_inBatchesOfAtMostBatchRows(@ForAll @IntRange(min = 0, max = 200) int rows,
                                                                    @ForAll @IntRange(min = 1, max = 6) int partitions,
                                                                    @ForAll @IntRange(min = 1, max = 50) int batchRows) {
        Dataset<Row> data = SharedSpark.session().range(0, rows, 1, partitions).selectExpr("cast(id as int) as A");
        StructType schema = data.schema().add("HEIGHT", DataTypes.IntegerType);

        List<List<Row>> out = SparkFrames.of(data).batchRows(batchRows).schema(schema)
                .apply(part -> part.cols("HEIGHT").merge(Series.ofVal(part.height(), part.height())))
                .toJavaRDD().glom().collect();

        List<List<Row>> in = data.toJavaRDD().glom().collect();
        assertThat(out).hasSameSizeAs(in);
        for (int p = 0; p < in.size(); p++) {
            int n = in.get(p).size();
            assertThat(out.get(p)).extracting(r -> r.get(0)).as("partition %d", p)
                    .containsExactlyElementsOf(in.get(p).stream().map(r -> r.get(0)).toList());
            List<Object> heights = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                heights.add(Math.min(batchRows, n - i / batchRows * batchRows));
            }
            assertThat(out.get(p)).extracting(r -> r.get(1)).as("batch heights in partition %d", p)
                    .containsExactlyElementsOf(heights);
        }
    }

    @Provide
    Arbitrary<Table> tables() {
        return Combinators.combine(
                Arbitraries.of(Kind.class).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.integers().between(0, 300),
                Arbitraries.of(0.0, 0.1, 0.9),
                Arbitraries.longs()
        ).as(RandomTables::of);
    }
}
