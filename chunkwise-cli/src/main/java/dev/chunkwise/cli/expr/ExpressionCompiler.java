package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.csv.ColumnType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a {@code --with} expression: plain arithmetic on number columns to an {@link ArithmeticKernel} that needs no
 * compiler, anything else to bytecode with Janino: a class whose loop calls the expression once per row over primitive
 * arrays, so that it runs at JIT speed. The result type is the first of int, long, double, boolean
 * and String that the expression can be returned as.
 */
public final class ExpressionCompiler {

    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])[A-Za-z_$][\\w$]*");

    private ExpressionCompiler() {
    }

    /**
     * What compiling one expression gave.
     *
     * @param kernel     the compiled kernel
     * @param resultType the type of the new column
     * @param used       the columns the expression reads, in the order the kernel takes them
     */
    public record Compiled(ColumnKernel kernel, ColumnType resultType, List<String> used) {
    }

    /**
     * Compiles {@code a} against the columns there are.
     *
     * @throws ExpressionException quoting the expression, with the position and the reason: a syntax error, an
     *                             unknown name (listing the columns), or a type that cannot be a column
     */
    public static Compiled compile(Assignment a, Map<String, ColumnType> columns) {
        Compiled arithmetic = ArithmeticKernel.tryCompile(a, columns);
        return arithmetic != null ? arithmetic : compileJava(a, columns);
    }

    /**
     * Compiles {@code a} as Java with Janino, whatever it is; see {@link #compile}. (Janino's classes are named only
     * in {@link JaninoKernels}: its jar is signed, and loading a class from it verifies the jar, which loads the JDK's
     * security providers; an arithmetic-only command never does.)
     */
    static Compiled compileJava(Assignment a, Map<String, ColumnType> columns) {
        return JaninoKernels.compile(a, columns);
    }

    /**
     * Starts loading and warming Janino on a daemon thread if any of {@code assignments} will need it (one that is not
     * plain arithmetic, whatever its columns' types), so that its compile, which cannot start before the file's
     * column types are sampled, finds the compiler's classes loaded: in a one-shot command, Janino's first compile
     * takes a few hundred milliseconds of class loading and cold code.
     *
     * @return whether it started the warm-up
     */
    public static boolean warmUpIfNeeded(List<Assignment> assignments) {
        boolean needed = false;
        for (Assignment a : assignments) {
            Map<String, ColumnType> anyNumbers = new LinkedHashMap<>();
            Matcher m = IDENTIFIER.matcher(withoutStringLiterals(a.source()));
            while (m.find()) {
                anyNumbers.put(m.group(), ColumnType.DOUBLE);
            }
            needed |= ArithmeticKernel.tryCompile(a, anyNumbers) == null;
        }
        if (needed) {
            Thread t = new Thread(JaninoKernels::warmUp, "chunkwise-compiler-warm-up");
            t.setDaemon(true);
            t.start();
        }
        return needed;
    }

    /** Returns the columns the source names, with their types, in order of first appearance. */
    static Map<String, ColumnType> usedColumns(String source, Map<String, ColumnType> columns) {
        Map<String, ColumnType> used = new LinkedHashMap<>();
        Matcher m = IDENTIFIER.matcher(withoutStringLiterals(source));
        while (m.find()) {
            ColumnType t = columns.get(m.group());
            if (t != null) {
                used.putIfAbsent(m.group(), t);
            }
        }
        return used;
    }

    private static String withoutStringLiterals(String s) {
        return s.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\])*'", "' '");
    }

    /** The line of the generated source on which the user's expression starts. */
    static final int EXPRESSION_LINE = 4;

    static String source(Assignment a, Map<String, ColumnType> used, String resultType) {
        StringBuilder params = new StringBuilder();
        StringBuilder unpack = new StringBuilder();
        StringBuilder call = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, ColumnType> e : used.entrySet()) {
            String t = e.getValue().javaName();
            params.append(i > 0 ? ", " : "").append("final ").append(t).append(' ').append(e.getKey());
            unpack.append("        final ").append(t).append("[] c").append(i).append(" = (").append(t).append("[]) columns[")
                    .append(i).append("];\n");
            call.append(i > 0 ? ", " : "").append('c').append(i).append("[i]");
            i++;
        }
        String body = a.isBlock() ? a.source() : "{ return (" + a.source() + "\n); }";
        String outType = resultType.equals("Object") ? "Object" : resultType;
        return "package dev.chunkwise.cli.expr;\n"
                + "public final class Generated implements dev.chunkwise.cli.expr.ColumnKernel {\n"
                + "    private static " + outType + " f(" + params + ")\n"
                + body + "\n"
                + "    public Object compute(Object[] columns, int rows) {\n"
                + unpack
                + "        final " + outType + "[] out = new " + outType + "[rows];\n"
                + "        for (int i = 0; i < rows; i++) {\n"
                + "            out[i] = f(" + call + ");\n"
                + "        }\n"
                + "        return out;\n"
                + "    }\n"
                + "}\n";
    }
}
