package dev.chunkwise.cli.csv;

/**
 * How a CSV file quotes its fields, one rule for reading and writing: a field that starts with the quote character is
 * quoted, and may hold delimiters, line breaks and the quote itself, doubled ({@code ""}, RFC 4180) or, when there is
 * an escape character, after it ({@code \"}, as MySQL and PostgreSQL export); the escape character then makes any
 * character after it ordinary, itself included ({@code \\}). Outside a quoted field both are ordinary characters. With
 * no quote character ({@code --quote none}) no field is quoted.
 *
 * @param quote  the quote character (an ASCII byte), or {@link #NONE}
 * @param escape the escape character inside quoted fields (an ASCII byte), or {@link #NONE} for doubled quotes only
 */
public record Quoting(int quote, int escape) {

    /** No such character: it matches no byte (a byte read from an array is -128 to 127). */
    public static final int NONE = 0x100;
    /** RFC 4180: double quotes, doubled inside a quoted field. */
    public static final Quoting RFC_4180 = new Quoting('"', NONE);

    /**
     * @throws IllegalArgumentException for a character that is not ASCII or is a line end, or an escape without a quote
     */
    public Quoting {
        check(quote, "quote");
        check(escape, "escape");
        if (escape == quote) {
            escape = NONE; // an escape that is the quote is RFC 4180's doubling
        }
        if (quote == NONE && escape != NONE) {
            throw new IllegalArgumentException("--escape " + (char) escape + " with --quote none: there are no quoted "
                    + "fields to escape in; give a --quote character, or no --escape");
        }
    }

    private static void check(int c, String what) {
        if (c != NONE && (c < 1 || c > 127 || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException(what + ": " + c + " (expected: an ASCII character other than a line end)");
        }
    }

    /**
     * Returns the quoting that {@code --quote} and {@code --escape} say; either may be null (its default: a double
     * quote, and no escape). An escape equal to the quote is RFC 4180's doubling.
     *
     * @throws IllegalArgumentException naming the option and its value if it is not one character
     */
    public static Quoting parse(String quote, String escape) {
        int q = quote == null ? '"' : quote.equals("none") ? NONE : character(quote, "--quote",
                "such as \" or ', or none for a file whose quotes are ordinary characters");
        int e = escape == null || escape.equals("none") ? NONE : character(escape, "--escape",
                "such as \\, or none for quotes doubled inside a quoted field (the default)");
        return new Quoting(q, e);
    }

    private static int character(String text, String option, String example) {
        if (text.length() != 1 || text.charAt(0) > 127 || text.charAt(0) == 0 || text.charAt(0) == '\n'
                || text.charAt(0) == '\r') {
            throw new IllegalArgumentException(option + " '" + text + "': must be one ASCII character other than a "
                    + "line end, " + example);
        }
        return text.charAt(0);
    }

    /** Returns whether fields may be quoted. */
    public boolean quotes() {
        return quote != NONE;
    }

    /** Returns how a message names the quote character: {@code "} or {@code '}. */
    String quoteName() {
        return quote == NONE ? "none" : String.valueOf((char) quote);
    }

    /** Returns how a message says a quote is written inside a quoted field: {@code ""} or {@code \"}. */
    String quoteInside() {
        return escape == NONE ? quoteName() + quoteName() : (char) escape + quoteName();
    }

    /** Returns whether {@code s} must be quoted to be one field between {@code delimiter}s. */
    boolean needsQuotes(String s, byte delimiter) {
        return s.indexOf(delimiter) >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || quote != NONE && (s.indexOf(quote) >= 0 || escape != NONE && s.indexOf(escape) >= 0);
    }

    /**
     * Returns {@code s} as one field: as it is if it need not be quoted, else in quotes, each quote (and escape)
     * inside doubled or escaped.
     *
     * @throws IllegalArgumentException if it must be quoted and there is no quote character
     */
    String field(String s, byte delimiter) {
        if (!needsQuotes(s, delimiter)) {
            return s;
        }
        if (quote == NONE) {
            throw new IllegalArgumentException("the text \"" + Messages.abbreviate(s) + "\" holds the delimiter "
                    + Delimiters.name(delimiter) + " or a line end, so it cannot be one field of a file without quotes "
                    + "(--quote none); give a --quote character for the output to quote it");
        }
        StringBuilder sb = new StringBuilder(s.length() + 8).append((char) quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || escape != NONE && c == escape) {
                sb.append(escape != NONE ? (char) escape : (char) quote);
            }
            sb.append(c);
        }
        return sb.append((char) quote).toString();
    }

    /**
     * Returns where the quoted field whose opening quote is at {@code data[from]} ends: after its closing quote; or
     * -1 if it is not closed before {@code limit}.
     */
    int quotedEnd(byte[] data, int from, int limit) {
        int q = from + 1;
        while (q < limit) {
            byte x = data[q];
            if (x == escape) {
                q += 2;
                continue;
            }
            if (x == quote) {
                if (q + 1 < limit && data[q + 1] == quote) {
                    q += 2;
                    continue;
                }
                return q + 1;
            }
            q++;
        }
        return -1;
    }

    /**
     * Unescapes the quoted field {@code data[from, to)} (its quotes included) into {@code into}, which must hold
     * {@code to - from} bytes; returns the content's length.
     */
    int unquote(byte[] data, int from, int to, byte[] into) {
        int n = 0;
        int end = to - 1; // the closing quote
        for (int i = from + 1; i < end; i++) {
            byte c = data[i];
            if (c == escape || c == quote) {
                i++; // \x is x, and "" is one quote
                c = data[i];
            }
            into[n++] = c;
        }
        return n;
    }
}
