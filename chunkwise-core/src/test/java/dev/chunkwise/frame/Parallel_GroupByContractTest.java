package dev.chunkwise.frame;

import dev.chunkwise.frame.GroupedFrames.Shape;
import dev.chunkwise.pool.Pool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dflib.DataFrame;
import org.dflib.Exp;
import org.dflib.IntSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.dflib.Exp.$col;
import static org.dflib.Exp.$double;
import static org.dflib.Exp.$int;

/**
 * What {@code Parallel.groupBy} promises on every backend: {@code apply} and {@code agg} equal the serial result
 * (DFLib's own group, and a null key as a group of its own), groups in the order of their first row or sorted, for
 * random keys (few groups, many, one hot key, nulls among them); a failure naming its group with the original
 * exception. Each backend runs it through a subclass that gives its pool (null: no pool, auto's shared threads).
 */
public abstract class Parallel_GroupByContractTest {

    /** Per group: a running sum (which depends on the group's rows and their order) and the group's rows. */
    static final PartitionFunction RUNNING_SUM = g -> g.cols("C", "N").merge($int("A").cumSum(), Exp.count());
    /** Per group: its first two rows, so that results have fewer rows than groups. */
    static final PartitionFunction HEAD_TWO = g -> g.head(2);

    static final Aggregate[] AGGREGATES = {
            Aggregate.count(), Aggregate.sum("A"), Aggregate.sum("D").as("SD"), Aggregate.mean("A"),
            Aggregate.mean("D"), Aggregate.min("A"), Aggregate.max("A"), Aggregate.min("D"), Aggregate.max("D"),
            Aggregate.var("D"), Aggregate.std("A"), Aggregate.first("B"), Aggregate.last("B"), Aggregate.sum("B"),
            Aggregate.min("B"), Aggregate.mean("B")};

    /** DFLib's expressions for {@link #AGGREGATES}, one for one. */
    static Exp<?>[] dflibAggregates() {
        return new Exp<?>[]{Exp.count(), $int("A").sum(), $double("D").sum(), $int("A").avg(), $double("D").avg(),
                $int("A").min(), $int("A").max(), $double("D").min(), $double("D").max(), $double("D").variance(false),
                $int("A").stdDev(false), $col("B").first(), $col("B").last(), $int("B").sum(), $int("B").min(),
                $int("B").avg()};
    }

    /** The aggregates summed in another order where a hot group is split: equal within 1e-12 relative. */
    static final Set<String> ROUNDED = Set.of("SD", "mean(D)", "var(D)", "std(A)");

    /** Returns the pool to run on, open for the whole class; null for no pool. */
    protected abstract Pool pool();

    private ParallelGroupBy groupBy(DataFrame df) {
        ParallelGroupBy g = Parallel.groupBy(df, "K");
        return pool() == null ? g : g.on(pool());
    }

    @Property(tries = 20)
    void apply_randomKeys_equalsDFLibsGroupsInOrderOfFirstRow(
            @ForAll @IntRange(min = 0, max = 2000) int rows, @ForAll Shape shape, @ForAll long seed) {
        DataFrame df = GroupedFrames.frame(rows, shape, seed);

        DataFrame result = groupBy(df).apply(RUNNING_SUM);

        assertThatFrame(result).as("%s rows, %s keys", rows, shape)
                .hasSameContentAs(GroupedFrames.serialApply(df, "K", RUNNING_SUM));
    }

    @Property(tries = 10)
    void apply_fewerRowsOutThanIn_concatenatesInGroupOrder(
            @ForAll @IntRange(min = 1, max = 1500) int rows, @ForAll Shape shape, @ForAll long seed) {
        DataFrame df = GroupedFrames.frame(rows, shape, seed);

        assertThatFrame(groupBy(df).apply(HEAD_TWO)).hasSameContentAs(GroupedFrames.serialApply(df, "K", HEAD_TWO));
    }

