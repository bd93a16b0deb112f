package dev.chunkwise.cli.data;

/**
 * Thrown when a data file (CSV or Parquet) cannot be read: the message names the file, the line (1-based, counting
 * the header) where there is one and, where it applies, the column and the value.
 */
public class DataFileException extends RuntimeException {

    private final long line;

    /** A fault of the file as a whole (no line), such as a missing file. */
    public DataFileException(String file, String message) {
        this(file, 0, message);
    }

    /** A fault on {@code line} (1-based; 0 for the file as a whole). */
    public DataFileException(String file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
    }

    /** Returns the 1-based line at fault, or 0 when the fault is the file as a whole. */
    public long line() {
        return line;
    }
}
