package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An expression that throws on a row names the row, the expression, the values it read and the original exception. */
class ExpressionFunction_FailureTest {

    static final Map<String, ColumnType> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("A", ColumnType.INT);
        TYPES.put("B", ColumnType.INT);
        TYPES.put("C", ColumnType.INT);
        TYPES.put("S", ColumnType.STRING);
    }

    static DataFrame frame(int[] b, int[] c, String[] s) {
        int[] a = new int[b.length];
        Arrays.setAll(a, i -> i + 1);
        return DataFrame.byColumn("A", "B", "C", "S").of(Series.ofInt(a), Series.ofInt(b), Series.ofInt(c), Series.of(s));
    }

    static final DataFrame FRAME = frame(new int[]{1, 2, 3, 0, 5}, new int[]{1, 0, 1, 1, 1},
            new String[]{"1", "2", "oops", "4", "5"});

    static ExpressionFailedException failure(DataFrame df, String... with) {
        ExpressionFunction fn = ExpressionFunction.compile(Arrays.stream(with).map(Assignment::parse).toList(), TYPES);
        return catchThrowableOfType(ExpressionFailedException.class, () -> fn.apply(df));
    }

    @Test
    void parseIntOfText_namesTheRowTheValueAndTheCause() {
        ExpressionFailedException e = failure(FRAME, "K = Integer.parseInt(S)");

        assertThat(e.row()).isEqualTo(2);
        assertThat(e.expression()).isEqualTo("K = Integer.parseInt(S)");
        assertThat(e.inputs()).containsExactly(Map.entry("S", "\"oops\""));
        assertThat(e.getCause()).isInstanceOf(NumberFormatException.class).hasMessage("For input string: \"oops\"");
        assertThat(e).hasMessage("--with 'K = Integer.parseInt(S)' failed on row 2 of its partition (counting from 0) "
                + "(S=\"oops\"): java.lang.NumberFormatException: For input string: \"oops\"");
        assertThat(e.describe("on data row 9")).isEqualTo("--with 'K = Integer.parseInt(S)' failed on data row 9 "
                + "(S=\"oops\"): java.lang.NumberFormatException: For input string: \"oops\"");
    }

    @Test
    void arithmeticDivisionByZero_namesTheFirstRowThatDividesByZero_asJavaWould() {
        // B is 0 on row 3, C on row 1: column at a time, A / B is met first; row by row, row 1 fails first.
        ExpressionFailedException arithmetic = failure(FRAME, "K = A / B + A / C");
        ExpressionFailedException java = failure(FRAME, "K = { return A / B + A / C; }");

        for (ExpressionFailedException e : List.of(arithmetic, java)) {
            assertThat(e.row()).isEqualTo(1);
            assertThat(e.inputs()).containsExactly(Map.entry("A", "2"), Map.entry("B", "2"), Map.entry("C", "0"));
            assertThat(e.getCause()).isInstanceOf(ArithmeticException.class).hasMessage("/ by zero");
        }
        assertThat(ExpressionCompiler.compile(Assignment.parse("K = A / B + A / C"), TYPES).kernel())
                .isInstanceOf(ArithmeticKernel.class);
    }

    @Test
    void laterExpression_readsTheEarliersColumn_andNamesItsValue() {
        ExpressionFailedException e = failure(FRAME, "K = B - 3", "L = 10 % K");

        assertThat(e.expression()).isEqualTo("L = 10 % K");
        assertThat(e.row()).isEqualTo(2); // B - 3 is 0 on row 2
        assertThat(e.inputs()).containsExactly(Map.entry("K", "0"));
    }

    @Test
    void quotedColumnName_isNamedAsWritten() {
        Map<String, ColumnType> types = Map.of("unit price", ColumnType.INT);
        ExpressionFunction fn = ExpressionFunction.compile(List.of(Assignment.parse("K = 1 / `unit price`")), types);

        ExpressionFailedException e = catchThrowableOfType(ExpressionFailedException.class,
                () -> fn.apply(DataFrame.byColumn("unit price").of(Series.ofInt(3, 0))));

        assertThat(e).hasMessageContaining("failed on row 1 of its partition (counting from 0) (`unit price`=0): ");
    }

    @Test
    void longText_isCutTo40Characters() {
        String longText = "x".repeat(100);
        DataFrame df = frame(new int[]{1}, new int[]{1}, new String[]{longText});

        ExpressionFailedException e = failure(df, "K = Integer.parseInt(S)");

        assertThat(e.inputs().get("S")).hasSize(40).isEqualTo("\"" + "x".repeat(38) + "…");
        assertThat(ExpressionFailedException.shortValue("a\nb")).isEqualTo("\"a\\nb\"");
    }

    @Test
    void unboxingANull_failsOnItsRow_namingTheException() {
        ExpressionFailedException e = failure(FRAME, "K = A > 3 ? (Integer) null : A");

        assertThat(e.row()).isEqualTo(3);
        assertThat(e.getCause()).isInstanceOf(NullPointerException.class);
        assertThat(e.getMessage()).contains("failed on row 3", "(A=4): java.lang.NullPointerException");
    }

    @Test
    void textThatIsNull_isAValue_notAFailure() {
        ExpressionFunction fn = ExpressionFunction.compile(List.of(Assignment.parse("K = A > 3 ? null : S")), TYPES);

        DataFrame out = fn.apply(FRAME);

        assertThat(out.getColumn("K").toList()).containsExactly("1", "2", "oops", null, null);
    }

    @Test
    void failure_crossesSerializationWhole() throws Exception {
        ExpressionFailedException e = failure(FRAME, "K = Integer.parseInt(S)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }

        ExpressionFailedException back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (ExpressionFailedException) in.readObject();
        }

        assertThat(back).hasMessage(e.getMessage());
        assertThat(back.row()).isEqualTo(2);
        assertThat(back.expression()).isEqualTo(e.expression());
        assertThat(back.inputs()).isEqualTo(e.inputs());
        assertThat(back.getCause()).isInstanceOf(NumberFormatException.class).hasMessage(e.getCause().getMessage());
    }
}