    @Property(tries = 20)
    void agg_randomKeys_equalsDFLibsAggregatesPerGroup(
            @ForAll @IntRange(min = 1, max = 3000) int rows, @ForAll Shape shape, @ForAll long seed) {
        DataFrame df = GroupedFrames.frame(rows, shape, seed);

        DataFrame result = groupBy(df).agg(AGGREGATES);

        List<Object> keys = GroupedFrames.keysInOrder(df, "K");
        assertThat(result.height()).isEqualTo(keys.size());
        assertThat(result.getColumnsIndex().get(0)).isEqualTo("K");
        for (int i = 0; i < keys.size(); i++) {
            assertThat(result.getColumn("K").get(i)).isEqualTo(keys.get(i));
            assertGroupValues(result, i, GroupedFrames.group(df, "K", keys.get(i)));
        }
    }

    private static void assertGroupValues(DataFrame result, int row, DataFrame group) {
        Exp<?>[] exps = dflibAggregates();
        for (int a = 0; a < AGGREGATES.length; a++) {
            String name = AGGREGATES[a].name();
            Object expected = exps[a].reduce(group);
            Object actual = result.getColumn(name).get(row);
            String where = name + " of group " + result.getColumn("K").get(row) + " (" + group.height() + " rows)";
            if (ROUNDED.contains(name) && !((Double) expected).isNaN()) {
                double e = (Double) expected;
                assertThat((Double) actual).as(where).isCloseTo(e, within(1e-12 * Math.abs(e)));
            } else {
                assertThat(actual).as(where).isEqualTo(expected);
            }
        }
    }

    @Test
    void agg_hotKey_isSplitAndStillEqualsTheOnePassValues() {
        DataFrame df = GroupedFrames.frame(20_000, Shape.HOT, 17);

        DataFrame result = groupBy(df).agg(AGGREGATES);

        int hot = GroupedFrames.keysInOrder(df, "K").indexOf("hot");
        assertGroupValues(result, hot, GroupedFrames.group(df, "K", "hot"));
    }

    @Test
    void agg_sorted_givesKeysAscendingWithTheNullGroupLast() {
        DataFrame df = GroupedFrames.frame(500, Shape.FEW, 3);

        DataFrame result = groupBy(df).sorted().agg(Aggregate.count());

        List<Object> expected = new ArrayList<>(GroupedFrames.keysInOrder(df, "K"));
        expected.sort(Comparator.nullsLast(Comparator.comparing(Object::toString)));
        assertThat(result.getColumn("K").toList()).containsExactlyElementsOf(expected);
        assertThat(result.getColumn("count")).isInstanceOf(IntSeries.class);
        assertThat(result.getColumn("count").toList().stream().mapToInt(v -> (Integer) v).sum()).isEqualTo(500);
    }

    @Test
    void apply_sorted_givesTheGroupsResultsInKeyOrder() {
        DataFrame df = GroupedFrames.frame(300, Shape.FEW, 5);

        DataFrame result = groupBy(df).sorted().apply(HEAD_TWO);

        List<Object> keys = new ArrayList<>(GroupedFrames.keysInOrder(df, "K"));
        keys.sort(Comparator.nullsLast(Comparator.comparing(Object::toString)));
        List<DataFrame> parts = new ArrayList<>();
        for (Object k : keys) {
            parts.add(HEAD_TWO.apply(GroupedFrames.group(df, "K", k)));
        }
        assertThatFrame(result).hasSameContentAs(parts.get(0).vConcat(parts.subList(1, parts.size())
                .toArray(DataFrame[]::new)));
    }

