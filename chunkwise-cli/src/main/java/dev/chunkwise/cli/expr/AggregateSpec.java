package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.frame.Aggregate;

import java.util.List;

/**
 * One {@code --agg} argument: the name of a result column and the group aggregate that computes it, such as
 * {@code S = sum(B)}, {@code N = count()} or {@code `mean price` = mean(`unit price`)} (names that are not Java
 * identifiers go in backticks, as in {@code --with}).
 *
 * @param name     the result column's name (without backticks)
 * @param function the aggregate, one of {@link #FUNCTIONS}
 * @param column   the column it reduces (without backticks), or null for {@code count()}
 * @param text     the whole argument, as given, for messages
 */
public record AggregateSpec(String name, String function, String column, String text) {

    /** The aggregates, in the order messages list them; each is {@link Aggregate#of(String, String)}'s. */
    public static final List<String> FUNCTIONS = List.of("count", "sum", "mean", "min", "max", "var", "std", "first",
            "last");

    /**
     * Parses {@code NAME = FUNCTION(COLUMN)} or {@code NAME = count()}.
     *
     * @throws ExpressionException quoting the argument: not of that form, an unknown aggregate (listing them), a
     *                             column given to {@code count} or none to another, a name in backticks not closed
     */
    public static AggregateSpec parse(String text) {
        Assignment a;
        try {
            a = Assignment.parse(text);
        } catch (ExpressionException e) {
            throw new ExpressionException(formError(text));
        }
        List<JavaTokens.Token> tokens;
        try {
            tokens = JavaTokens.of(a.source());
        } catch (JavaTokens.UnclosedQuote e) {
            throw new ExpressionException("--agg '" + text + "': at position " + (a.sourceOffset() + e.at + 1)
                    + ": the name in backticks is not closed (write a backtick inside a name as two: ``)");
        }
        AggregateCall call;
        try {
            call = tokens.isEmpty() ? null : AggregateCall.at(tokens, 0, false);
        } catch (AggregateCall.Malformed m) {
            throw new ExpressionException("--agg '" + text + "': " + m.getMessage());
        }
        if (call == null || tokens.get(tokens.size() - 1).end() != call.end()) {
            throw new ExpressionException(formError(text));
        }
        return new AggregateSpec(a.column(), call.function(), call.column(), text);
    }

    private static String formError(String text) {
        return "--agg '" + text + "': expected NAME = FUNCTION(COLUMN), such as 'S = sum(B)' or 'N = count()' (the "
                + "aggregates are " + String.join(", ", FUNCTIONS) + "; a name that is not a Java identifier goes in "
                + "backticks)";
    }

    /** Returns the core's aggregate this argument means, named as the argument names its column. */
    public Aggregate aggregate() {
        return Aggregate.of(function, column).as(name);
    }

    /** Returns whether the aggregate reads its column as numbers: all but {@code count}, {@code first} and {@code last}. */
    public boolean numeric() {
        return isNumeric(function);
    }

    /** Returns whether {@code function} reads its column as numbers: all but {@code count}, {@code first}, {@code last}. */
    public static boolean isNumeric(String function) {
        return !function.equals("count") && !function.equals("first") && !function.equals("last");
    }

    /**
     * Returns the type of {@code function}'s result over a column of type {@code input} (ignored for {@code count}),
     * as the core computes it: {@code count} an int; {@code sum} a long over integers and a double over doubles;
     * {@code mean}, {@code var} and {@code std} a double; {@code min}, {@code max}, {@code first} and {@code last} the
     * column's own type.
     */
    public static ColumnType resultType(String function, ColumnType input) {
        return switch (function) {
            case "count" -> ColumnType.INT;
            case "sum" -> input == ColumnType.DOUBLE ? ColumnType.DOUBLE : ColumnType.LONG;
            case "mean", "var", "std" -> ColumnType.DOUBLE;
            default -> input;
        };
    }
}
