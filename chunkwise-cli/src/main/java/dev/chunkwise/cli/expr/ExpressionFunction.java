package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.frame.PartitionFunction;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --with} expressions of one run as a {@link PartitionFunction}: adds or replaces each named column in
 * turn, a later expression seeing the columns the earlier ones made. It travels as source text (to worker processes
 * and Spark executors) and is compiled once per JVM, on first use.
 */
public final class ExpressionFunction implements PartitionFunction {

    private final List<Assignment> assignments;
    private final LinkedHashMap<String, ColumnType> inputTypes;
    private transient volatile List<ExpressionCompiler.Compiled> compiled;

    private ExpressionFunction(List<Assignment> assignments, LinkedHashMap<String, ColumnType> inputTypes,
                               List<ExpressionCompiler.Compiled> compiled) {
        this.assignments = List.copyOf(assignments);
        this.inputTypes = inputTypes;
        this.compiled = compiled;
    }

    /**
     * Compiles the assignments against the input's columns, so that every error shows before any data is touched.
     *
     * @throws ExpressionException for the first assignment that does not compile
     */
    public static ExpressionFunction compile(List<Assignment> assignments, Map<String, ColumnType> inputTypes) {
        LinkedHashMap<String, ColumnType> input = new LinkedHashMap<>(inputTypes);
        return new ExpressionFunction(assignments, input, compileAll(assignments, input));
    }

    private static List<ExpressionCompiler.Compiled> compileAll(List<Assignment> assignments, Map<String, ColumnType> input) {
        Map<String, ColumnType> columns = new LinkedHashMap<>(input);
        List<ExpressionCompiler.Compiled> result = new ArrayList<>();
        for (Assignment a : assignments) {
            ExpressionCompiler.Compiled c = ExpressionCompiler.compile(a, columns);
            columns.put(a.column(), c.resultType());
            result.add(c);
        }
        return result;
    }

    /**
     * Returns the input columns that the assignments read, in order of first use: the names among {@code columns}
     * that an expression names before any earlier assignment has replaced them.
     */
    public static List<String> inputColumnsRead(List<Assignment> assignments, List<String> columns) {
        Map<String, ColumnType> any = new LinkedHashMap<>();
        for (String c : columns) {
            any.put(c, ColumnType.STRING);
        }
        Set<String> assigned = new HashSet<>();
        Set<String> read = new LinkedHashSet<>();
        for (Assignment a : assignments) {
            for (String c : ColumnReferences.of(a, any).used().keySet()) {
                if (!assigned.contains(c)) {
                    read.add(c);
                }
            }
            assigned.add(a.column());
        }
        return List.copyOf(read);
    }

    /** Returns the input columns' types the expressions were compiled against. */
    public Map<String, ColumnType> inputTypes() {
        return Collections.unmodifiableMap(inputTypes);
    }

    /** Returns the type of each column the expressions add or replace, in order. */
    public Map<String, ColumnType> resultTypes() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        List<ExpressionCompiler.Compiled> kernels = kernels();
        for (int i = 0; i < assignments.size(); i++) {
            types.put(assignments.get(i).column(), kernels.get(i).resultType());
        }
        return types;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ExpressionFailedException if an expression threw on a row, naming the row and the values it read
     */
    @Override
    public DataFrame apply(DataFrame part) {
        List<ExpressionCompiler.Compiled> kernels = kernels();
        DataFrame df = part;
        for (int i = 0; i < assignments.size(); i++) {
            ExpressionCompiler.Compiled k = kernels.get(i);
            Object[] columns = new Object[k.used().size()];
            for (int c = 0; c < columns.length; c++) {
                String name = k.used().get(c);
                columns[c] = typeOf(name, i, kernels).array(df.getColumn(name));
            }
            Object out;
            try {
                out = k.kernel().compute(columns, df.height());
            } catch (ColumnKernel.RowFailure f) {
                throw ExpressionFailedException.of(assignments.get(i), f.row(), k.used(), columns, f.getCause());
            }
            df = df.cols(assignments.get(i).column()).merge(k.resultType().series(out));
        }
        return df;
    }

    /** Returns the type the {@code i}-th expression was compiled with for column {@code name}. */
    private ColumnType typeOf(String name, int i, List<ExpressionCompiler.Compiled> kernels) {
        for (int j = i - 1; j >= 0; j--) {
            if (assignments.get(j).column().equals(name)) {
                return kernels.get(j).resultType();
            }
        }
        return inputTypes.get(name);
    }

    private List<ExpressionCompiler.Compiled> kernels() {
        List<ExpressionCompiler.Compiled> k = compiled;
        if (k == null) {
            synchronized (this) {
                k = compiled;
                if (k == null) {
                    k = compileAll(assignments, inputTypes);
                    compiled = k;
                }
            }
        }
        return k;
    }
}
