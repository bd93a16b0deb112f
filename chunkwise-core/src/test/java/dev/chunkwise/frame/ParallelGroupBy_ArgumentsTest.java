package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad keys, settings and aggregates fail naming what is at fault; several keys, and odd columns, work. */
class ParallelGroupBy_ArgumentsTest {

    private static final DataFrame DF = DataFrame.byColumn("K", "A", "S").of(Series.of("x", null, "x", "y"),
            Series.ofInt(1, 2, 3, 4), Series.of("p", "q", "r", "s"));

    @Test
    void groupBy_missingKey_failsNamingItAndTheColumns() {
        assertThatThrownBy(() -> Parallel.groupBy(DF, "Q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key: Q (expected: a column of the frame, one of [K, A, S])");
    }

    @Test
    void groupBy_keyTwice_failsNamingIt() {
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K", "K"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keys: [K, K] (expected: each key column once; K is given twice)");
    }

    @Test
    void settings_givenTwice_fail() {
        try (Pool pool = Pool.serial()) {
            assertThatThrownBy(() -> Parallel.groupBy(DF, "K").on(pool).on(pool))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("pool was already set to");
        }
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K").workers(2).workers(3))
                .isInstanceOf(IllegalStateException.class).hasMessage("workers was already set to 2");
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K").sorted().sorted())
                .isInstanceOf(IllegalStateException.class).hasMessage("sorted was already set to true");
    }

    @Test
    void workers_notPositive_orNotThePools_fail() {
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K").workers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workers: 0 (expected: > 0)");
        try (Pool pool = Pool.threads(2)) {
            assertThatThrownBy(() -> Parallel.groupBy(DF, "K").workers(3).on(pool))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("workers: 3 (expected: 2, the workers of ");
        }
    }

    @Test
    void agg_noAggregate_failsSayingWhatToGive() {
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K").agg())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregates: none (expected: at least one, such as Aggregate.count() or "
                        + "Aggregate.sum(\"B\").as(\"S\"))");
    }

    @Test
    void agg_missingColumn_failsNamingTheAggregate() {
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K").agg(Aggregate.sum("Q").as("T")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum(Q) as T: no column Q in the frame (expected one of [K, A, S])");
    }

    @Test
    void agg_numericAggregateOfText_failsNamingTheColumnAndItsValues() {
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K").agg(Aggregate.mean("S")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean(S): the column S holds [String] values (expected: int, long or double values, one "
                        + "type in the column, for mean; count, first and last take any column)");
    }

    @Test
    void agg_twoAggregatesOneName_orAKeysName_fail() {
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K").agg(Aggregate.sum("A"), Aggregate.max("A").as("sum(A)")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max(A) as sum(A): another aggregate is named sum(A) too (expected: one name per result "
                        + "column; name them with as(...))");
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K").agg(Aggregate.count().as("K")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count as K: the name K is a key column, which the result has already (expected: another "
                        + "name, with as(...))");
    }

    @Test
    void as_emptyName_fails() {
        assertThatThrownBy(() -> Aggregate.sum("A").as(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name: \"\" (expected: a column name for sum(A))");
    }

    @Test
    void aggregate_namesAndText() {
        assertThat(Aggregate.count()).hasToString("count");
        assertThat(Aggregate.sum("B").as("S")).hasToString("sum(B) as S");
        assertThat(Aggregate.std("B").name()).isEqualTo("std(B)");
        assertThat(Aggregate.mean("B")).isEqualTo(Aggregate.mean("B")).isNotEqualTo(Aggregate.mean("B").as("M"));
    }

    @Test
    void of_functionName_givesThatAggregate_orFailsNamingIt() {
        assertThat(Aggregate.of("sum", "B")).isEqualTo(Aggregate.sum("B"));
        assertThat(Aggregate.of("count", null)).isEqualTo(Aggregate.count());
        assertThat(Aggregate.of("last", "B")).isEqualTo(Aggregate.last("B"));
        assertThatThrownBy(() -> Aggregate.of("median", "B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate: median (expected one of count, sum, mean, min, max, var, std, first, last)");
        assertThatThrownBy(() -> Aggregate.of("count", "B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count(B): count takes no column (expected: count(), the group's rows)");
        assertThatThrownBy(() -> Aggregate.of("std", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std(): no column (expected: std(COLUMN))");
    }

    @Test
    void sorted_keysOfTwoTypes_failsNamingBothValues() {
        DataFrame mixed = DataFrame.byColumn("K").of(Series.of("a", 1, "b"));

        assertThatThrownBy(() -> Parallel.groupBy(mixed, "K").sorted().agg(Aggregate.count()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sorted(): the key K holds ")
                .hasMessageContaining("which cannot be compared (expected: key values of one comparable type; "
                        + "leave out sorted() to keep the groups in the order of their first row)");
    }

    @Test
    void agg_twoKeys_groupsByBoth_nullsIncluded() {
        DataFrame df = DataFrame.byColumn("K", "L", "A").of(Series.of("x", "x", null, "x", null),
                Series.of(1, 2, 1, 1, 1), Series.ofInt(1, 2, 3, 4, 5));

        DataFrame result = Parallel.groupBy(df, "K", "L").agg(Aggregate.sum("A").as("S"));

        assertThat(result.getColumnsIndex().toArray()).containsExactly("K", "L", "S");
        assertThat(result.getColumn("K").toList()).containsExactly("x", "x", null);
        assertThat(result.getColumn("L").toList()).containsExactly(1, 2, 1);
        assertThat(result.getColumn("S").toList()).containsExactly(5L, 2L, 8L);
    }

    @Test
    void sorted_twoKeys_byTheFirstThenTheSecond_nullsLast() {
        DataFrame df = DataFrame.byColumn("K", "L").of(Series.of("y", "x", null, "x", "y"), Series.of(1, 2, 1, null, 0));

        DataFrame result = Parallel.groupBy(df, "K", "L").sorted().agg(Aggregate.count());

        assertThat(result.getColumn("K").toList()).containsExactly("x", "x", "y", "y", null);
        assertThat(result.getColumn("L").toList()).containsExactly(2, null, 0, 1, 1);
    }

    @Test
    void agg_columnOfNullsOnly_readsItAsDoubles() {
        DataFrame df = DataFrame.byColumn("K", "N").of(Series.of("a", "a", "b"), Series.of(null, null, null));

        DataFrame result = Parallel.groupBy(df, "K").agg(Aggregate.sum("N"), Aggregate.mean("N"), Aggregate.min("N"));

        assertThat(result.getColumn("sum(N)")).isInstanceOf(DoubleSeries.class);
        assertThat(result.getColumn("sum(N)").toList()).containsExactly(0.0, 0.0);
        assertThat(result.getColumn("mean(N)").toList()).containsExactly(Double.NaN, Double.NaN);
        assertThat(result.getColumn("min(N)").toList()).containsExactly(0.0, 0.0);
    }

    @Test
    void withAggregates_nameOfAKey_failsSayingTheResultWouldLoseIt() {
        assertThatThrownBy(() -> Parallel.groupBy(DF, "K").withAggregates(Aggregate.count().as("K")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count as K: the name K is a key column, which the result would lose (expected: another "
                        + "name, with as(...))");
    }

    @Test
    void withAggregates_nameOfAColumn_replacesIt() {
        DataFrame result = Parallel.groupBy(DF, "K").withAggregates(Aggregate.sum("A").as("A"));

        assertThat(result.getColumnsIndex().toArray()).containsExactly("K", "A", "S");
        assertThat(result.getColumn("A").toList()).containsExactly(4L, 2L, 4L, 4L);
    }
}
