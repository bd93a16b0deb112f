package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.work.LocalWork;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Reads a CSV file in parallel, keeping every row's bytes as they are, so that a column no expression reads can be
 * written back byte for byte, and typing only the columns asked for, from all their values.
 *
 * <p>{@link #open} loads the file and reads its header; {@link #read} cuts the body into byte ranges, scans each on an
 * executor of this JVM, and returns a {@link CsvFile}.
 *
 * <h2>How a range finds its first row</h2>
 * Each range after the first starts after the first line end past its offset, a guess that is wrong only if that line
 * end lies inside a quoted field. The guesses are checked at the seams: every range, scanned from a true row start,
 * ends exactly where the next true row starts; where that is not the next range's guess, the next range is scanned
 * again from the right place. The result is always the sequential reader's.
 *
 * <h2>Text</h2>
 * The bytes are checked to be valid in the file's encoding (UTF-8 unless told otherwise; a UTF-8 byte-order mark is
 * accepted and kept), and an invalid byte is an error naming its line and offset. Encodings in which commas, quotes
 * and line breaks are not single ASCII bytes (UTF-16, UTF-32, the stateful ISO-2022 family) are refused. Line ends may
 * be LF, CRLF or a lone CR; blank lines are skipped, before the header too.
 */
public final class CsvReader {

    /** The names of a header-less file's columns: {@code c1, c2, …}. */
    public static final String NO_HEADER_PREFIX = "c";
    /** Bytes of the file's body scanned to guess the column types before the whole file is read. */
    static final int SAMPLE_BYTES = 64 * 1024;
    /** Below this many bytes a range is not split further: splitting would cost more than it saves. */
    static final int MIN_RANGE_BYTES = 1 << 20;

    private final String name;
    private final byte[] data;
    private final Charset charset;
    private final boolean bom;
    private final int headerStart;
    private final int headerEnd;
    private final int bodyStart;
    private final byte[] lineEnd;
    private final List<String> columns;
    /** Where {@link #data} starts in the file: the whole file, or one block of a file read as a stream. */
    private final Origin origin;
    private final byte delimiter;
    /** The bytes of the text that means a missing value, or null. */
    private final byte[] nullBytes;
    /** The delimiter to write the file back with. */
    private final byte outputDelimiter;
    private final Quoting quoting;

    private CsvReader(String name, byte[] data, Charset charset, boolean bom, int headerStart, int headerEnd,
                      int bodyStart, byte[] lineEnd, List<String> columns, Origin origin, byte delimiter,
                      byte[] nullBytes, byte outputDelimiter, Quoting quoting) {
        this.quoting = quoting;
        this.origin = origin;
        this.delimiter = delimiter;
        this.nullBytes = nullBytes;
        this.outputDelimiter = outputDelimiter;
        this.name = name;
        this.data = data;
        this.charset = charset;
        this.bom = bom;
        this.headerStart = headerStart;
        this.headerEnd = headerEnd;
        this.bodyStart = bodyStart;
        this.lineEnd = lineEnd;
        this.columns = columns;
    }

    /**
     * Loads {@code file} (decompressing it first when {@code gzip}) and reads its header.
     *
     * @param charset the file's encoding
     * @throws CsvFormatException naming the file (and the line where there is one) for a missing or unreadable file, an
     *                            empty file, a header with an unclosed quote, or a byte that is not valid in
     *                            {@code charset}
     */
    public static CsvReader open(Path file, Charset charset, Compression compression) {
        return open(file, charset, compression, CsvDialect.DEFAULT);
    }

    /**
     * Loads {@code file} as {@link #open(Path, Charset, Compression)} does, in the {@code dialect} given: its fields
     * separated by its delimiter, or by the one {@link Delimiters} detects; without a header the first row is data,
     * and the columns are named {@code c1, c2, …}.
     */
    public static CsvReader open(Path file, Charset charset, Compression compression, CsvDialect dialect) {
        String name = file.toString();
        Encodings.checkAsciiCompatible(charset);
        byte[] data = FileBytes.load(file, name, compression);
        return of(name, data, charset, dialect.delimiter() != null ? dialect.delimiter()
                : Delimiters.detect(data, data.length, true, dialect), dialect);
    }

