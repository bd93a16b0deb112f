package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.csv.ColumnType;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.Location;
import org.codehaus.janino.SimpleCompiler;

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

    private static final ColumnType[] RESULT_TYPES = {
            ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.STRING};
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])[A-Za-z_$][\\w$]*");
    private static final Pattern LOCATION_PREFIX = Pattern.compile("^(File [^,]*, )?Line \\d+, Column \\d+: ");
    private static final String CLASS_NAME = "dev.chunkwise.cli.expr.Generated";

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

    /** Compiles {@code a} as Java with Janino, whatever it is; see {@link #compile}. */
    static Compiled compileJava(Assignment a, Map<String, ColumnType> columns) {
        Map<String, ColumnType> used = usedColumns(a.source(), columns);
        CompileException firstError = null;
        for (ColumnType result : RESULT_TYPES) {
            try {
                ColumnKernel kernel = cook(source(a, used, result.javaName()));
                return new Compiled(kernel, result, new ArrayList<>(used.keySet()));
            } catch (CompileException e) {
                if (firstError == null) {
                    firstError = e;
                }
            }
        }
        try {
            cook(source(a, used, "Object"));
        } catch (CompileException e) {
            throw explain(a, e, columns);
        }
        throw new ExpressionException("--with '" + a.text() + "': the expression's value is not an int, long, double, "
                + "boolean or String, so it cannot be a column (" + message(firstError) + ")");
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
            Thread t = new Thread(() -> {
                try {
                    cook(source(Assignment.parse("W = Math.sqrt(1.0 + A)"), Map.of("A", ColumnType.DOUBLE), "double"));
                } catch (CompileException | RuntimeException e) {
                    // Only a warm-up: the real compile reports its own errors.
                }
            }, "chunkwise-compiler-warm-up");
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

    private static ColumnKernel cook(String source) throws CompileException {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(ColumnKernel.class.getClassLoader());
        compiler.cook(source);
        try {
            return (ColumnKernel) compiler.getClassLoader().loadClass(CLASS_NAME).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the compiled expression could not be loaded", e);
        }
    }

    private static ExpressionException explain(Assignment a, CompileException e, Map<String, ColumnType> columns) {
        String why = message(e);
        StringBuilder msg = new StringBuilder("--with '").append(a.text()).append("': ");
        Location loc = e.getLocation();
        if (loc != null && loc.getLineNumber() >= EXPRESSION_LINE) {
            int line = loc.getLineNumber() - EXPRESSION_LINE;
            int column = loc.getColumnNumber() - (a.isBlock() || line > 0 ? 0 : "{ return (".length());
            int offset = a.text().indexOf(a.source());
            int position = offset + lineStart(a.source(), line) + Math.max(1, column);
            msg.append("at position ").append(position).append(": ");
        }
        msg.append(why);
        if (why.contains("Unknown variable") || why.contains("cannot be resolved") || why.contains("is not an rvalue")) {
            msg.append(" (the columns are ").append(String.join(", ", columns.keySet())).append(')');
        }
        return new ExpressionException(msg.toString());
    }

    private static int lineStart(String s, int line) {
        int at = 0;
        for (int l = 0; l < line; l++) {
            int nl = s.indexOf('\n', at);
            if (nl < 0) {
                break;
            }
            at = nl + 1;
        }
        return at;
    }

    private static String message(CompileException e) {
        return e == null ? "" : LOCATION_PREFIX.matcher(e.getMessage()).replaceFirst("");
    }
}
