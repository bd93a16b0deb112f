package dev.chunkwise.cli.data;

import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class TypedFrameTest {

    static final DataFrame FRAME = DataFrame.byColumn("A", "S", "N").of(
            Series.ofInt(1, 2), Series.of("x", "y"), Series.of(1, null));

    @Test
    void of_typesEachColumnAsAnExpressionSeesIt_forTheReasonGiven() {
        TypedFrame t = TypedFrame.of(FRAME, "the Parquet file's type");

        assertThat(t.choices()).containsExactly(
                new TypeChoice("A", ColumnType.INT, "the Parquet file's type"),
                new TypeChoice("S", ColumnType.STRING, "the Parquet file's type"),
                new TypeChoice("N", ColumnType.DOUBLE, "the Parquet file's type"));
        assertThat(t.types()).containsExactly(
                entry("A", ColumnType.INT),
                entry("S", ColumnType.STRING),
                entry("N", ColumnType.DOUBLE));
    }

    @Test
    void constructor_choicesThatAreNotTheFramesColumns_isRejected_namingBoth() {
        List<TypeChoice> two = List.of(new TypeChoice("A", ColumnType.INT, "r"), new TypeChoice("N", ColumnType.INT, "r"));

        assertThatThrownBy(() -> new TypedFrame(FRAME, two))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("choices: [A, N] (expected: the frame's columns, [A, S, N])");
    }

    @Test
    void withChoice_replacesOneChoice_andKeepsTheValues() {
        TypedFrame t = TypedFrame.of(FRAME, "r").withChoice(0, new TypeChoice("A", ColumnType.STRING, "used as text"));

        assertThat(t.choices().get(0)).isEqualTo(new TypeChoice("A", ColumnType.STRING, "used as text"));
        assertThat(t.frame()).isSameAs(FRAME);
        assertThat(t.choices().get(0).toString()).isEqualTo("A: String (used as text)");
    }
}
