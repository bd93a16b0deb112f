package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

import java.util.ArrayList;
import java.util.Map;

/**
 * Compiles an expression that is not plain arithmetic to bytecode with Janino. With {@link CompileErrors}, the only
 * class that names Janino's, so that a command whose expressions are all arithmetic never loads Janino's jar (it is
 * signed, and verifying it loads the JDK's security providers).
 */
final class JaninoKernels {

    private static final ColumnType[] RESULT_TYPES = {
            ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.STRING};

    private JaninoKernels() {
    }

    /** Compiles {@code a} as Java, whatever it is; see {@link ExpressionCompiler#compile}. */
    static ExpressionCompiler.Compiled compile(Assignment a, Map<String, ColumnType> columns) {
        ColumnReferences refs = ColumnReferences.of(a, columns);
        CompileException firstError = null;
        for (ColumnType result : RESULT_TYPES) {
            try {
                ColumnKernel kernel = cook(GeneratedKernel.of(a, refs, result.javaName()).code());
                return new ExpressionCompiler.Compiled(kernel, result, new ArrayList<>(refs.used().keySet()));
            } catch (CompileException e) {
                if (firstError == null) {
                    firstError = e;
                }
            }
        }
        GeneratedKernel asObject = GeneratedKernel.of(a, refs, "Object");
        try {
            cook(asObject.code());
        } catch (CompileException e) {
            throw CompileErrors.explain(a, e, columns, refs, asObject);
        }
        throw new ExpressionException("--with '" + a.text() + "': the expression's value is not an int, long, double, "
                + "boolean or String, so it cannot be a column (" + CompileErrors.message(firstError, refs) + ")");
    }

    /** Loads Janino and compiles one expression, so that a real compile later finds the compiler warm. */
    static void warmUp() {
        try {
            Assignment w = Assignment.parse("W = Math.sqrt(1.0 + A)");
            cook(GeneratedKernel.of(w, ColumnReferences.of(w, Map.of("A", ColumnType.DOUBLE)), "double").code());
        } catch (CompileException | RuntimeException e) {
            // Only a warm-up: the real compile reports its own errors.
        }
    }

    private static ColumnKernel cook(String source) throws CompileException {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(ColumnKernel.class.getClassLoader());
        compiler.cook(source);
        try {
            return (ColumnKernel) compiler.getClassLoader().loadClass(GeneratedKernel.CLASS_NAME).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the compiled expression could not be loaded", e);
        }
    }
}