    /**
     * Reads the header at the start of {@code data}, the whole file named {@code name} or its first block when the
     * file is read as a stream ({@link CsvStream}).
     *
     * @throws CsvFormatException as {@link #open} says
     */
    static CsvReader of(String name, byte[] data, Charset charset, byte delimiter, CsvDialect dialect) {
        boolean header = dialect.header();
        boolean bom = charset.equals(StandardCharsets.UTF_8) && Encodings.startsWithUtf8Bom(data, data.length);
        Quoting quoting = dialect.quoting();
        int pos = bom ? 3 : 0;
        if (dialect.headerRow() > 1) {
            // The lines before the header (a title, comments) are skipped as they are, quotes and all.
            int start = dialect.headerLineStart(data, pos, data.length);
            if (start < 0 || start == data.length || data[start] == '\n' || data[start] == '\r') {
                throw new CsvFormatException(name, "--header-row " + dialect.headerRow() + ": "
                        + (start < 0 || start == data.length ? "the file has fewer lines"
                        : "line " + dialect.headerRow() + " is blank")
                        + "; give the line the header is on (1 for the first)");
            }
            pos = start;
        }
        while (pos < data.length && (data[pos] == '\n' || data[pos] == '\r')) {
            pos++; // blank lines before the header
        }
        if (pos == data.length) {
            throw new CsvFormatException(name, "the file is empty (expected a header line naming the columns, such as A,B,C)");
        }
        int headerEnd = headerEnd(data, pos, name, delimiter, quoting);
        Encodings.checkEncoding(data, 0, headerEnd, charset, name, Origin.START);
        int width = RowScanner.fields(data, pos, headerEnd, 1, delimiter, quoting).length / 2;
        Chunk first = new RowScanner(data, data.length, width, new int[0], delimiter, quoting, null).scan(pos, pos + 1);
        if (first.error != null) {
            throw new CsvFormatException(name, lineOf(data, first.errorRowStart), (header ? "in the header: " : "")
                    + first.error);
        }
        int[] spans = RowScanner.fields(data, pos, headerEnd, width, delimiter, quoting);
        List<String> columns = new ArrayList<>(width);
        ColumnValues.Scratch scratch = new ColumnValues.Scratch(quoting);
        for (int c = 0; c < width; c++) {
            columns.add(header ? text(data, spans[2 * c], spans[2 * c + 1], charset, scratch) : NO_HEADER_PREFIX + (c + 1));
        }
        byte[] lineEnd = headerEnd == data.length ? new byte[]{'\n'}
                : data[headerEnd] == '\r' && headerEnd + 1 < data.length && data[headerEnd + 1] == '\n'
                ? new byte[]{'\r', '\n'} : new byte[]{data[headerEnd]};
        if (!header) {
            // The first row is data: no header is kept, and none is written back.
            return new CsvReader(name, data, charset, bom, pos, pos, pos, lineEnd, List.copyOf(columns), Origin.START,
                    delimiter, dialect.nullBytes(), dialect.outputDelimiterOr(delimiter), quoting);
        }
        int bodyStart = Math.min(data.length, headerEnd + lineEnd.length);
        return new CsvReader(name, data, charset, bom, pos, headerEnd, bodyStart, lineEnd, List.copyOf(columns),
                Origin.START, delimiter, dialect.nullBytes(), dialect.outputDelimiterOr(delimiter), quoting);
    }

    /**
     * Returns a reader of a block of rows of the file this reader's header heads: {@code data} holds whole rows only,
     * and starts at {@code origin} in the file.
     */
    CsvReader block(byte[] data, Origin origin) {
        return new CsvReader(name, data, charset, false, 0, 0, 0, lineEnd, columns, origin, delimiter, nullBytes,
                outputDelimiter, quoting);
    }

    /** Returns the byte that separates the fields. */
    public byte delimiter() {
        return delimiter;
    }

    /** Returns the header's line end, which the output keeps: LF, CRLF or CR (LF for a file of one line). */
    byte[] lineEnd() {
        return lineEnd.clone();
    }

    /** Returns whether the file starts with a UTF-8 byte-order mark. */
    boolean bom() {
        return bom;
    }

    /** Returns the column names, as the header writes them (nothing stripped). */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the index of the column the header names {@code column}, or -1 if it names none.
     *
     * @throws CsvFormatException naming the header line if it names the column twice, so that which one is meant is
     *                            unclear
     */
    public int indexOf(String column) {
        int first = columns.indexOf(column);
        int last = columns.lastIndexOf(column);
        if (first != last) {
            throw new CsvFormatException(name, lineOf(data, headerStart), "the header names column " + column
                    + " twice (columns " + (first + 1) + " and " + (last + 1) + "), so an expression cannot tell which "
                    + "one it reads; rename one of them");
        }
        return first;
    }

    /**
     * Guesses the types of {@code typed} columns from the first {@value #SAMPLE_BYTES} bytes of the body, by the same
     * rule {@link CsvFile#typedFrame} applies to all of them, so that work which depends on the types (compiling
     * expressions) can start while the whole file is read. The final types may differ.
     */
    public ColumnType[] sampleTypes(int[] typed, ColumnType[] forced) {
        Chunk sample = new RowScanner(data, data.length, columns.size(), typed, delimiter, quoting, nullBytes)
                .scan(bodyStart, Math.min(data.length, bodyStart + SAMPLE_BYTES));
        ColumnType[] types = new ColumnType[typed.length];
        for (int i = 0; i < typed.length; i++) {
            ColumnType f = forced == null ? null : forced[i];
            types[i] = sample.error != null ? (f != null ? f : ColumnType.INT)
                    : ColumnTyping.forExpressions(columns.get(typed[i]), ColumnTyping.Census.of(List.of(sample), i), f)
                    .choice().type();
        }
        return types;
    }

