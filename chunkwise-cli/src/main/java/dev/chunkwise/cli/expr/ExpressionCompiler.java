package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@code --with} expression: plain arithmetic on number columns to an {@link ArithmeticKernel} that needs no
 * compiler, anything else to bytecode with Janino: a class whose loop calls the expression once per row over primitive
 * arrays, so that it runs at JIT speed. The result type is the first of int, long, double, boolean
 * and String that the expression can be returned as.
 */
public final class ExpressionCompiler {

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
     * in {@link JaninoKernels} and {@link CompileErrors}: its jar is signed, and loading a class from it verifies the
     * jar, which loads the JDK's security providers; an arithmetic-only command never does.)
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
            needed |= ArithmeticKernel.tryCompile(a, everyNameANumber(a.source())) == null;
        }
        if (needed) {
            Thread t = new Thread(JaninoKernels::warmUp, "chunkwise-compiler-warm-up");
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
}
