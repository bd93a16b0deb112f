package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ArithmeticKernelTest {

    static final Map<String, ColumnType> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("A", ColumnType.INT);
        COLUMNS.put("B", ColumnType.INT);
        COLUMNS.put("L", ColumnType.LONG);
        COLUMNS.put("D", ColumnType.DOUBLE);
        COLUMNS.put("S", ColumnType.STRING);
    }

    static final int ROWS = 64;

    /** Values that reach the edges: zero (division), -1 and MIN_VALUE (overflow), NaN and -0.0. */
    static Object[] columns(Random r) {
        int[] a = new int[ROWS];
        int[] b = new int[ROWS];
        long[] l = new long[ROWS];
        double[] d = new double[ROWS];
        int[] edges = {0, 1, -1, 2, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int i = 0; i < ROWS; i++) {
            a[i] = i < edges.length ? edges[i] : r.nextInt(201) - 100;
            b[i] = r.nextInt(5) == 0 ? edges[r.nextInt(edges.length)] : r.nextInt(21) - 10;
            l[i] = r.nextInt(4) == 0 ? Long.MIN_VALUE : r.nextLong() % 1000;
            d[i] = r.nextInt(8) == 0 ? (r.nextBoolean() ? -0.0 : Double.NaN) : r.nextGaussian() * 100;
        }
        return new Object[]{a, b, l, d};
    }

    /** A random expression of the arithmetic subset, as a user could write it. */
    static String expression(Random r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return switch (r.nextInt(9)) {
                case 0 -> "A";
                case 1 -> "B";
                case 2 -> "L";
                case 3 -> "D";
                case 4 -> Integer.toString(r.nextInt(7));
                case 5 -> r.nextInt(3) + "L";
                case 6 -> r.nextInt(10) / 4.0 + "";
                case 7 -> "2147483647";
                default -> "-2147483648";
            };
        }
        return switch (r.nextInt(4)) {
            case 0 -> {
                String operand = expression(r, depth - 1);
                yield (operand.startsWith("-") ? "- " : "-") + operand; // "--" would be Java's decrement
            }
            case 1 -> "(" + expression(r, depth - 1) + ")";
            default -> expression(r, depth - 1) + " " + "+-*/%".charAt(r.nextInt(5)) + " " + expression(r, depth - 1);
        };
    }

    @Property(tries = 300)
    void arithmetic_givesExactlyWhatJavaGives(@ForAll long seed) {
        Random r = new Random(seed);
        String source = expression(r, 4);
        Assignment a = Assignment.parse("K = " + source);
        ExpressionCompiler.Compiled fast = ArithmeticKernel.tryCompile(a, COLUMNS);
        ExpressionCompiler.Compiled java = ExpressionCompiler.compileJava(a, COLUMNS);
        assertThat(fast).as(source).isNotNull();
        assertThat(fast.resultType()).as(source).isEqualTo(java.resultType());
        assertThat(fast.used()).as(source).isEqualTo(java.used());

        Object[] all = columns(r);
        Object[] used = fast.used().stream().map(name -> all[indexOf(name)]).toArray();
        Object expected;
        try {
            expected = java.kernel().compute(used, ROWS);
        } catch (ColumnKernel.RowFailure e) {
            expected = failure(e);
        }
        Object actual;
        try {
            actual = fast.kernel().compute(used, ROWS);
        } catch (ColumnKernel.RowFailure e) {
            actual = failure(e);
        }
        assertThat(actual == null ? null : actual.getClass()).as(source).isEqualTo(expected.getClass());
        if (!(expected instanceof double[])) {
            assertThat(actual).as(source).isEqualTo(expected); // int[], long[] by content, or the failure's row and cause
        } else if (expected instanceof double[] e) {
            // Bit for bit, every NaN as one (Java leaves a NaN's bits to the processor): -0.0 differs from 0.0.

            double[] f = (double[]) actual;
            for (int i = 0; i < ROWS; i++) {
                assertThat(Double.doubleToLongBits(f[i])).as(source + " row " + i)
                        .isEqualTo(Double.doubleToLongBits(e[i]));
            }
        }
    }

    /** The failing row and the exception's class and message, which both kernels must give alike. */
    static String failure(ColumnKernel.RowFailure e) {
        return "row " + e.row() + ": " + e.getCause();
    }

    static int indexOf(String name) {
        return switch (name) {
            case "A" -> 0;
            case "B" -> 1;
            case "L" -> 2;
            default -> 3;
        };
    }

    @Test
    void moreThanArithmetic_isLeftToJava() {
        for (String source : new String[]{"Math.sqrt(A)", "(double) A", "A > 2", "S + A", "A << 1", "0x10 * A",
                "010 + A", "2147483648", "1.5f * A", "X * 2", "{ return A; }", "A * (2", "A * 2)", "A ? 1 : 2", "--(B)", "A--2", "`A * 2", "`S` * 2",
                "class * 2", "A.x", "\"A\" + 1"}) {
            Assignment a = Assignment.parse(source.startsWith("{") ? "K = " + source : "K = " + source);
            assertThat(ArithmeticKernel.tryCompile(a, COLUMNS)).as(source).isNull();
        }
    }

    @Test
    void literalsWithExponentsAndSuffixes_areArithmetic_andEqualJava() {
        for (String source : new String[]{"A * 1e-3", "D / 2E+2", "L * 3L - 1", "A * 2.5d", ".5 * A", "-2147483648 + A",
                "A /* a comment */ * 2", "A * 2 // a comment", "`A` * `B`"}) {
            Assignment a = Assignment.parse("K = " + source);
            ExpressionCompiler.Compiled fast = ArithmeticKernel.tryCompile(a, COLUMNS);
            ExpressionCompiler.Compiled java = ExpressionCompiler.compileJava(a, COLUMNS);
            assertThat(fast).as(source).isNotNull();
            assertThat(fast.resultType()).as(source).isEqualTo(java.resultType());
            Object[] all = columns(new Random(1));
            Object[] used = fast.used().stream().map(name -> all[indexOf(name)]).toArray();
            assertThat(fast.kernel().compute(used, ROWS)).as(source).isEqualTo(java.kernel().compute(used, ROWS));
        }
    }

    @Test
    void compilerWarmUp_startsOnlyWhenAnExpressionNeedsJava() {
        assertThat(ExpressionCompiler.warmUpIfNeeded(java.util.List.of(Assignment.parse("K = A * 2"),
                Assignment.parse("L = (K - B) / 2.0")))).isFalse();
        assertThat(ExpressionCompiler.warmUpIfNeeded(java.util.List.of(Assignment.parse("K = A * 2"),
                Assignment.parse("L = Math.sqrt(A)")))).isTrue();
        assertThat(ExpressionCompiler.warmUpIfNeeded(java.util.List.of(
                Assignment.parse("K = { double s = 0; for (int i = 0; i < 200; i++) s += Math.sqrt(i + A); return s; }"))))
                .isTrue();
    }

    @Test
    void theNotebooksExpression_isArithmetic_andNeedsNoCompiler() {
        ExpressionCompiler.Compiled c = ExpressionCompiler.compile(Assignment.parse("K = A * 2"), COLUMNS);

        assertThat(c.kernel()).isInstanceOf(ArithmeticKernel.class);
        assertThat(c.resultType()).isEqualTo(ColumnType.INT);
        assertThat((int[]) c.kernel().compute(new Object[]{new int[]{1, -3, Integer.MAX_VALUE}}, 3))
                .containsExactly(2, -6, -2);
    }
}
