package dev.chunkwise.cli.expr;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --with} argument: the name of the column to add or replace, and the Java expression (or a block in
 * braces that returns a value) that computes it, such as {@code K = A * 2}. A name that is not a Java identifier is
 * written in backticks, with a backtick inside it written twice: {@code `unit price x2` = `unit price` * 2}.
 *
 * @param column       the column's name (without backticks)
 * @param source       the expression or block, as given
 * @param text         the whole argument, as given, for messages
 * @param sourceOffset where {@code source} starts in {@code text}, for positions in messages
 */
public record Assignment(String column, String source, String text, int sourceOffset) implements Serializable {

    private static final Pattern FORM = Pattern.compile(
            "\\s*(?:`((?:[^`]|``)*)`|(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*))\\s*=(?!=)(.*)",
            Pattern.DOTALL);

    /**
     * Parses {@code NAME = EXPRESSION}, where NAME is a Java identifier or any name in backticks.
     *
     * @throws ExpressionException if the argument is not of that form
     */
    public static Assignment parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches() || m.group(3).isBlank()) {
            throw new ExpressionException("--with '" + text + "': expected NAME = EXPRESSION, for example 'K = A * 2' "
                    + "(a NAME that is not a Java identifier goes in backticks: '`unit price x2` = `unit price` * 2')");
        }
        String column = m.group(1) != null ? m.group(1).replace("``", "`") : m.group(2);
        int offset = m.start(3);
        while (Character.isWhitespace(text.codePointAt(offset))) {
            offset += Character.charCount(text.codePointAt(offset));
        }
        return new Assignment(column, m.group(3).strip(), text, offset);
    }

    /** Returns whether the source is a block in braces with its own {@code return}, rather than an expression. */
    boolean isBlock() {
        return source.startsWith("{");
    }
}
