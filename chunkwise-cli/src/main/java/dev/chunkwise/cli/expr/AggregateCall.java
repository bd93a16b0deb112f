package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.expr.JavaTokens.Token;

import java.util.List;

/**
 * One call of a group aggregate in the tokens of an argument, {@code sum(B)}, {@code mean(`unit price`)} or
 * {@code count()}: what {@code --agg} takes whole and {@code --with} may hold among other Java. It is recognised in the
 * tokens {@link JavaTokens} gives, so a name inside a string literal or a comment is never taken for one.
 *
 * @param function the aggregate's name, one of {@link AggregateSpec#FUNCTIONS}
 * @param column   the column reduced, without backticks; null for {@code count()}
 * @param start    the index of the call's first character in the source
 * @param end      the index after its closing parenthesis
 */
record AggregateCall(String function, String column, int start, int end) {

    /** Thrown for a call that names an aggregate but is not of the form {@code fn(COLUMN)}; says why, in words. */
    static final class Malformed extends RuntimeException {
        final int at;

        Malformed(int at, String why) {
            super(why, null, false, false);
            this.at = at;
        }
    }

    /**
     * Returns the call whose function name is token {@code k}, or null if token {@code k} is not the name of an
     * aggregate called as a plain function: an aggregate's name followed by {@code (}, and not a member
     * ({@code Math.max(}), a method reference or a constructor.
     *
     * @param othersAreJava whether a call of another name is Java's, and so no aggregate ({@code --with}); else
     *                      ({@code --agg}) every call must be an aggregate's
     * @throws Malformed if it is such a call but not of the form {@code fn(COLUMN)} or {@code count()}, or (without
     *                   {@code othersAreJava}) names a function that is not an aggregate
     */
    static AggregateCall at(List<Token> tokens, int k, boolean othersAreJava) {
        Token name = tokens.get(k);
        Token prev = k > 0 ? tokens.get(k - 1) : null;
        if (!name.isWord() || k + 1 >= tokens.size() || !tokens.get(k + 1).is("(")) {
            return null;
        }
        if (prev != null && (prev.is(".") || prev.is("::") || prev.isWord() && prev.text().equals("new"))) {
            return null;
        }
        String fn = name.text();
        if (!AggregateSpec.FUNCTIONS.contains(fn)) {
            if (othersAreJava) {
                return null;
            }
            throw new Malformed(name.start(), "unknown aggregate " + fn + "; the aggregates are "
                    + String.join(", ", AggregateSpec.FUNCTIONS));
        }
        Token first = k + 2 < tokens.size() ? tokens.get(k + 2) : null;
        if (first != null && first.is(")")) {
            if (!fn.equals("count")) {
                throw new Malformed(name.start(), fn + "() needs a column, such as " + fn + "(B)");
            }
            return new AggregateCall(fn, null, name.start(), first.end());
        }
        Token close = k + 3 < tokens.size() ? tokens.get(k + 3) : null;
        boolean columnName = first != null && (first.isWord() || first.kind() == JavaTokens.Kind.QUOTED);
        if (!columnName || close == null || !close.is(")")) {
            throw new Malformed(name.start(), fn + " takes " + (fn.equals("count") ? "no column: write count(), the "
                    + "group's rows" : "one column's name, such as " + fn + "(B) (a name that is not a Java "
                    + "identifier goes in backticks: " + fn + "(`unit price`))"));
        }
        if (fn.equals("count")) {
            throw new Malformed(name.start(), "count takes no column: write count(), the group's rows");
        }
        return new AggregateCall(fn, first.text(), name.start(), close.end());
    }
}
