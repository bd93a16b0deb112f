package dev.chunkwise.cli.csv;

import java.nio.charset.StandardCharsets;

/**
 * How a CSV file is written, as the user says it (what is not said is detected or takes its default): the field
 * delimiter, whether the first row is a header, and the text that means a missing value.
 *
 * @param delimiter the byte that separates fields, or null to detect it ({@link Delimiters})
 * @param header    whether the first row names the columns (else they are {@code c1, c2, …} and none is written)
 * @param nullText  the field that means a missing value in a column an expression reads (as an empty field does),
 *                  written for a missing result; null when only an empty field does
 * @param outputDelimiter the byte that separates the output's fields, or null for the input's
 */
public record CsvDialect(Byte delimiter, boolean header, String nullText, Byte outputDelimiter) {

    /** Comma or as detected, a header, no null text, the output as the input. */
    public static final CsvDialect DEFAULT = new CsvDialect(null, true, null, null);

    /**
     * @throws IllegalArgumentException naming {@code --null} for a null text that is empty or holds a quote or a line
     *                                  end (it would not be one field)
     */
    public CsvDialect {
        if (nullText != null && (nullText.isEmpty() || nullText.contains("\"") || nullText.contains("\n")
                || nullText.contains("\r"))) {
            throw new IllegalArgumentException("--null '" + nullText + "': expected a non-empty text without quotes or "
                    + "line ends, such as NA or \\N (an empty field is missing anyway)");
        }
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
