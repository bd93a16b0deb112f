package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Any column name can be used in an expression, and none hides a name the expression means otherwise. */
class ExpressionCompiler_ColumnNamesTest {

    static final int[] VALUES = {1, -3, 7};
    static final int[] TWICE = {2, -6, 14};

    /** Returns {@code name} in backticks, a backtick in it doubled. */
    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static Map<String, ColumnType> columns(Object... nameThenType) {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            m.put((String) nameThenType[i], (ColumnType) nameThenType[i + 1]);
        }
        return m;
    }

    /** Compiles {@code with} as {@link ExpressionCompiler#compile} would and as Java, and returns both results. */
    static Object[] bothWays(String with, Map<String, ColumnType> columns, Object... used) {
        Assignment a = Assignment.parse(with);
        ExpressionCompiler.Compiled chosen = ExpressionCompiler.compile(a, columns);
        ExpressionCompiler.Compiled java = ExpressionCompiler.compileJava(a, columns);
        assertThat(java.used()).as(with).isEqualTo(chosen.used());
        return new Object[]{chosen.kernel().compute(used, VALUES.length), java.kernel().compute(used, VALUES.length)};
    }

    @Test
    void quotedNames_spaceDashKeywordNonAsciiBacktickQuoteEmpty_areColumnsOnBothPaths() {
        for (String name : new String[]{"unit price", "x-y", "class", "int", "名前", "it`s", "a\"b", " barks", "",
                "$c0", "Math", "i", "1st", "a,b", "``", "{", "K = A"}) {
            Map<String, ColumnType> columns = columns(name, ColumnType.INT);
            String with = "K = " + quoted(name) + " * 2";

            assertThat(ExpressionCompiler.compile(Assignment.parse(with), columns).kernel())
                    .as(with).isInstanceOf(ArithmeticKernel.class);
            assertThat(bothWays(with, columns, (Object) VALUES)).as(with).containsExactly(TWICE, TWICE);
            assertThat(bothWays("K = Math.abs(" + quoted(name) + ") * 2", columns, (Object) VALUES)[0])
                    .as(with).isEqualTo(new int[]{2, 6, 14});
        }
    }

    @Test
    void bareNonAsciiName_isAColumnOnBothPaths() {
        Map<String, ColumnType> columns = columns("名前", ColumnType.INT, "café", ColumnType.INT);

        assertThat(bothWays("K = 名前 * 2", columns, (Object) VALUES)).containsExactly(TWICE, TWICE);
        assertThat(bothWays("K = { return café * 2; }", columns, (Object) VALUES)[0]).isEqualTo(TWICE);
    }

    @Test
    void columnNamedMath_isTheColumn_butMathSqrtIsStillTheClass() {
        Map<String, ColumnType> columns = columns("Math", ColumnType.DOUBLE);
        double[] math = {4.0, 9.0, 16.0};

        assertThat(bothWays("K = Math.sqrt(Math)", columns, (Object) math)[0]).isEqualTo(new double[]{2, 3, 4});
        assertThat(bothWays("K = Math * 2", columns, (Object) math)).containsExactly(new double[]{8, 18, 32},
                new double[]{8, 18, 32});
    }

    @Test
    void textColumnsNamedStringAndInteger_areTheColumns_butTheirClassesStillWork() {
        Map<String, ColumnType> columns = columns("String", ColumnType.STRING, "Integer", ColumnType.STRING,
                "A", ColumnType.INT);
        String[] string = {"x", "yy", "zzz"};
        String[] integer = {"10", "20", "30"};

        assertThat(bothWays("K = String.valueOf(A) + String", columns, VALUES, string)[0])
                .isEqualTo(new String[]{"1x", "-3yy", "7zzz"});
        assertThat(bothWays("K = Integer.parseInt(Integer) + A", columns, integer, VALUES)[0])
                .isEqualTo(new int[]{11, 17, 37});
        assertThat(bothWays("K = `String`.length()", columns, (Object) string)[0]).isEqualTo(new int[]{1, 2, 3});
        assertThat(bothWays("K = { String s = String; return s + \"!\"; }", columns, (Object) string)[0])
                .isEqualTo(new String[]{"x!", "yy!", "zzz!"});
        assertThat(bothWays("K = (Integer) A", columns, (Object) VALUES)[0]).isEqualTo(VALUES);
    }

    @Test
    void columnNamedI_doesNotBreakALoopOverI_andInBackticksIsTheColumn() {
        Map<String, ColumnType> columns = columns("i", ColumnType.INT, "s", ColumnType.INT);
        String block = "K = { int s = 0; for (int i = 0; i < 3; i++) s += i; return s + `i` + `s`; }";

        // 0 + 1 + 2, plus the columns i and s (s is VALUES too)
        assertThat(bothWays(block, columns, VALUES, VALUES)[0]).isEqualTo(new int[]{5, -3, 17});
        assertThat(bothWays("K = i * 2", columns, (Object) VALUES)).containsExactly(TWICE, TWICE);
    }

    @Test
    void localThatShadowsAColumn_isTheLocalBare_andTheColumnInBackticks() {
        Map<String, ColumnType> columns = columns("A", ColumnType.INT, "flag", ColumnType.BOOLEAN);

        assertThat(bothWays("K = { int A = 5, b = 1; return A + b + `A`; }", columns, (Object) VALUES)[0])
                .isEqualTo(new int[]{7, 3, 13});
        assertThat(bothWays("K = { int y = 0; if (flag) y = 1; return y + A; }", columns,
                new boolean[]{true, false, true}, VALUES)[0]).isEqualTo(new int[]{2, -3, 8});
    }

    @Test
    void quotedNameWrittenAgainstAWord_staysApartFromIt() {
        Map<String, ColumnType> columns = columns("S", ColumnType.STRING);

        assertThat(bothWays("K = `S`instanceof String", columns, (Object) new String[]{"a", null, "c"})[0])
                .isEqualTo(new boolean[]{true, false, true});
    }

    @Test
    void quotedLeftHandName_isTheColumnsName() {
        assertThat(Assignment.parse("`unit price x2` = `unit price` * 2").column()).isEqualTo("unit price x2");
        assertThat(Assignment.parse("  `it``s` = 1").column()).isEqualTo("it`s");
        assertThat(Assignment.parse("`` = 1").column()).isEmpty();
        assertThat(Assignment.parse("名前 = 1").column()).isEqualTo("名前");
        assertThat(Assignment.parse("`a = b` = A").source()).isEqualTo("A");
        assertThat(Assignment.parse("`a = b` =  A ").sourceOffset()).isEqualTo(11);
        assertThatThrownBy(() -> Assignment.parse("`unit price = 1")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("expected NAME = EXPRESSION").hasMessageContaining("backticks");
        assertThatThrownBy(() -> Assignment.parse("unit price = 1")).isInstanceOf(ExpressionException.class);
    }

    @Test
    void quotedLeftHandName_isTheNewColumnInTheFrame() {
        Map<String, ColumnType> types = columns("unit price", ColumnType.INT);
        ExpressionFunction fn = ExpressionFunction.compile(List.of(
                Assignment.parse("`unit price x2` = `unit price` * 2"),
                Assignment.parse("`x``3` = `unit price x2` + `unit price`")), types);

        DataFrame out = fn.apply(DataFrame.byColumn("unit price").of(Series.ofInt(VALUES)));

        assertThat(out.getColumnsIndex().toArray()).containsExactly("unit price", "unit price x2", "x`3");
        assertThat(out.getColumn("x`3").toList()).containsExactly(3, -9, 21);
    }

    @Test
    void bareKeyword_failsSayingToWriteItInBackticks() {
        Map<String, ColumnType> columns = columns("class", ColumnType.INT);

        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("K = class * 2"), columns))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("--with 'K = class * 2': at position 5: ")
                .hasMessageEndingWith("; to mean the column class, write `class`");
    }

    @Test
    void bareNameWithASpace_failsSayingToWriteItInBackticks() {
        Map<String, ColumnType> columns = columns("unit price", ColumnType.INT);

        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("K = unit price * 2"), columns))
                .isInstanceOf(ExpressionException.class)
                .hasMessageEndingWith("; to mean the column unit price, write `unit price`");
    }

    @Test
    void loopVariableUsedAfterItsLoop_failsSayingHowToMeanTheColumn() {
        Map<String, ColumnType> columns = columns("i", ColumnType.INT);
        String with = "K = { int s = 0; for (int i = 0; i < 3; i++) s += i; return s + i; }";

        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse(with), columns))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("at position " + (with.lastIndexOf('i') + 1) + ": Unknown variable or type \"i\"")
                .hasMessageEndingWith("; to mean the column i, write `i`");
    }

    @Test
    void unknownQuotedName_failsWithItsPositionAndTheColumns() {
        Map<String, ColumnType> columns = columns("A", ColumnType.INT, "unit price", ColumnType.INT);

        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("K = A + `B C`"), columns))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("--with 'K = A + `B C`': at position 9: there is no column `B C` "
                        + "(the columns are A, `unit price`)");
    }

    @Test
    void unclosedBacktick_failsWithItsPosition() {
        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("K = A + `B * 2"), columns("A", ColumnType.INT)))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("--with 'K = A + `B * 2': at position 9: the name in backticks is not closed "
                        + "(write a backtick inside a name as two: ``)");
    }

    @Test
    void errorPositions_afterRenamingQuotedNames_pointIntoTheUsersText() {
        Map<String, ColumnType> columns = columns("unit price", ColumnType.INT, "S", ColumnType.STRING);

        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("K = `unit price` * * 2"), columns))
                .hasMessageStartingWith("--with 'K = `unit price` * * 2': at position 20: ");
        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("K = `unit price` + S.foo(`unit price`)"), columns))
                .hasMessageStartingWith("--with 'K = `unit price` + S.foo(`unit price`)': at position 22: ");
        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("`a b` =\t`unit price`\t+\t* 2"), columns))
                .hasMessageStartingWith("--with '`a b` =\t`unit price`\t+\t* 2': at position 24: ");
        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("K = {\n int x = 1;\n return x +* `unit price`; }"), columns))
                .hasMessageStartingWith("--with 'K = {\n int x = 1;\n return x +* `unit price`; }': at position 30: ");
    }

    @Test
    void compileMessages_nameTheColumn_notTheGeneratedParameter() {
        Map<String, ColumnType> columns = columns("unit price", ColumnType.INT);

        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("K = { int `unit price` = 1; return 2; }"), columns))
                .hasMessageContaining("\"`unit price`\"").hasMessageNotContaining("$c");
        assertThatThrownBy(() -> ExpressionCompiler.compile(Assignment.parse("K = (`unit price`) Math.sqrt(1)"), columns))
                .hasMessageNotContaining("$c").hasMessageNotContaining("Line ");
    }

    @Test
    void writtenNames_bareOnlyWhereJavaReadsThemAsNames() {
        assertThat(ColumnNames.written("A")).isEqualTo("A");
        assertThat(ColumnNames.written("名前")).isEqualTo("名前");
        assertThat(ColumnNames.written("class")).isEqualTo("`class`");
        assertThat(ColumnNames.written("unit price")).isEqualTo("`unit price`");
        assertThat(ColumnNames.written("it`s")).isEqualTo("`it``s`");
        assertThat(ColumnNames.written("")).isEqualTo("``");
    }

    @Property(tries = 150)
    void anyName_inBackticks_computesAsAColumnNamedA(@ForAll @StringLength(min = 1, max = 12) String name) {
        Object[] onA = bothWays("K = A * 2", columns("A", ColumnType.INT), (Object) VALUES);
        Object[] onName = bothWays("K = " + quoted(name) + " * 2", columns(name, ColumnType.INT), (Object) VALUES);
        Object[] inJava = bothWays("K = { return " + quoted(name) + " * 2; }", columns(name, ColumnType.INT), (Object) VALUES);

        assertThat(onName).isEqualTo(onA);
        assertThat(inJava).isEqualTo(onA);
        assertThat(Assignment.parse(quoted(name) + " = " + quoted(name) + " * 2").column()).isEqualTo(name);
    }
}
