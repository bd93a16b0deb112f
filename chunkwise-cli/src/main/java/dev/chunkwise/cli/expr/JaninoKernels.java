package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.csv.ColumnType;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.Location;
import org.codehaus.janino.SimpleCompiler;

import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiles an expression that is not plain arithmetic to bytecode with Janino: the only class that names Janino's,
 * so that a command whose expressions are all arithmetic never loads Janino's jar (it is signed, and verifying it
 * loads the JDK's security providers).
 */
final class JaninoKernels {

    private static final ColumnType[] RESULT_TYPES = {
            ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.STRING};
    private static final Pattern LOCATION_PREFIX = Pattern.compile("^(File [^,]*, )?Line \\d+, Column \\d+: ");
    private static final String CLASS_NAME = "dev.chunkwise.cli.expr.Generated";

    private JaninoKernels() {
    }

    /** Compiles {@code a} as Java, whatever it is; see {@link ExpressionCompiler#compile}. */
    static ExpressionCompiler.Compiled compile(Assignment a, Map<String, ColumnType> columns) {
        Map<String, ColumnType> used = ExpressionCompiler.usedColumns(a.source(), columns);
        CompileException firstError = null;
        for (ColumnType result : RESULT_TYPES) {
            try {
                ColumnKernel kernel = cook(ExpressionCompiler.source(a, used, result.javaName()));
                return new ExpressionCompiler.Compiled(kernel, result, new ArrayList<>(used.keySet()));
            } catch (CompileException e) {
                if (firstError == null) {
                    firstError = e;
                }
            }
        }
        try {
            cook(ExpressionCompiler.source(a, used, "Object"));
        } catch (CompileException e) {
            throw explain(a, e, columns);
        }
        throw new ExpressionException("--with '" + a.text() + "': the expression's value is not an int, long, double, "
                + "boolean or String, so it cannot be a column (" + message(firstError) + ")");
    }

    /** Loads Janino and compiles one expression, so that a real compile later finds the compiler warm. */
    static void warmUp() {
        try {
            cook(ExpressionCompiler.source(Assignment.parse("W = Math.sqrt(1.0 + A)"), Map.of("A", ColumnType.DOUBLE), "double"));
        } catch (CompileException | RuntimeException e) {
            // Only a warm-up: the real compile reports its own errors.
        }
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
        if (loc != null && loc.getLineNumber() >= ExpressionCompiler.EXPRESSION_LINE) {
            int line = loc.getLineNumber() - ExpressionCompiler.EXPRESSION_LINE;
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
