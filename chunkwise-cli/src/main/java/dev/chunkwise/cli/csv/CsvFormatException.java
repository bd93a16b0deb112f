package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.DataFileException;

/**
 * Thrown when a CSV file cannot be read: a ragged row, a stray or unclosed quote, a byte not valid in the encoding,
 * a value that cannot be its column's type. The message names the file, the line (1-based, counting the header) and,
 * where it applies, the column.
 */
public class CsvFormatException extends DataFileException {

    /** A fault of the file as a whole (no line). */
    public CsvFormatException(String file, String message) {
        super(file, message);
    }

    CsvFormatException(String file, long line, String message) {
        super(file, line, message);
    }
}
