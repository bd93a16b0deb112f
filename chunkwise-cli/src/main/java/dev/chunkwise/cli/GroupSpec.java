package dev.chunkwise.cli;

import dev.chunkwise.cli.expr.AggregateCalls;
import dev.chunkwise.cli.expr.AggregateSpec;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code --group-by} run of {@code apply} computes, from its options, checked: the key columns, and either
 * {@code --agg} aggregates (one row per group) or {@code --with} assignments that may use group aggregates such as
 * {@code mean(A)} (every row kept).
 *
 * @param keys        the key columns as {@code --group-by} names them, in order
 * @param keysText    the {@code --group-by} argument, as given, for messages
 * @param aggregates  the {@code --agg} aggregates, in order; empty with {@code --with}
 * @param assignments the {@code --with} assignments, in order; empty with {@code --agg}
 */
record GroupSpec(List<String> keys, String keysText, List<AggregateSpec> aggregates, List<Assignment> assignments) {

    GroupSpec {
        keys = List.copyOf(keys);
        aggregates = List.copyOf(aggregates);
        assignments = List.copyOf(assignments);
    }

    /**
     * Checks {@code --group-by}, {@code --agg} and {@code --with} together and makes them a spec; with neither
     * {@code --group-by} nor {@code --agg}, checks only that no {@code --with} uses a group aggregate, and returns null.
     *
     * @param groupBy the {@code --group-by} argument, or null
     * @param agg     the {@code --agg} arguments (none: empty or null)
     * @param with    the {@code --with} assignments, parsed
     * @throws UsageException naming the arguments at fault: {@code --agg} without {@code --group-by}, with
     *                        {@code --with}, or twice one name (or a key's); {@code --group-by} with neither, or with an
     *                        empty or repeated key; a group aggregate in {@code --with} without {@code --group-by}
     * @throws ExpressionException for an {@code --agg} that is not {@code NAME = FUNCTION(COLUMN)}
     */
    static GroupSpec of(String groupBy, List<String> agg, List<Assignment> with) {
        List<String> aggTexts = agg == null ? List.of() : agg;
        if (groupBy == null) {
            if (!aggTexts.isEmpty()) {
                throw new UsageException("--agg '" + aggTexts.get(0) + "' needs --group-by KEY[,KEY…]: the columns whose "
                        + "values make the groups");
            }
            String call = AggregateCalls.firstCall(with);
            if (call != null) {
                throw new UsageException("--with uses " + call + ", a group aggregate: give --group-by KEY[,KEY…] to say "
                        + "over which groups");
            }
            return null;
        }
        List<String> keys = parseKeys(groupBy);
        if (aggTexts.isEmpty() && with.isEmpty()) {
            throw new UsageException("--group-by " + groupBy + " needs --agg 'NAME = FUNCTION(COLUMN)' (one row per "
                    + "group, such as --agg 'S = sum(B)') or --with 'NAME = EXPRESSION' (every row, with group aggregates "
                    + "such as --with 'Z = A - mean(A)')");
        }
        if (!aggTexts.isEmpty() && !with.isEmpty()) {
            throw new UsageException("--agg and --with cannot be combined: --agg gives one row per group, --with keeps "
                    + "every row (a --with may use group aggregates, such as 'Z = A - mean(A)')");
        }
        List<AggregateSpec> aggregates = new ArrayList<>();
        Map<String, AggregateSpec> byName = new HashMap<>();
        for (String text : aggTexts) {
            AggregateSpec a = AggregateSpec.parse(text);
            if (keys.contains(a.name())) {
                throw new UsageException("--agg '" + text + "': " + a.name() + " is a --group-by key, which the output "
                        + "has already; name the result otherwise");
            }
            AggregateSpec before = byName.put(a.name(), a);
            if (before != null) {
                throw new UsageException("--agg '" + text + "': another --agg is named " + a.name() + " too ('"
                        + before.text() + "'); give each result its own name");
            }
            if (a.column() != null && keys.contains(a.column())) {
                throw new UsageException("--agg '" + text + "': " + a.column() + " is a --group-by key, which has one "
                        + "value per group and is in the output already; reduce another column");
            }
            aggregates.add(a);
        }
        return new GroupSpec(keys, groupBy, aggregates, with);
    }

    /** Returns whether the output is one row per group ({@code --agg}) rather than every row ({@code --with}). */
    boolean oneRowPerGroup() {
        return !aggregates.isEmpty();
    }

    /**
     * Splits {@code KEY[,KEY…]} at the commas outside backticks; a name in backticks may hold commas, a backtick in it
     * written twice.
     *
     * @throws UsageException for an empty name, an unclosed backtick or a name given twice
     */
    static List<String> parseKeys(String text) {
        List<String> keys = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (true) {
            int j = i;
            while (j < n && text.charAt(j) == ' ') {
                j++;
            }
            if (j < n && text.charAt(j) == '`') {
                StringBuilder name = new StringBuilder();
                int k = j + 1;
                while (true) {
                    if (k >= n) {
                        throw new UsageException("--group-by " + text + ": the name in backticks is not closed (write "
                                + "a backtick inside a name as two: ``)");
                    }
                    char c = text.charAt(k);
                    if (c == '`' && k + 1 < n && text.charAt(k + 1) == '`') {
                        name.append('`');
                        k += 2;
                    } else if (c == '`') {
                        k++;
                        break;
                    } else {
                        name.append(c);
                        k++;
                    }
                }
                while (k < n && text.charAt(k) == ' ') {
                    k++;
                }
                if (k < n && text.charAt(k) != ',') {
                    throw new UsageException("--group-by " + text + ": a comma must follow the name in backticks `"
                            + name.toString().replace("`", "``") + "`");
                }
                addKey(keys, name.toString(), text);
                if (k >= n) {
                    return keys;
                }
                i = k + 1;
            } else {
                int comma = text.indexOf(',', i);
                addKey(keys, comma < 0 ? text.substring(i) : text.substring(i, comma), text);
                if (comma < 0) {
                    return keys;
                }
                i = comma + 1;
            }
        }
    }

    private static void addKey(List<String> keys, String name, String text) {
        if (name.isBlank()) {
            throw new UsageException("--group-by " + text + ": an empty key name (expected KEY[,KEY…], such as G or "
                    + "G,H; a name with a comma goes in backticks: `a,b`)");
        }
        if (keys.contains(name)) {
            throw new UsageException("--group-by " + text + ": the key " + name + " is given twice");
        }
        keys.add(name);
    }
}
