package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Group aggregates in {@code --with} expressions are found in the tokens (not in literals, not as members) and each
 * becomes a column the rewritten expression reads; errors keep positions in the argument as given.
 */
class AggregateCalls_RewriteTest {

    static final List<String> COLUMNS = List.of("G", "A", "B", "unit price", "mean(A)");

    static AggregateCalls calls(String... with) {
        return AggregateCalls.of(Arrays.stream(with).map(Assignment::parse).toList(), COLUMNS);
    }

    @Test
    void of_transform_replacesEachCallByAColumnOnce() {
        AggregateCalls c = calls("Z = (A - mean(A)) / std(A)", "Y = A * mean(A) + count()");

        assertThat(c.uses()).extracting(AggregateCalls.Use::function, AggregateCalls.Use::input,
                        AggregateCalls.Use::column)
                .containsExactly(tuple("mean", "A", "group mean(A)"),
                        tuple("std", "A", "std(A)"),
                        tuple("count", null, "count()"));
        assertThat(c.assignments()).extracting(Assignment::source)
                .containsExactly("(A - `group mean(A)`) / `std(A)`", "A * `group mean(A)` + `count()`");
        assertThat(c.assignments().get(0).text()).isEqualTo("Z = (A - mean(A)) / std(A)");
        assertThat(c.uses().get(2).reader()).isEqualTo("Y = A * mean(A) + count()");
    }

    @Test
    void of_backtickedColumnSpacesAndComments_areOneCall() {
        AggregateCalls c = calls("Z = max ( `unit price` ) /* mean(A) */ + \"sum(B)\".length()");

        assertThat(c.uses()).extracting(AggregateCalls.Use::column).containsExactly("max(unit price)");
        assertThat(c.assignments().get(0).source())
                .isEqualTo("`max(unit price)` /* mean(A) */ + \"sum(B)\".length()");
    }

    @Test
    void of_javaCallsOfTheSameNames_areLeftAlone() {
        AggregateCalls c = calls("Z = Math.max(A, B) + Math.min(A, 1) + s.first(A)");

        assertThat(c.uses()).isEmpty();
        assertThat(c.assignments().get(0).source()).isEqualTo("Math.max(A, B) + Math.min(A, 1) + s.first(A)");
    }

    @Test
    void of_rewrittenExpression_compilesAgainstTheAggregateColumns() {
        AggregateCalls c = calls("Z = (A - mean(A)) / std(A)");
        Map<String, ColumnType> types = new LinkedHashMap<>();
        COLUMNS.forEach(n -> types.put(n, ColumnType.STRING));
        types.put("A", ColumnType.INT);
        types.put("group mean(A)", ColumnType.DOUBLE);
        types.put("std(A)", ColumnType.DOUBLE);

        ExpressionCompiler.Compiled k = ExpressionCompiler.compile(c.assignments().get(0), types);

        assertThat(k.used()).containsExactly("A", "group mean(A)", "std(A)");
        assertThat((double[]) k.kernel().compute(new Object[]{new int[]{1, 3}, new double[]{2, 2},
                new double[]{Math.sqrt(2), Math.sqrt(2)}}, 2)).containsExactly(-1 / Math.sqrt(2), 1 / Math.sqrt(2));
    }

    @Test
    void translate_compileErrorAfterACall_givesThePositionInTheArgumentAsGiven() {
        String with = "Z = A / 0 + mean(A) + B.foo()";
        String control = "Z = A / 0 + MEAN_OF + B.foo()"; // a column as long as the call: the same position
        AggregateCalls c = calls(with);
        Map<String, ColumnType> types = new LinkedHashMap<>();
        COLUMNS.forEach(n -> types.put(n, ColumnType.DOUBLE));
        types.put("group mean(A)", ColumnType.DOUBLE);
        types.put("MEAN_OF", ColumnType.DOUBLE);

        ExpressionException e = catchThrowableOfType(ExpressionException.class,
                () -> ExpressionCompiler.compile(c.assignments().get(0), types));
        ExpressionException expected = catchThrowableOfType(ExpressionException.class,
                () -> ExpressionCompiler.compile(Assignment.parse(control), types));

        assertThat(expected.getMessage()).contains("at position 25: ");
        assertThat(c.translate(e).getMessage()).isEqualTo(expected.getMessage().replace(control, with));
        assertThat(e.getMessage()).doesNotContain("at position 25: ");
    }

    @Test
    void translate_positionInsideACall_isTheCallsStart() {
        String with = "Z = 1 + sum(B)";
        AggregateCalls c = calls(with);
        int inRewritten = c.assignments().get(0).sourceOffset() + c.assignments().get(0).source().indexOf("sum") + 1;

        ExpressionException e = c.translate(new ExpressionException("--with '" + with + "': at position "
                + inRewritten + ": why"));

        assertThat(e.getMessage()).isEqualTo("--with '" + with + "': at position " + (with.indexOf("sum") + 1)
                + ": why");
    }

    @Test
    void of_malformedCalls_sayWhatAnAggregateTakes() {
        assertThatThrownBy(() -> calls("Z = max(A, B)"))
                .hasMessage("--with 'Z = max(A, B)': at position 5: max takes one column's name, such as max(B) (a "
                        + "name that is not a Java identifier goes in backticks: max(`unit price`))");
        assertThatThrownBy(() -> calls("Z = A - mean(A + 1)")).hasMessageContaining("at position 9: mean takes one");
        assertThatThrownBy(() -> calls("Z = count(A)"))
                .hasMessage("--with 'Z = count(A)': at position 5: count takes no column: write count(), the group's rows");
        assertThatThrownBy(() -> calls("Z = sum()"))
                .hasMessage("--with 'Z = sum()': at position 5: sum() needs a column, such as sum(B)");
    }

    @Test
    void of_unknownOrComputedColumn_isNamed() {
        assertThatThrownBy(() -> calls("Z = mean(C)"))
                .hasMessage("--with 'Z = mean(C)': at position 5: mean(C): the file has no column C (its columns are "
                        + "G, A, B, `unit price`, `mean(A)`)");
        assertThatThrownBy(() -> calls("K = A * 2", "Z = K - mean(K)"))
                .hasMessage("--with 'Z = K - mean(K)': at position 9: mean(K) reduces K, which an earlier --with "
                        + "computes; a group aggregate reduces a column of the file");
    }

    @Test
    void of_columnReplacedByTheSameAssignment_isReducedAsRead() {
        AggregateCalls c = calls("A = A - mean(A)");

        assertThat(c.uses()).extracting(AggregateCalls.Use::input).containsExactly("A");
    }

    @Test
    void firstCall_findsOnlyWellFormedAggregateCalls() {
        assertThat(AggregateCalls.firstCall(List.of(Assignment.parse("Z = Math.max(A, 1) + std(`unit price`)"))))
                .isEqualTo("std(`unit price`)");
        assertThat(AggregateCalls.firstCall(List.of(Assignment.parse("Z = max(A, 1) + \"mean(A)\"")))).isNull();
    }
}