    @Test
    void withAggregates_givesEveryRowItsGroupsValues() {
        DataFrame df = GroupedFrames.frame(4000, Shape.HOT, 11);

        DataFrame result = groupBy(df).withAggregates(Aggregate.mean("A").as("mA"), Aggregate.count().as("n"));

        DataFrame perGroup = groupBy(df).agg(Aggregate.mean("A").as("mA"), Aggregate.count().as("n"));
        List<Object> keys = GroupedFrames.keysInOrder(df, "K");
        assertThat(result.getColumnsIndex().toArray()).containsExactly("K", "A", "D", "B", "mA", "n");
        for (int r = 0; r < df.height(); r++) {
            int g = keys.indexOf(df.getColumn("K").get(r));
            assertThat(result.getColumn("mA").get(r)).as("row %s", r).isEqualTo(perGroup.getColumn("mA").get(g));
            assertThat(result.getColumn("n").get(r)).as("row %s", r).isEqualTo(perGroup.getColumn("n").get(g));
        }
    }

    @Test
    void apply_tenThousandTinyGroups_equalsTheSerialResult() {
        DataFrame df = GroupedFrames.frame(10_000, Shape.ALL_DISTINCT, 1);

        ParallelGroupBy groups = groupBy(df);

        DataFrame result = groups.apply(RUNNING_SUM);

        assertThatFrame(result).hasSameContentAs(GroupedFrames.serialApply(df, "K", RUNNING_SUM));
        GroupPlan plan = groups.explain();
        assertThat(plan.groups()).isEqualTo(10_000);
        assertThat(plan.tasks()).as("tasks, for %s workers", plan.workers()).isLessThanOrEqualTo(2 * plan.workers());
    }

    @Test
    void apply_emptyFrame_appliesTheFunctionToIt() {
        DataFrame df = GroupedFrames.frame(0, Shape.FEW, 1);

        DataFrame result = groupBy(df).apply(RUNNING_SUM);

        assertThat(result.height()).isZero();
        assertThat(result.getColumnsIndex().toArray()).containsExactly("K", "A", "D", "B", "C", "N");
    }

    @Test
    void agg_emptyFrame_givesNoRowsWithTheColumns() {
        DataFrame df = GroupedFrames.frame(0, Shape.FEW, 1);

        DataFrame result = groupBy(df).agg(Aggregate.sum("A").as("S"), Aggregate.count());

        assertThat(result.height()).isZero();
        assertThat(result.getColumnsIndex().toArray()).containsExactly("K", "S", "count");
    }

    @Test
    void apply_functionThrowsForOneGroup_failsNamingTheGroup_withTheOriginalCause() {
        DataFrame df = GroupedFrames.frame(1000, Shape.FEW, 9);
        PartitionFunction failing = g -> {
            if ("k1".equals(g.getColumn("K").get(0))) {
                throw new IllegalStateException("bad group");
            }
            return g;
        };

        assertThatThrownBy(() -> groupBy(df).apply(failing))
                .isInstanceOf(GroupFailedException.class)
                .hasMessageContaining("(K=k1, ")
                .hasMessageContaining("failed: java.lang.IllegalStateException: bad group")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("bad group");
    }

    @Test
    void apply_functionReturnsNull_failsNamingItAndTheGroup() {
        DataFrame df = GroupedFrames.frame(50, Shape.ONE, 1);

        assertThatThrownBy(() -> groupBy(df).apply(g -> null))
                .isInstanceOf(GroupFailedException.class)
                .hasMessageStartingWith("group 0 (K=only, 50 rows) failed")
                .hasMessageContaining("the function returned null");
    }

    @Test
    void apply_groupsGiveDifferentColumns_failsNamingBoth() {
        DataFrame df = GroupedFrames.frame(200, Shape.FEW, 4);
        Object first = df.getColumn("K").get(0);
        PartitionFunction uneven = g -> Objects.equals(g.getColumn("K").get(0), first) ? g : g.cols("K").select();

        assertThatThrownBy(() -> groupBy(df).apply(uneven))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gave the columns [K], group 0 (K=" + first + ") gave [K, A, D, B] "
                        + "(expected: the same columns, in the same order, from every group)");
    }
}
