package dev.chunkwise.cli.expr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The group aggregates that {@code --with} expressions use, such as {@code mean(A)} and {@code std(A)} in
 * {@code Z = (A - mean(A)) / std(A)}, and the expressions rewritten to read each one as a column of its own, so that
 * the aggregates can be computed per group first and the expressions then compiled and run as any others, row by row.
 *
 * <p>A call is an aggregate's name called as a plain function, with one column (bare or in backticks) or, for
 * {@code count()}, none: {@code Math.max(A, B)} and a {@code "mean(A)"} in a string literal are Java's. The column is
 * one of the file's; each distinct call is one column, named as the call is written ({@code mean(A)}, prefixed with
 * {@code group } while that is a name the file or an expression already has). Error messages quote the argument as
 * given, with positions in it.
 */
public final class AggregateCalls {

    /**
     * One aggregate the expressions use, computed per group into a column of its own.
     *
     * @param function the aggregate, one of {@link AggregateSpec#FUNCTIONS}
     * @param input    the file's column it reduces, or null for {@code count()}
     * @param column   the column that holds it, which the rewritten expressions read
     * @param reader   the first {@code --with} argument that uses it, as given, for messages
     */
    public record Use(String function, String input, String column, String reader) {
    }

    private static final Pattern POSITION = Pattern.compile("at position (\\d+)");

    private final List<Assignment> rewritten;
    private final List<Assignment> original;
    private final List<Use> uses;
    /** Per assignment, each replacement: {start, end} in the rewritten source, then {start, end} in the original. */
    private final List<List<int[]>> edits;

    private AggregateCalls(List<Assignment> original, List<Assignment> rewritten, List<Use> uses,
                           List<List<int[]>> edits) {
        this.original = original;
        this.rewritten = rewritten;
        this.uses = uses;
        this.edits = edits;
    }

    /**
     * Finds the aggregates in {@code assignments}, whose input has {@code inputColumns}.
     *
     * @throws ExpressionException quoting the argument with the position, for an aggregate call that is not of the
     *                             form {@code fn(COLUMN)}, reduces a column the file does not have, or reduces one an
     *                             earlier {@code --with} computes (an aggregate reads the file's columns)
     */
    public static AggregateCalls of(List<Assignment> assignments, Collection<String> inputColumns) {
        Set<String> taken = new HashSet<>(inputColumns);
        assignments.forEach(a -> taken.add(a.column()));
        Map<String, Use> byCall = new LinkedHashMap<>();
        Set<String> assignedBefore = new HashSet<>();
        List<Assignment> rewritten = new ArrayList<>();
        List<List<int[]>> edits = new ArrayList<>();
        for (Assignment a : assignments) {
            String source = a.source();
            List<JavaTokens.Token> tokens = tokens(a);
            StringBuilder out = new StringBuilder(source.length() + 16);
            List<int[]> these = new ArrayList<>();
            int copied = 0;
            for (int k = 0; k < tokens.size(); k++) {
                AggregateCall call = call(a, tokens, k);
                if (call == null) {
                    continue;
                }
                check(a, call, inputColumns, assignedBefore);
                String key = call.function() + "(" + (call.column() == null ? "" : call.column()) + ")";
                Use use = byCall.get(key);
                if (use == null) {
                    String column = key;
                    while (taken.contains(column)) {
                        column = "group " + column;
                    }
                    taken.add(column);
                    use = new Use(call.function(), call.column(), column, a.text());
                    byCall.put(key, use);
                }
                out.append(source, copied, call.start());
                int from = out.length();
                out.append(ColumnNames.written(use.column()));
                these.add(new int[]{from, out.length(), call.start(), call.end()});
                copied = call.end();
                k += call.column() == null ? 2 : 3;
            }
            out.append(source, copied, source.length());
            rewritten.add(these.isEmpty() ? a : new Assignment(a.column(), out.toString(), a.text(), a.sourceOffset()));
            edits.add(these);
            assignedBefore.add(a.column());
        }
        return new AggregateCalls(List.copyOf(assignments), List.copyOf(rewritten), List.copyOf(byCall.values()),
                edits);
    }

