package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.frame.Aggregate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --agg 'NAME = FUNCTION(COLUMN)'}: what parses, what each means, and what each error says. */
class AggregateSpec_ParseTest {

    @Test
    void parse_everyFunction_isTheCoresAggregate() {
        for (String fn : AggregateSpec.FUNCTIONS) {
            String text = fn.equals("count") ? "N = count()" : "X = " + fn + "(B)";

            AggregateSpec a = AggregateSpec.parse(text);

            assertThat(a.function()).isEqualTo(fn);
            assertThat(a.aggregate()).isEqualTo(fn.equals("count") ? Aggregate.count().as("N")
                    : Aggregate.of(fn, "B").as("X"));
        }
    }

    @Test
    void parse_backticksAndSpaces_giveTheNames() {
        AggregateSpec a = AggregateSpec.parse("  `mean price` =  mean ( `unit price` ) ");

        assertThat(a.name()).isEqualTo("mean price");
        assertThat(a.column()).isEqualTo("unit price");
        assertThat(AggregateSpec.parse("S=sum(class)").column()).isEqualTo("class");
        assertThat(AggregateSpec.parse("S = sum(`it``s`)").column()).isEqualTo("it`s");
    }

    @Test
    void parse_unknownAggregate_listsThem() {
        assertThatThrownBy(() -> AggregateSpec.parse("S = median(B)")).isInstanceOf(ExpressionException.class)
                .hasMessage("--agg 'S = median(B)': unknown aggregate median; the aggregates are count, sum, mean, "
                        + "min, max, var, std, first, last");
    }

    @Test
    void parse_notACall_saysTheForm() {
        for (String text : new String[]{"S = B * 2", "sum(B)", "S = sum(B) + 1", "S = ", "S = (sum(B))", "S = B"}) {
            assertThatThrownBy(() -> AggregateSpec.parse(text)).as(text)
                    .hasMessageStartingWith("--agg '" + text + "': expected NAME = FUNCTION(COLUMN), such as "
                            + "'S = sum(B)' or 'N = count()'");
        }
    }

    @Test
    void parse_wrongArguments_sayWhatTheAggregateTakes() {
        assertThatThrownBy(() -> AggregateSpec.parse("N = count(B)"))
                .hasMessage("--agg 'N = count(B)': count takes no column: write count(), the group's rows");
        assertThatThrownBy(() -> AggregateSpec.parse("S = sum()"))
                .hasMessage("--agg 'S = sum()': sum() needs a column, such as sum(B)");
        assertThatThrownBy(() -> AggregateSpec.parse("S = sum(A, B)")).hasMessageContaining("sum takes one column's name");
        assertThatThrownBy(() -> AggregateSpec.parse("S = sum(`B)"))
                .hasMessage("--agg 'S = sum(`B)': at position 9: the name in backticks is not closed (write a backtick "
                        + "inside a name as two: ``)");
    }

    @Test
    void resultType_followsTheCoresTypes() {
        assertThat(AggregateSpec.resultType("count", null)).isEqualTo(ColumnType.INT);
        assertThat(AggregateSpec.resultType("sum", ColumnType.INT)).isEqualTo(ColumnType.LONG);
        assertThat(AggregateSpec.resultType("sum", ColumnType.DOUBLE)).isEqualTo(ColumnType.DOUBLE);
        assertThat(AggregateSpec.resultType("mean", ColumnType.INT)).isEqualTo(ColumnType.DOUBLE);
        assertThat(AggregateSpec.resultType("std", ColumnType.LONG)).isEqualTo(ColumnType.DOUBLE);
        assertThat(AggregateSpec.resultType("min", ColumnType.LONG)).isEqualTo(ColumnType.LONG);
        assertThat(AggregateSpec.resultType("last", ColumnType.STRING)).isEqualTo(ColumnType.STRING);
    }
}
