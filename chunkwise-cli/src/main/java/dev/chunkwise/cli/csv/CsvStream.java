package dev.chunkwise.cli.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Reads a CSV file as a stream of blocks of whole rows, so that a file of any size, or a pipe, can be read in a fixed
 * amount of memory: the first block holds the header, and each block is read by {@link #read} into a {@link CsvFile}
 * of its own, whose lines and byte offsets are the file's.
 *
 * <h2>Where a block ends</h2>
 * A block ends after a line end that is not inside a quoted field. The reader follows the fields from the block's
 * start, which is a row's start, with the row scanner's rule for quotes (a quote opens a quoted field only at a
 * field's start; inside one, a doubled quote or one after the escape character is text, as {@link Quoting} says)
 * but nothing else: one pass over the bytes, on the thread that reads; the rows are then found and
 * their values typed on other threads, a block each. A malformed row is reported by the block that holds it, with
 * the line the whole-file reader would name. The lines before the header row ({@code --header-row}) are in the first
 * block, and are not followed: they may hold anything.
 */
public final class CsvStream implements AutoCloseable {

    /** Where the scan that finds row ends is in a row: at a field's start, in an unquoted field, in a quoted one. */
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    /** Right after a quote that may close a quoted field or be the first of a doubled one. */
    private static final int CLOSED = 3;
    /** Right after the escape character in a quoted field: the next byte is text, whatever it is. */
    private static final int ESCAPED = 4;

    private final InputStream in;
    private final String name;
    private final int blockBytes;
    private byte delimiter;
    private int quote;
    private int escape;
    /** Where the header's line starts in the first block, and the lines before it. */
    private int headerStart;
    private long skippedLines;
    private CsvReader header;
    private byte[] buffer;
    /** The bytes of {@link #buffer} read but not yet given out in a block. */
    private int buffered;
    private boolean ended;
    /** Where the next block starts in the file. */
    private Origin next = Origin.START;
    private long bytesRead;

    private CsvStream(InputStream in, String name, int blockBytes) {
        this.in = in;
        this.name = name;
        this.blockBytes = blockBytes;
        this.buffer = new byte[Math.max(blockBytes, Delimiters.SAMPLE_BYTES)]; // the first lines tell the delimiter
    }

    /**
     * Reads the first block of {@code in} (the file named {@code name}, already decompressed), which holds the header,
     * and finds the header's columns. The stream is closed with this.
     *
     * @param dialect    the delimiter (or null to detect it from the first lines), the header, the null text
     * @param blockBytes about how many bytes a block holds (a block holds at least one row, however long)
     * @throws CsvFormatException as {@link CsvReader#open} says, naming the file
     */
    public static CsvStream open(InputStream in, String name, Charset charset, CsvDialect dialect, int blockBytes) {
        if (blockBytes <= 0) {
            throw new IllegalArgumentException("blockBytes: " + blockBytes + " (expected: > 0)");
        }
        Encodings.checkAsciiCompatible(charset);
        CsvStream s = new CsvStream(in, name, blockBytes);
        s.fill();
        s.quote = dialect.quoting().quote();
        s.escape = dialect.quoting().escape();
        s.findHeaderLine(dialect);
        s.delimiter = dialect.delimiter() != null ? dialect.delimiter()
                : Delimiters.detect(s.buffer, s.buffered, s.ended, dialect);
        byte[] first = s.nextBlock();
        for (byte[] more; first != null && blank(first) && (more = s.nextBlock()) != null; ) {
            // Blank lines before the header: the first block is the one that holds the header.
            byte[] joined = Arrays.copyOf(first, first.length + more.length);
            System.arraycopy(more, 0, joined, first.length, more.length);
            first = joined;
        }
        s.header = CsvReader.of(name, first == null ? new byte[0] : first, charset, s.delimiter, dialect);
        return s;
    }

    /**
     * Reads until the buffer holds the lines before the header row, and sets where it starts; if the input has fewer
     * lines, the reader of the first block (all of the input) says so.
     */
    private void findHeaderLine(CsvDialect dialect) {
        int bomEnd = Encodings.startsWithUtf8Bom(buffer, buffered) ? 3 : 0;
        while (true) {
            // Without the input's end, a last CR may be followed by an LF not read yet.
            int at = dialect.headerLineStart(buffer, bomEnd, ended ? buffered : buffered - 1);
            if (at >= 0) {
                headerStart = at;
                skippedLines = dialect.headerRow() - 1;
                return;
            }
            if (ended) {
                headerStart = buffered;
                return;
            }
            if (buffered == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            fill();
        }
    }

    /** Returns whether {@code data} holds only line ends, after a UTF-8 byte-order mark if it has one. */
    private static boolean blank(byte[] data) {
        int i = Encodings.startsWithUtf8Bom(data, data.length) ? 3 : 0;
        while (i < data.length && (data[i] == '\n' || data[i] == '\r')) {
            i++;
        }
        return i == data.length;
    }

    /** Returns the reader of the first block, which holds the header: its columns, their lookups and type guesses. */
    public CsvReader header() {
        return header;
    }

    /** Returns the bytes read from the input so far (decompressed). */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Returns the next block after the first, not yet scanned, or null at the end of the input.
     *
     * @throws CsvFormatException naming the file if it cannot be read
     */
    public Block next() {
        Origin at = next;
        byte[] data = nextBlock();
        return data == null ? null : new Block(header.block(data, at));
    }

    /** A block of whole rows, read by {@link #read} on any thread. */
    public static final class Block {
        private final CsvReader reader;

        private Block(CsvReader reader) {
            this.reader = reader;
        }

        /**
         * Scans the block's rows and types the {@code typed} columns' values, on this thread.
         *
         * @throws CsvFormatException naming the file's line for a malformed row
         */
        public CsvFile read(int[] typed) {
            return reader.read(typed, Runnable::run, 1);
        }
    }

    /** Returns the next block's bytes (whole rows), or null at the end; sets where the one after starts. */
    private byte[] nextBlock() {
        int scanned = 0;
        int state = FIELD_START;
        int cut = 0;
        long lines = 0;
        long linesAtCut = 0;
        boolean atEnd = false;
        if (next.offset() == 0) {
            // A UTF-8 byte-order mark is not part of the first field, and the lines before the header are not rows.
            scanned = Math.max(headerStart, Encodings.startsWithUtf8Bom(buffer, buffered) ? 3 : 0);
            lines = skippedLines;
        }
        while (cut < blockBytes) {
            if (scanned >= buffered - 1 && !ended) {
                // Everything read is scanned, or all but a last byte that may be a CR before an LF: read more.
                if (buffered == buffer.length) {
                    if (cut > 0) {
                        break;
                    }
                    buffer = Arrays.copyOf(buffer, buffer.length * 2); // a row longer than a block
                }
                fill();
                continue;
            }
            if (scanned == buffered) {
                atEnd = true;
                break;
            }
            byte[] b = buffer;
            int limit = ended ? buffered : buffered - 1;
            while (scanned < limit) {
                byte x = b[scanned++];
                if (state == QUOTED) {
                    if (x == quote) {
                        state = CLOSED;
                    } else if (x == escape) {
                        state = ESCAPED;
                    } else if (x == '\n' || x == '\r' && (scanned == buffered || b[scanned] != '\n')) {
                        lines++;
                    }
                } else if (state == ESCAPED) {
                    state = QUOTED;
                    if (x == '\n' || x == '\r' && (scanned == buffered || b[scanned] != '\n')) {
                        lines++;
                    }
                } else if (x == '\n' || x == '\r') {
                    state = FIELD_START;
                    if (x == '\r' && scanned < buffered && b[scanned] == '\n') {
                        continue; // the LF after the CR ends the line
                    }
                    lines++;
                    cut = scanned;
                    linesAtCut = lines;
                    if (cut >= blockBytes) {
                        break;
                    }
                } else if (x == delimiter) {
                    state = FIELD_START;
                } else if (x == quote) {
                    // A quote opens a quoted field at a field's start, and is a doubled quote right after one closed;
                    // elsewhere it is part of the field's text, as the row scanner reads it (12" pizza).
                    state = state == FIELD_START || state == CLOSED ? QUOTED : UNQUOTED;
                } else {
                    state = UNQUOTED;
                }
            }
        }
        if (atEnd && cut < buffered) {
            cut = buffered; // the last row, without a line end
            linesAtCut = lines;
        }
        if (cut == 0) {
            return null;
        }
        byte[] data = Arrays.copyOf(buffer, cut);
        System.arraycopy(buffer, cut, buffer, 0, buffered - cut);
        buffered -= cut;
        next = new Origin(next.line() + linesAtCut, next.offset() + cut);
        return data;
    }

    private void fill() {
        try {
            while (buffered < buffer.length) {
                int n = in.read(buffer, buffered, buffer.length - buffered);
                if (n < 0) {
                    ended = true;
                    return;
                }
                buffered += n;
                bytesRead += n;
            }
        } catch (IOException e) {
            throw FileBytes.fault(e, name);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
