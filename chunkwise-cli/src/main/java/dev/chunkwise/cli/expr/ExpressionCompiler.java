package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.Location;
import org.codehaus.janino.SimpleCompiler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final Pattern LOCATION_PREFIX = Pattern.compile("^((File [^,]*, )?Line \\d+, Column \\d+: )+");
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
        ColumnReferences refs = ColumnReferences.of(a, columns);
        CompileException firstError = null;
        for (ColumnType result : RESULT_TYPES) {
            try {
                ColumnKernel kernel = cook(source(a, refs, result.javaName()).code());
                return new Compiled(kernel, result, new ArrayList<>(refs.used().keySet()));
            } catch (CompileException e) {
                if (firstError == null) {
                    firstError = e;
                }
            }
        }
        Generated asObject = source(a, refs, "Object");
        try {
            cook(asObject.code());
        } catch (CompileException e) {
            throw explain(a, e, columns, refs, asObject);
        }
        throw new ExpressionException("--with '" + a.text() + "': the expression's value is not an int, long, double, "
                + "boolean or String, so it cannot be a column (" + message(firstError, refs) + ")");
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
            needed |= ArithmeticKernel.tryCompile(a, everyNameANumber(a.source())) == null;
        }
        if (needed) {
            Thread t = new Thread(() -> {
                try {
                    Assignment w = Assignment.parse("W = Math.sqrt(1.0 + A)");
                    cook(source(w, ColumnReferences.of(w, Map.of("A", ColumnType.DOUBLE)), "double").code());
                } catch (CompileException | RuntimeException e) {
                    // Only a warm-up: the real compile reports its own errors.
                }
            }, "chunkwise-compiler-warm-up");
            t.setDaemon(true);
            t.start();
        }
        return needed;
    }

    /** Returns every name in {@code source}, bare or in backticks, as a double column. */
    private static Map<String, ColumnType> everyNameANumber(String source) {
        Map<String, ColumnType> names = new LinkedHashMap<>();
        try {
            for (JavaTokens.Token t : JavaTokens.of(source)) {
                if (t.kind() == JavaTokens.Kind.IDENTIFIER || t.kind() == JavaTokens.Kind.QUOTED) {
                    names.put(t.text(), ColumnType.DOUBLE);
                }
            }
        } catch (JavaTokens.UnclosedQuote e) {
            // Not arithmetic: the compile will say why.
        }
        return names;
    }

    /**
     * A generated class's source.
     *
     * @param code      the source
     * @param bodyStart where the user's (rewritten) source starts in it
     * @param bodyEnd   where the method holding it ends
     */
    record Generated(String code, int bodyStart, int bodyEnd) {
    }

    static Generated source(Assignment a, ColumnReferences refs, String resultType) {
        StringBuilder params = new StringBuilder();
        StringBuilder unpack = new StringBuilder();
        StringBuilder call = new StringBuilder();
        int i = 0;
        for (ColumnType type : refs.used().values()) {
            String t = type.javaName();
            params.append(i > 0 ? ", " : "").append("final ").append(t).append(' ').append(refs.parameters().get(i));
            unpack.append("        final ").append(t).append("[] c").append(i).append(" = (").append(t).append("[]) columns[")
                    .append(i).append("];\n");
            call.append(i > 0 ? ", " : "").append('c').append(i).append("[i]");
            i++;
        }
        String outType = resultType.equals("Object") ? "Object" : resultType;
        String head = "package dev.chunkwise.cli.expr;\n"
                + "public final class Generated implements dev.chunkwise.cli.expr.ColumnKernel {\n"
                + "    private static " + outType + " f(" + params + ")\n"
                + (a.isBlock() ? "" : "{ return (");
        String body = head + refs.java() + (a.isBlock() ? "" : "\n); }");
        // The loop keeps its index where the handler outside it can read it: no per-row cost.
        String code = body + "\n"
                + "    public Object compute(Object[] columns, int rows) {\n"
                + unpack
                + "        final " + outType + "[] out = new " + outType + "[rows];\n"
                + "        int i = 0;\n"
                + "        try {\n"
                + "            for (; i < rows; i++) {\n"
                + "                out[i] = f(" + call + ");\n"
                + "            }\n"
                + "        } catch (RuntimeException e) {\n"
                + "            throw new dev.chunkwise.cli.expr.ColumnKernel.RowFailure(i, e);\n"
                + "        }\n"
                + "        return out;\n"
                + "    }\n"
                + "}\n";
        return new Generated(code, head.length(), body.length());
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

    private static ExpressionException explain(Assignment a, CompileException e, Map<String, ColumnType> columns,
                                               ColumnReferences refs, Generated generated) {
        String why = message(e, refs);
        StringBuilder msg = new StringBuilder("--with '").append(a.text()).append("': ");
        Location loc = e.getLocation();
        int at = loc == null ? -1 : indexOf(generated.code(), loc.getLineNumber(), loc.getColumnNumber());
        if (at >= generated.bodyStart() && at < generated.bodyEnd()) {
            int position = a.sourceOffset() + refs.originOf(at - generated.bodyStart()) + 1;
            msg.append("at position ").append(position).append(": ");
        }
        msg.append(why);
        if (why.contains("Unknown variable") || why.contains("cannot be resolved") || why.contains("is not an rvalue")) {
            msg.append(" (the columns are ").append(ColumnNames.list(columns.keySet()));
            if (!columns.keySet().stream().allMatch(ColumnNames::isBare)) {
                msg.append("; write a name that is not a Java identifier in backticks");
            }
            msg.append(')');
        }
        for (String name : refs.notTaken()) {
            if (ColumnNames.isBare(name) && !why.contains("\"" + name + "\"")) {
                continue; // a local of the block that shadows a column, which the error is not about
            }
            msg.append("; to mean the column ").append(name).append(", write `").append(name.replace("`", "``"))
                    .append('`');
        }
        return new ExpressionException(msg.toString());
    }

    /**
     * Returns the index in {@code code} of Janino's 1-based line and column, or -1. Janino counts a tab as moving to
     * the next multiple of 8 columns.
     */
    static int indexOf(String code, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            int nl = code.indexOf('\n', at);
            if (nl < 0) {
                return -1;
            }
            at = nl + 1;
        }
        int col = 1;
        while (at < code.length() && code.charAt(at) != '\n' && col < column) {
            col = code.charAt(at) == '\t' ? col - (col - 1) % 8 + 8 : col + 1;
            at++;
        }
        return at;
    }

    /** Returns Janino's message without its location, with the generated parameter names put back as the columns'. */
    private static String message(CompileException e, ColumnReferences refs) {
        if (e == null) {
            return "";
        }
        String m = LOCATION_PREFIX.matcher(e.getMessage()).replaceFirst("");
        List<String> parameters = refs.parameters();
        List<String> names = new ArrayList<>(refs.used().keySet());
        for (int p = parameters.size() - 1; p >= 0; p--) { // $c10 before $c1
            m = m.replace(parameters.get(p), ColumnNames.written(names.get(p)));
        }
        return m;
    }
}
