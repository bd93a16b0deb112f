package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code --with} expression that is only arithmetic ({@code + - * / %}, unary minus, parentheses) on int, long and
 * double columns and number literals, evaluated a column at a time without generating code. Such expressions (the
 * common {@code K = A * 2}) then need no compiler: in a one-shot command, loading and running Janino on a cold JVM
 * takes longer than the work. The values are exactly those of the same expression compiled as Java (the same types,
 * promotions, overflow and {@code / by zero}); anything else is left to {@link ExpressionCompiler}.
 *
 * <p>{@link ArithmeticParser} parses the subset into {@link ArithmeticNode}s; {@link Arithmetic} computes each
 * number type.
 */
final class ArithmeticKernel implements ColumnKernel {

    private final ArithmeticNode root;
    private final List<String> used;

    private ArithmeticKernel(ArithmeticNode root, List<String> used) {
        this.root = root;
        this.used = used;
    }

    /**
     * Returns {@code a} compiled as arithmetic, or null when it is more than arithmetic on number columns and literals
     * (a block, a method call, a cast, a comparison, an unknown name...).
     */
    static ExpressionCompiler.Compiled tryCompile(Assignment a, Map<String, ColumnType> columns) {
        if (a.isBlock()) {
            return null;
        }
        ArithmeticParser.Parsed parsed = ArithmeticParser.parse(a.source(), columns);
        if (parsed == null) {
            return null;
        }
        return new ExpressionCompiler.Compiled(new ArithmeticKernel(parsed.root(), parsed.used()),
                parsed.root().type(), parsed.used());
    }

    @Override
    public Object compute(Object[] columns, int rows) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (int c = 0; c < used.size(); c++) {
            byName.put(used.get(c), columns[c]);
        }
        try {
            return Arithmetic.of(root.type()).array(root.eval(byName, rows), rows);
        } catch (ArithmeticException e) {
            throw failedRow(byName, rows, e);
        }
    }

    /**
     * Returns the failure of the first row on which the expression throws, evaluated a row at a time as the
     * compiled expression would be (the column at a time evaluation meets the divisions in another order), or
     * {@code e} if no row does.
     */
    private RuntimeException failedRow(Map<String, Object> columns, int rows, ArithmeticException e) {
        for (int r = 0; r < rows; r++) {
            try {
                root.evalRow(columns, r);
            } catch (ArithmeticException atRow) {
                return new ColumnKernel.RowFailure(r, atRow);
            }
        }
        return e;
    }
}
