package dev.chunkwise.cli.csv;

/**
 * Where an array of a CSV file's bytes starts in the file, so that messages name the file's line and byte offset: the
 * start for a file read whole, a block's place for a file read as a stream.
 *
 * @param line   the 1-based line of the array's first byte
 * @param offset the byte offset of the array's first byte
 */
record Origin(long line, long offset) {

    /** The start of the file. */
    static final Origin START = new Origin(1, 0);

    /** Returns the file's 1-based line of {@code data[at]}. */
    long lineOf(byte[] data, int at) {
        return line - 1 + CsvReader.lineOf(data, at);
    }
}
