package dev.chunkwise.frame;

import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Partitions_SplitTest {

    @ParameterizedTest(name = "{0} rows in {1} parts: {2}")
    @CsvSource(delimiter = ';', value = {
            "100; 7; 15 15 14 14 14 14 14",
            "10; 3; 4 3 3",
            "9; 3; 3 3 3",
            "0; 3; 0 0 0",
            "2; 5; 1 1 0 0 0",
            "5; 1; 5",
    })
    void sizes_followNumpyArraySplit(int rows, int parts, String expected) {
        int[] want = Arrays.stream(expected.split(" ")).mapToInt(Integer::parseInt).toArray();
        assertThat(Partitions.sizes(rows, parts)).containsExactly(want);
    }

    @Test
    void sizes_zeroParts_isRejectedWithItsName() {
        assertThatThrownBy(() -> Partitions.sizes(10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parts: 0 (expected: > 0)");
    }

    @Test
    void split_thenConcat_givesTheFrameBack() {
        DataFrame df = Frames.randomInts(100, 0, 100, 1, "A", "B", "C", "D");

        List<DataFrame> parts = Partitions.split(df, 7);

        assertThat(parts).extracting(DataFrame::height).containsExactly(15, 15, 14, 14, 14, 14, 14);
        assertThatFrame(Partitions.concat(parts)).hasSameContentAs(df);
    }

    @Test
    void split_moreRowsThanParts_givesEmptyTrailingParts() {
        DataFrame df = Frames.randomInts(2, 0, 10, 1, "A");

        List<DataFrame> parts = Partitions.split(df, 4);

        assertThat(parts).extracting(DataFrame::height).containsExactly(1, 1, 0, 0);
        assertThat(parts.get(3).getColumnsIndex().toArray()).containsExactly("A");
    }

    @Test
    void split_emptyFrame_givesEmptyParts() {
        DataFrame df = Frames.randomInts(0, 0, 10, 1, "A", "B");

        assertThat(Partitions.split(df, 3)).extracting(DataFrame::height).containsExactly(0, 0, 0);
    }

    @Test
    void concat_intColumns_stayPrimitive() {
        DataFrame df = Frames.randomInts(1000, 0, 100, 1, "A", "B");

        DataFrame back = Partitions.concat(Partitions.split(df, 7));

        assertThat(back.getColumn("A")).isInstanceOf(IntSeries.class);
    }

    @Test
    void combine_untouchedColumns_areTakenFromTheSourceWithoutCopying() {
        DataFrame df = Frames.randomInts(1000, 0, 100, 1, "A", "B");
        List<DataFrame> parts = Partitions.split(df, 4);
        List<DataFrame> results = parts.stream().map(Parallel_ApplyTest.TIMES_TWO::apply).toList();

        DataFrame combined = Partitions.combine(df, parts, results);

        assertThat(combined.getColumn("A")).isSameAs(df.getColumn("A"));
        assertThat(combined.getColumn("B")).isSameAs(df.getColumn("B"));
        assertThat(combined.getColumn("K")).isInstanceOf(IntSeries.class);
        assertThatFrame(combined).hasSameContentAs(Parallel_ApplyTest.TIMES_TWO.apply(df));
    }
}