    /**
     * Returns the first aggregate call in {@code assignments} as written (such as {@code mean(A)}), or null if there
     * is none: for a message when no {@code --group-by} says over which groups. Calls not of the aggregates' form are
     * left to the compiler.
     */
    public static String firstCall(List<Assignment> assignments) {
        for (Assignment a : assignments) {
            List<JavaTokens.Token> tokens;
            try {
                tokens = JavaTokens.of(a.source());
            } catch (JavaTokens.UnclosedQuote e) {
                continue; // the compile step says so
            }
            for (int k = 0; k < tokens.size(); k++) {
                try {
                    AggregateCall call = AggregateCall.at(tokens, k, true);
                    if (call != null) {
                        return a.source().substring(call.start(), call.end());
                    }
                } catch (AggregateCall.Malformed m) {
                    // not an aggregate's form: Java's, or an error the compiler names
                }
            }
        }
        return null;
    }

    /** Returns the assignments with every aggregate call replaced by its column, in order. */
    public List<Assignment> assignments() {
        return rewritten;
    }

    /** Returns the aggregates the assignments use, each once, in order of first use. */
    public List<Use> uses() {
        return uses;
    }

    /**
     * Returns {@code e}, an error about one of the rewritten assignments, with its position ({@code at position N})
     * made the position in the argument as given; {@code e} itself if it has none.
     */
    public ExpressionException translate(ExpressionException e) {
        String message = e.getMessage();
        for (int i = 0; i < original.size(); i++) {
            Assignment a = original.get(i);
            String prefix = "--with '" + a.text() + "': ";
            if (edits.get(i).isEmpty() || !message.startsWith(prefix)) {
                continue;
            }
            Matcher m = POSITION.matcher(message);
            if (!m.find(prefix.length()) || m.start() != prefix.length()) {
                return e;
            }
            int inRewritten = Integer.parseInt(m.group(1)) - 1 - a.sourceOffset();
            int position = a.sourceOffset() + originalIndex(edits.get(i), inRewritten) + 1;
            return new ExpressionException(message.substring(0, m.start(1)) + position + message.substring(m.end(1)));
        }
        return e;
    }

    /** Returns the index in the original source of the character at {@code index} of the rewritten one. */
    private static int originalIndex(List<int[]> edits, int index) {
        int delta = 0;
        for (int[] e : edits) {
            if (index < e[0]) {
                break;
            }
            if (index < e[1]) {
                return e[2];
            }
            delta = e[3] - e[1];
        }
        return index + delta;
    }

    private static List<JavaTokens.Token> tokens(Assignment a) {
        try {
            return JavaTokens.of(a.source());
        } catch (JavaTokens.UnclosedQuote e) {
            throw new ExpressionException("--with '" + a.text() + "': at position " + (a.sourceOffset() + e.at + 1)
                    + ": the name in backticks is not closed (write a backtick inside a name as two: ``)");
        }
    }

    private static AggregateCall call(Assignment a, List<JavaTokens.Token> tokens, int k) {
        try {
            return AggregateCall.at(tokens, k, true);
        } catch (AggregateCall.Malformed m) {
            throw new ExpressionException("--with '" + a.text() + "': at position " + (a.sourceOffset() + m.at + 1)
                    + ": " + m.getMessage());
        }
    }

    private static void check(Assignment a, AggregateCall call, Collection<String> inputColumns,
                              Set<String> assignedBefore) {
        String column = call.column();
        if (column == null) {
            return;
        }
        String written = call.function() + "(" + ColumnNames.written(column) + ")";
        String where = "--with '" + a.text() + "': at position " + (a.sourceOffset() + call.start() + 1) + ": ";
        if (assignedBefore.contains(column)) {
            throw new ExpressionException(where + written + " reduces " + ColumnNames.written(column) + ", which an "
                    + "earlier --with computes; a group aggregate reduces a column of the file");
        }
        if (!inputColumns.contains(column)) {
            throw new ExpressionException(where + written + ": the file has no column " + ColumnNames.written(column)
                    + " (its columns are " + ColumnNames.list(inputColumns) + ")");
        }
    }
}
