package dev.chunkwise.cli.csv;

import java.nio.charset.StandardCharsets;

/**
 * How a CSV file is written, as the user says it (what is not said is detected or takes its default): the field
 * delimiter, the quoting, the line the header is on or that there is none, and the text that means a missing value.
 *
 * @param delimiter the byte that separates fields, or null to detect it ({@link Delimiters})
 * @param header    whether the first row read names the columns (else they are {@code c1, c2, …} and none is written)
 * @param nullText  the field that means a missing value in a column an expression reads (as an empty field does),
 *                  written for a missing result; null when only an empty field does
 * @param outputDelimiter the byte that separates the output's fields, or null for the input's
 * @param quoting   the quote character and escape rule, read and written ({@code --quote}, {@code --escape})
 * @param headerRow the 1-based line the header is on; the lines before it are skipped and not written
 */
public record CsvDialect(Byte delimiter, boolean header, String nullText, Byte outputDelimiter, Quoting quoting,
                         int headerRow) {

    /** Comma or as detected, double quotes, a header on the first line, no null text, the output as the input. */
    public static final CsvDialect DEFAULT = new CsvDialect(null, true, null, null, Quoting.RFC_4180, 1);

    /**
     * @throws IllegalArgumentException naming the options at fault: a null text that is empty or holds a quote or a
     *                                  line end (it would not be one field); a quote or escape character that is a
     *                                  delimiter too; a header row below 1, or above 1 without a header
     */
    public CsvDialect {
        if (quoting == null) {
            throw new IllegalArgumentException("quoting: null (expected: a Quoting, such as Quoting.RFC_4180)");
        }
        if (nullText != null && (nullText.isEmpty() || quoting.quotes() && nullText.indexOf(quoting.quote()) >= 0
                || nullText.contains("\n") || nullText.contains("\r"))) {
            throw new IllegalArgumentException("--null '" + nullText + "': expected a non-empty text without quotes or "
                    + "line ends, such as NA or \\N (an empty field is missing anyway)");
        }
        Byte[] delimiters = {delimiter, outputDelimiter};
        for (int i = 0; i < delimiters.length; i++) {
            Byte d = delimiters[i];
            String option = i == 0 ? "--delimiter" : "--output-delimiter";
            if (d != null && d == quoting.quote()) {
                throw new IllegalArgumentException("--quote '" + (char) quoting.quote() + "' is the delimiter too ("
                        + option + " " + Delimiters.name(d) + "): a field could not tell one from the other; give "
                        + "another --quote, or --quote none");
            }
            if (d != null && d == quoting.escape()) {
                throw new IllegalArgumentException("--escape '" + (char) quoting.escape() + "' is the delimiter too ("
                        + option + " " + Delimiters.name(d) + "); give another --escape");
            }
        }
        if (headerRow < 1) {
            throw new IllegalArgumentException("--header-row " + headerRow + ": expected the 1-based line the header is "
                    + "on (1, the default, for the first line)");
        }
        if (headerRow > 1 && !header) {
            throw new IllegalArgumentException("--header-row " + headerRow + " and --no-header: a file without a "
                    + "header has no header row; give one of them");
        }
    }

    /**
     * Returns where the header's line starts in {@code data[from, length)}, the file's start ({@code from} after a
     * byte-order mark): after the {@code headerRow - 1} line ends (LF, CRLF or CR) before it, whatever the lines
     * hold; or -1 if there are fewer.
     */
    int headerLineStart(byte[] data, int from, int length) {
        int pos = from;
        for (int line = 1; line < headerRow; line++) {
            while (pos < length && data[pos] != '\n' && data[pos] != '\r') {
                pos++;
            }
            if (pos >= length) {
                return -1;
            }
            pos += data[pos] == '\r' && pos + 1 < length && data[pos + 1] == '\n' ? 2 : 1;
        }
        return pos;
    }

    /** Returns the output's delimiter: {@link #outputDelimiter()}, or {@code input} when it is null. */
    byte outputDelimiterOr(byte input) {
        return outputDelimiter != null ? outputDelimiter : input;
    }

    /** Returns the null text's bytes (ASCII-compatible encodings agree on them), or null. */
    byte[] nullBytes() {
        return nullText == null ? null : nullText.getBytes(StandardCharsets.UTF_8);
    }
}