    /**
     * Reads the body: its rows, and the values of the {@code typed} columns (indexes into {@link #columns()}), in
     * about {@code partitions} ranges scanned on {@code executor}.
     *
     * @throws CsvFormatException naming the file and the line for a ragged row, an unclosed or stray quote, or a byte
     *                            that is not valid in the file's encoding
     */
    public CsvFile read(int[] typed, Executor executor, int partitions) {
        return read(typed, executor, partitions, MIN_RANGE_BYTES);
    }

    CsvFile read(int[] typed, Executor executor, int partitions, int minRangeBytes) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions: " + partitions + " (expected: > 0)");
        }
        int width = columns.size();
        int parts = Math.max(1, Math.min(partitions, (data.length - bodyStart) / minRangeBytes));
        List<int[]> ranges = ranges(data, bodyStart, data.length, parts);
        // A scanner per range: a scanner keeps a scratch buffer, so it must not be shared between threads.
        List<Chunk> results = LocalWork.map(executor, (int[] r) -> {
            Encodings.checkEncoding(data, r[0], r[1], charset, name, origin);
            return new RowScanner(data, data.length, width, typed, delimiter, quoting, nullBytes).scan(r[0], r[1]);
        }, ranges);

        // Check the seams, in order; scan again from the true row start where a guess was wrong.
        RowScanner again = new RowScanner(data, data.length, width, typed, delimiter, quoting, nullBytes);
        List<Chunk> chunks = new ArrayList<>(results.size());
        int expected = bodyStart;
        long rows = 0;
        for (int i = 0; i < ranges.size(); i++) {
            int[] range = ranges.get(i);
            Chunk c = results.get(i);
            if (range[0] != expected) {
                if (expected >= range[1]) {
                    continue; // a quoted field swallowed this whole range; the previous chunk read its rows
                }
                c = again.scan(expected, range[1]);
            }
            if (c.error != null) {
                throw new CsvFormatException(name, origin.lineOf(data, c.errorRowStart), c.error);
            }
            c.firstRow = rows;
            rows += c.rows;
            chunks.add(c);
            expected = c.end;
        }
        return new CsvFile(name, data, charset, bom, headerStart, headerEnd, lineEnd, columns, typed, chunks, rows,
                origin, delimiter, nullBytes, outputDelimiter, quoting);
    }

    /** Returns the 1-based line of byte {@code offset}: the line ends before it (LF, CRLF or CR) plus one. */
    static long lineOf(byte[] data, int offset) {
        long line = 1;
        for (int i = 0; i < offset && i < data.length; i++) {
            if (data[i] == '\n' || data[i] == '\r' && (i + 1 >= data.length || data[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }

    /** Decodes the raw field {@code data[from, to)}, unescaping it first if it is quoted. */
    static String text(byte[] data, int from, int to, Charset charset, ColumnValues.Scratch scratch) {
        if (to > from && data[from] == scratch.quoting.quote()) {
            int n = scratch.unquote(data, from, to);
            return new String(scratch.bytes, 0, n, charset);
        }
        return new String(data, from, to - from, charset);
    }

    /** Cuts {@code [start, end)} into {@code parts} ranges, each after the first starting after a line end. */
    static List<int[]> ranges(byte[] data, int start, int end, int parts) {
        List<int[]> ranges = new ArrayList<>(parts);
        int from = start;
        long length = end - start;
        for (int i = 1; i <= parts; i++) {
            int to;
            if (i == parts) {
                to = end;
            } else {
                to = (int) (start + length * i / parts);
                while (to < end && !(data[to - 1] == '\n' || data[to - 1] == '\r' && data[to] != '\n')) {
                    to++;
                }
            }
            if (to > from) {
                ranges.add(new int[]{from, to});
                from = to;
            }
        }
        if (ranges.isEmpty()) {
            ranges.add(new int[]{start, end});
        }
        return ranges;
    }

    /** Returns where the header row starting at {@code start} ends (its line end, or the end of the data). */
    private static int headerEnd(byte[] data, int start, String name, byte delimiter, Quoting quoting) {
        int end = RowScanner.rowEnd(data, start, delimiter, quoting);
        if (end < 0) {
            String head = new String(data, start, Math.min(200, data.length - start), StandardCharsets.UTF_8);
            throw new CsvFormatException(name, lineOf(data, start), "a quoted name in the header is never closed (a "
                    + quoting.quoteName() + " is missing): " + Messages.abbreviate(head));
        }
        return end;
    }
}
