package dev.chunkwise.cli.csv;

/**
 * The rows of one byte range of a CSV file, as {@link RowScanner} found them: where each row's bytes are, the values
 * of the typed columns, where the scan stopped, and the first error in the range.
 */
final class Chunk {
    /** Where the scan started and stopped: the byte after the last row's line end. */
    int start;
    int end;
    int rows;
    /** Row {@code r}'s bytes without its line end: {@code [rowStart[r], rowEnd[r])}. */
    int[] rowStart;
    int[] rowEnd;
    /** The line ends crossed, blank lines and line breaks inside quoted fields included. */
    long newlines;
    /** The values of each typed column, in the order the scanner was given them. */
    ColumnValues[] values;
    /** The first error, and the byte offset of the row it is in; null when the range is well formed. */
    String error;
    int errorRowStart;
    /** The file's line number of this chunk's first byte, set once the chunks are joined. */
    long firstLine;
    /** The index in the whole file of this chunk's first row, set once the chunks are joined. */
    long firstRow;
}
