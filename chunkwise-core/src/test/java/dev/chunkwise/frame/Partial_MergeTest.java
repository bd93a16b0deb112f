package dev.chunkwise.frame;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Partial results over pieces of a column, merged in row order, give what DFLib's expression gives over the whole
 * column: to the bit for counts, int and long sums, mins, maxes (NaN first, NaN later, -0.0 beside 0.0), firsts,
 * lasts and int means; within 1e-12 relative for double sums, long and double means, variances and deviations.
 */
class Partial_MergeTest {

    private static final List<Function<String, Aggregate>> KINDS = List.of(c -> Aggregate.count(), Aggregate::sum,
            Aggregate::mean, Aggregate::min, Aggregate::max, Aggregate::var, Aggregate::std, Aggregate::first,
            Aggregate::last);
    private static final Set<Aggregate.Kind> ROUNDED_FOR_DOUBLES = Set.of(Aggregate.Kind.SUM, Aggregate.Kind.MEAN,
            Aggregate.Kind.VAR, Aggregate.Kind.STD);

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.doubles().between(0, 1000)),
                Tuple.of(2, Arbitraries.of(Double.NaN, -0.0, 0.0)),
                Tuple.of(1, Arbitraries.of(Double.POSITIVE_INFINITY))).injectNull(0.1);
    }

    @Property(tries = 300)
    void merge_doublePieces_equalsTheOnePassValue(
            @ForAll @Size(min = 1, max = 60) List<@From("doubles") Double> values,
            @ForAll @IntRange(min = 1, max = 6) int pieces, @ForAll long seed) {
        DataFrame df = DataFrame.byColumn("X").of(Series.of(values.toArray(Double[]::new)));

        for (Function<String, Aggregate> kind : KINDS) {
            assertMergedEqualsWhole(kind.apply("X"), df, pieces, seed, ROUNDED_FOR_DOUBLES);
        }
    }

    @Property(tries = 300)
    void merge_intPieces_equalsTheOnePassValueToTheBit(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -1000, max = 1000) Integer> values,
            @ForAll @IntRange(min = 1, max = 6) int pieces, @ForAll long seed) {
        DataFrame df = DataFrame.byColumn("X").of(Series.ofInt(values.stream().mapToInt(Integer::intValue).toArray()));

        for (Function<String, Aggregate> kind : KINDS) {
            assertMergedEqualsWhole(kind.apply("X"), df, pieces, seed, Set.of(Aggregate.Kind.VAR, Aggregate.Kind.STD));
        }
    }

    @Property(tries = 200)
    void merge_longPieces_wrapLikeTheOnePassSum(
            @ForAll @Size(min = 1, max = 40) List<Long> values,
            @ForAll @IntRange(min = 1, max = 6) int pieces, @ForAll long seed) {
        DataFrame df = DataFrame.byColumn("X").of(Series.ofLong(values.stream().mapToLong(Long::longValue).toArray()));

        for (Aggregate.Kind exact : List.of(Aggregate.Kind.SUM, Aggregate.Kind.MIN, Aggregate.Kind.MAX)) {
            Aggregate a = KINDS.get(exact.ordinal()).apply("X");
            assertMergedEqualsWhole(a, df, pieces, seed, Set.of());
        }
    }

    @Test
    void merge_intObjectsWithNulls_skipsTheNulls() {
        DataFrame df = DataFrame.byColumn("X").of(Series.of(null, 4, null, -2, 7, null));

        for (Function<String, Aggregate> kind : KINDS) {
            for (int pieces = 1; pieces <= 6; pieces++) {
                assertMergedEqualsWhole(kind.apply("X"), df, pieces, pieces, Set.of(Aggregate.Kind.VAR,
                        Aggregate.Kind.STD));
            }
        }
    }

    @Test
    void merge_minOfDoubles_aNaNFirstInALaterPieceIsPassedOver() {
        DataFrame df = DataFrame.byColumn("X").of(Series.ofDouble(5, 3, Double.NaN, 1, 2));
        Reducer min = Reducer.bind(Aggregate.min("X"), df);

        Partial merged = min.partial(df.rowsRange(0, 2).select()).merge(min.partial(df.rowsRange(2, 5).select()));

        assertThat(min.finish(merged)).isEqualTo(1.0).isEqualTo(min.exp().reduce(df));
    }

    private static void assertMergedEqualsWhole(Aggregate a, DataFrame df, int pieces, long seed,
                                                Set<Aggregate.Kind> rounded) {
        Reducer r = Reducer.bind(a, df);
        Object whole = r.exp().reduce(df);
        Partial merged = null;
        for (DataFrame piece : cut(df, pieces, seed)) {
            Partial p = r.partial(piece);
            merged = merged == null ? p : merged.merge(p);
        }
        Object actual = r.finish(merged);
        String where = a + " over " + df.getColumn("X").toList() + " in " + pieces + " pieces";
        if (rounded.contains(a.kind()) && whole instanceof Double e && Double.isFinite(e)) {
            assertThat((Double) actual).as(where).isCloseTo(e, within(1e-12 * Math.abs(e)));
        } else {
            assertThat(actual).as(where).isEqualTo(whole);
        }
    }

    /** Cuts {@code df} into at most {@code pieces} non-empty runs of rows at random places. */
    private static List<DataFrame> cut(DataFrame df, int pieces, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DataFrame> out = new ArrayList<>();
        int from = 0;
        for (int p = 0; p < pieces - 1 && from < df.height() - 1; p++) {
            int to = random.nextInt(from + 1, df.height());
            out.add(df.rowsRange(from, to).select());
            from = to;
        }
        out.add(df.rowsRange(from, df.height()).select());
        return out;
    }
}
