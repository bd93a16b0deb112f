package dev.chunkwise.cli.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the source of a {@code --with} expression into the tokens that decide which names are columns: identifiers,
 * names in backticks, literals and operators; whitespace and comments are skipped. It only needs to be as exact as
 * that decision needs: what it lets through, the compiler checks.
 */
final class JavaTokens {

    /** What kind of token. */
    enum Kind { IDENTIFIER, QUOTED, NUMBER, TEXT, OPERATOR }

    /**
     * One token.
     *
     * @param kind  its kind
     * @param start its first character's index in the source
     * @param end   the index after its last character
     * @param text  the token as written; for a name in backticks, the name itself (backticks removed, {@code ``} made
     *              one)
     */
    record Token(Kind kind, int start, int end, String text) {

        boolean is(String operator) {
            return kind == Kind.OPERATOR && text.equals(operator);
        }

        boolean isWord() {
            return kind == Kind.IDENTIFIER;
        }
    }

    /** Operators longest first, so that the longest match wins (as Java's own scanner does). */
    private static final String[] OPERATORS = {">>>=", "<<=", ">>=", ">>>", "...", "->", "::", "++", "--", "&&", "||",
            "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>"};

    private JavaTokens() {
    }

    /**
     * Returns the tokens of {@code s}.
     *
     * @throws UnclosedQuote if a backtick opens a name that no backtick closes
     */
    static List<Token> of(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                int j = literalEnd(s, i + 3, "\"\"\"");
                out.add(new Token(Kind.TEXT, i, j, s.substring(i, j)));
                i = j;
            } else if (ch == '"' || ch == '\'') {
                int j = literalEnd(s, i + 1, String.valueOf(ch));
                out.add(new Token(Kind.TEXT, i, j, s.substring(i, j)));
                i = j;
            } else if (ch == '`') {
                i = quoted(s, i, out);
            } else if (Character.isJavaIdentifierStart(s.codePointAt(i))) {
                int j = i + Character.charCount(s.codePointAt(i));
                while (j < n && Character.isJavaIdentifierPart(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                out.add(new Token(Kind.IDENTIFIER, i, j, s.substring(i, j)));
                i = j;
            } else if (Character.isDigit(ch) || (ch == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                int j = numberEnd(s, i);
                out.add(new Token(Kind.NUMBER, i, j, s.substring(i, j)));
                i = j;
            } else {
                String op = String.valueOf(ch);
                for (String o : OPERATORS) {
                    if (s.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                out.add(new Token(Kind.OPERATOR, i, i + op.length(), op));
                i += op.length();
            }
        }
        return out;
    }

    /** Returns the index after the literal that started before {@code from} and ends with {@code close}. */
    private static int literalEnd(String s, int from, String close) {
        int j = from;
        while (j < s.length()) {
            if (s.charAt(j) == '\\') {
                j += 2;
            } else if (s.startsWith(close, j)) {
                return j + close.length();
            } else if (s.charAt(j) == '\n' && close.length() == 1) {
                return j; // an unclosed literal: the compiler says so
            } else {
                j++;
            }
        }
        return s.length();
    }

    /** Reads the name in backticks that starts at {@code i} into {@code out}; returns the index after it. */
    private static int quoted(String s, int i, List<Token> out) {
        StringBuilder name = new StringBuilder();
        int j = i + 1;
        while (true) {
            if (j >= s.length()) {
                throw new UnclosedQuote(i);
            }
            char c = s.charAt(j);
            if (c == '`' && j + 1 < s.length() && s.charAt(j + 1) == '`') {
                name.append('`');
                j += 2;
            } else if (c == '`') {
                out.add(new Token(Kind.QUOTED, i, j + 1, name.toString()));
                return j + 1;
            } else {
                name.append(c);
                j++;
            }
        }
    }

    /**
     * Returns where the number starting at {@code i} ends: digits, letters (hex digits, suffixes, exponents),
     * underscores and dots, and a sign right after a decimal number's {@code e} or a hex number's {@code p}.
     */
    private static int numberEnd(String s, int i) {
        boolean hex = s.startsWith("0x", i) || s.startsWith("0X", i);
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            char before = j > i ? Character.toLowerCase(s.charAt(j - 1)) : ' ';
            boolean sign = (c == '-' || c == '+') && (hex ? before == 'p' : before == 'e');
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || sign)) {
                break;
            }
            j++;
        }
        return j;
    }

    /** Thrown when a backtick opens a name that no backtick closes. */
    static final class UnclosedQuote extends RuntimeException {
        final int at;

        UnclosedQuote(int at) {
            super("a backtick at index " + at + " opens a name that no backtick closes", null, false, false);
            this.at = at;
        }
    }
}
