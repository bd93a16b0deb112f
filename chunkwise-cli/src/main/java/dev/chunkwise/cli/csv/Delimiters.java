package dev.chunkwise.cli.csv;

import java.util.Arrays;

/**
 * The field delimiters chunkwise reads, and how it tells which one a file uses: the one of comma, semicolon, tab and
 * pipe that splits the header into more than one field and most of the first rows into as many (read with the
 * file's quoting, from its header line on); the one that gives the most fields where several do, a comma first on a
 * tie; a comma when none does. A candidate that is the quote or escape character is not one.
 */
public final class Delimiters {

    /** The delimiters looked for, in the order that decides a tie. */
    static final byte[] CANDIDATES = {',', ';', '\t', '|'};
    /** The rows looked at after the header. */
    static final int SAMPLE_ROWS = 20;
    /** The bytes looked at, at most. */
    static final int SAMPLE_BYTES = 64 * 1024;

    private Delimiters() {
    }

    /**
     * Returns the delimiter {@code text} names: a single character other than a quote, CR or LF, or {@code tab}.
     *
     * @throws IllegalArgumentException naming {@code --delimiter} and what it takes
     */
    public static byte parse(String text) {
        return parse(text, "--delimiter");
    }

    /** Returns the delimiter {@code text} names, as {@link #parse(String)} does, naming {@code option} if it is bad. */
    public static byte parse(String text, String option) {
        String t = text.equals("tab") || text.equals("\\t") ? "\t" : text;
        if (t.length() != 1 || t.charAt(0) > 127 || t.charAt(0) == '"' || t.charAt(0) == '\n' || t.charAt(0) == '\r') {
            throw new IllegalArgumentException(option + " " + text + ": expected one ASCII character other than a "
                    + "quote or a line end, such as , ; | or tab");
        }
        return (byte) t.charAt(0);
    }

    /** Returns how a message names {@code delimiter}: {@code ','}, {@code tab}... */
    public static String name(byte delimiter) {
        return delimiter == '\t' ? "tab" : "'" + (char) delimiter + "'";
    }

    /**
     * Detects the delimiter of the file whose first bytes are {@code data[0, length)}, written in {@code dialect}
     * (its quoting, its header row), as the class comment says; {@code whole} tells whether they are the whole file
     * (else its last row there may be cut short).
     */
    static byte detect(byte[] data, int length, boolean whole, CsvDialect dialect) {
        Quoting quoting = dialect.quoting();
        int start = dialect.headerLineStart(data, Encodings.startsWithUtf8Bom(data, length) ? 3 : 0, length);
        if (start < 0) {
            start = length; // the reader says that the header row is past the end
        }
        byte[] sample = Arrays.copyOfRange(data, start, Math.min(length, start + SAMPLE_BYTES));
        boolean complete = whole && length <= start + SAMPLE_BYTES;
        byte best = 0;
        int bestFields = 1;
        for (byte d : CANDIDATES) {
            if (d == quoting.quote() || d == quoting.escape()) {
                continue;
            }
            if (best == 0) {
                best = d; // a comma, unless it is the quote or escape character
            }
            int fields = consistentFields(sample, d, complete, quoting);
            if (fields > bestFields) {
                best = d;
                bestFields = fields;
            }
        }
        return best;
    }

    /**
     * Returns the fields {@code d} splits the header into if it splits most of the sampled rows into
     * as many, else 0: one ragged row near the top does not hide the delimiter (the reader names that row).
     */
    private static int consistentFields(byte[] sample, byte d, boolean complete, Quoting quoting) {
        int pos = 0;
        int header = -1;
        int rows = 0;
        int alike = 0;
        while (rows <= SAMPLE_ROWS && pos < sample.length) {
            if (sample[pos] == '\n' || sample[pos] == '\r') {
                pos++; // blank lines
                continue;
            }
            int end = RowScanner.rowEnd(sample, pos, d, quoting);
            if (end < 0 || end == sample.length && header >= 0 && !complete) {
                break; // a row the sample cuts short says nothing
            }
            int n = RowScanner.fields(sample, pos, end, 1, d, quoting).length / 2;
            if (header < 0) {
                header = n;
            } else {
                rows++;
                if (n == header) {
                    alike++;
                }
            }
            pos = end;
        }
        return header > 0 && alike * 2 > rows ? header : 0;
    }
}
