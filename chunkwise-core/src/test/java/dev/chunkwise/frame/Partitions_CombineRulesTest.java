package dev.chunkwise.frame;

import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules the parts of a row-wise apply keep, enforced where they are combined, with messages that name the part. */
class Partitions_CombineRulesTest {

    final DataFrame df = Frames.randomInts(4, 0, 10, 1, "A");
    final List<DataFrame> inputs = Partitions.split(df, 2);

    @Test
    void partsWithDifferentColumns_failNamingThePartAndBothColumnSets() {
        List<DataFrame> results = List.of(inputs.get(0).cols("X").merge(Series.ofInt(1, 2)),
                inputs.get(1).cols("Y").merge(Series.ofInt(3, 4)));

        assertThatThrownBy(() -> Partitions.combine(df, inputs, results))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition 1 gave the columns [A, Y], partition 0 gave [A, X] (expected: the same columns, "
                        + "in the same order, from every part)");
    }

    @Test
    void aPartThatIsNotRowWise_failsNamingItsRows() {
        List<DataFrame> results = List.of(inputs.get(0), inputs.get(1).head(1));

        assertThatThrownBy(() -> Partitions.combine(df, inputs, results))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("partition 1 gave 1 rows for its 2 (expected: one row out per row in");
    }

    @Test
    void intLongAndDoubleParts_ofOneColumn_areWidenedAsJavaWidens() {
        List<DataFrame> ints = List.of(inputs.get(0).cols("K").merge(Series.ofInt(1, 2)),
                inputs.get(1).cols("K").merge(Series.ofLong(3L, 4L)));
        List<DataFrame> doubles = List.of(inputs.get(0).cols("K").merge(Series.ofInt(1, 2)),
                inputs.get(1).cols("K").merge(Series.ofDouble(0.5, 4)));

        assertThat(Partitions.combine(df, inputs, ints).getColumn("K")).isInstanceOf(LongSeries.class)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(Partitions.combine(df, inputs, doubles).getColumn("K")).isInstanceOf(DoubleSeries.class)
                .containsExactly(1.0, 2.0, 0.5, 4.0);
    }
}
