package dev.chunkwise.cli.expr;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --with} argument: the name of the column to add or replace, and the Java expression (or a block in
 * braces that returns a value) that computes it, such as {@code K = A * 2}.
 *
 * @param column the column's name
 * @param source the expression or block, as given
 * @param text   the whole argument, as given, for messages
 */
public record Assignment(String column, String source, String text) implements Serializable {

    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z_$][A-Za-z0-9_$]*)\\s*=(?!=)(.*)", Pattern.DOTALL);

    /**
     * Parses {@code NAME = EXPRESSION}.
     *
     * @throws ExpressionException if the argument is not of that form
     */
    public static Assignment parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches() || m.group(2).isBlank()) {
            throw new ExpressionException("--with '" + text + "': expected NAME = EXPRESSION, for example 'K = A * 2'");
        }
        return new Assignment(m.group(1), m.group(2).strip(), text);
    }

    /** Returns whether the source is a block in braces with its own {@code return}, rather than an expression. */
    boolean isBlock() {
        return source.startsWith("{");
    }
}
