package dev.chunkwise.cli;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.expr.AggregateCalls;
import dev.chunkwise.cli.expr.AggregateSpec;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionCompiler;
import dev.chunkwise.cli.expr.ExpressionException;
import dev.chunkwise.cli.expr.ExpressionFunction;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@code --with} expressions of a group transform read, for the whole-file and the streamed job alike: the
 * expressions with their group aggregates named as columns, the aggregates, and the file's columns they read, each
 * with the first {@code --with} that reads it (which is how its type is explained).
 *
 * @param calls     the aggregate calls found in the expressions
 * @param rewritten the expressions, each aggregate call replaced by its column
 * @param uses      the aggregates, in order
 * @param hidden    the aggregates' columns, which the output does not keep
 * @param exprRead  the file's columns the expressions read (not the aggregates')
 * @param readers   the file's columns read by an expression or reduced by an aggregate, with the first reader
 */
record TransformReads(AggregateCalls calls, List<Assignment> rewritten, List<AggregateCalls.Use> uses,
                      Set<String> hidden, List<String> exprRead, Map<String, String> readers) {

    /**
     * Reads {@code spec}'s expressions over a file of {@code header}'s columns grouped by {@code keys}; says on
     * {@code err} when no expression uses a group aggregate.
     *
     * @throws UsageException if an aggregate reduces a key
     */
    static TransformReads of(GroupSpec spec, List<String> header, List<String> keys, PrintWriter err) {
        AggregateCalls calls = AggregateCalls.of(spec.assignments(), header);
        List<Assignment> rewritten = calls.assignments();
        ExpressionCompiler.warmUpIfNeeded(rewritten);
        List<AggregateCalls.Use> uses = calls.uses();
        List<String> named = new ArrayList<>(header);
        uses.forEach(u -> named.add(u.column()));
        Set<String> hidden = new LinkedHashSet<>();
        uses.forEach(u -> hidden.add(u.column()));

        // The file's columns the expressions read, each typed for the first --with that reads it.
        List<String> exprRead = new ArrayList<>(ExpressionFunction.inputColumnsRead(rewritten, named));
        exprRead.removeAll(hidden);
        Map<String, String> readers = new LinkedHashMap<>();
        for (Assignment a : rewritten) {
            for (String c : ExpressionFunction.inputColumnsRead(List.of(a), named)) {
                if (exprRead.contains(c)) {
                    readers.putIfAbsent(c, "--with '" + a.text() + "'");
                }
            }
        }
        for (AggregateCalls.Use u : uses) {
            if (u.input() != null) {
                if (keys.contains(u.input())) {
                    throw new UsageException("--with '" + u.reader() + "': " + u.column() + " reduces " + u.input()
                            + ", a --group-by key, which has one value per group; reduce another column");
                }
                readers.putIfAbsent(u.input(), "--with '" + u.reader() + "'");
            }
        }
        if (uses.isEmpty()) {
            err.println("note: --group-by " + spec.keysText() + " has no effect: no --with uses a group aggregate "
                    + "(such as mean(A))");
        }
        return new TransformReads(calls, rewritten, uses, hidden, exprRead, readers);
    }

    /**
     * Returns the type of every column as the expressions see it: {@code header}'s as text unless an expression reads
     * it (then as {@code choices} typed it), and each aggregate's result.
     *
     * @throws UsageException if a numeric aggregate reduces a column that is not numbers
     */
    Map<String, ColumnType> types(List<String> header, Map<String, TypeChoice> choices) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        header.forEach(c -> types.putIfAbsent(c, ColumnType.STRING));
        exprRead.forEach(c -> types.put(c, choices.get(c).type()));
        for (AggregateCalls.Use u : uses) {
            ColumnType inputType = u.input() == null ? null : choices.get(u.input()).type();
            if (AggregateSpec.isNumeric(u.function())) {
                GroupJob.checkNumbers("--with '" + u.reader() + "'", u.function(), u.input(), choices.get(u.input()));
            }
            types.put(u.column(), AggregateSpec.resultType(u.function(), inputType));
        }
        return types;
    }

    /**
     * Compiles the expressions for columns of {@code types}.
     *
     * @throws ExpressionException naming the {@code --with} as the user wrote it if one does not compile
     */
    ExpressionFunction compile(Map<String, ColumnType> types) {
        try {
            return ExpressionFunction.compile(rewritten, types);
        } catch (ExpressionException e) {
            throw calls.translate(e);
        }
    }
}
