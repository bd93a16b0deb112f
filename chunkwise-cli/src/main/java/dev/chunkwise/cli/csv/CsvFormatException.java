package dev.chunkwise.cli.csv;

/**
 * Thrown when a CSV file cannot be read: the message names the file, the line (1-based, counting the header) and,
 * where it applies, the column.
 */
public class CsvFormatException extends RuntimeException {

    private final long line;

    /** A fault of the file as a whole (no line). */
    public CsvFormatException(String file, String message) {
        this(file, 0, message);
    }

    CsvFormatException(String file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
    }

    /** Returns the 1-based line at fault, or 0 when the fault is the file as a whole. */
    public long line() {
        return line;
    }
}
