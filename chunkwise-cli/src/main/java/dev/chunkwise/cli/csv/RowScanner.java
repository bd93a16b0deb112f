package dev.chunkwise.cli.csv;

import java.util.Arrays;

/**
 * Finds the rows of one byte range of a CSV file (RFC 4180: fields separated by commas, or the delimiter the file
 * uses, rows by LF, CRLF or a lone CR; a field in quotes may hold delimiters, line breaks and doubled or escaped
 * quotes, as its {@link Quoting} says) and classifies the fields of the
 * columns to be typed. A range holds the rows that start in it; the last may run past its end. Blank lines are
 * skipped. Not thread-safe: one scanner per thread.
 */
final class RowScanner {

    private final byte[] data;
    private final int limit;
    private final int width;
    /** For each column, its index among the typed columns, or -1 when it passes through untyped. */
    private final int[] slot;
    private final int typed;
    private final byte delimiter;
    private final Quoting quoting;
    /** The quote character, or {@link Quoting#NONE}. */
    private final int quote;
    /** The escape character inside quoted fields, or {@link Quoting#NONE}. */
    private final int escape;
    /** The bytes of the text that means a missing value in a typed column, or null. */
    private final byte[] nullBytes;
    private final ColumnValues.Scratch scratch;

    RowScanner(byte[] data, int limit, int width, int[] typedColumns, byte delimiter, Quoting quoting,
               byte[] nullBytes) {
        this.delimiter = delimiter;
        this.quoting = quoting;
        this.quote = quoting.quote();
        this.escape = quoting.escape();
        this.scratch = new ColumnValues.Scratch(quoting);
        this.nullBytes = nullBytes;
        this.data = data;
        this.limit = limit;
        this.width = width;
        this.slot = new int[width];
        Arrays.fill(slot, -1);
        for (int i = 0; i < typedColumns.length; i++) {
            slot[typedColumns[i]] = i;
        }
        this.typed = typedColumns.length;
    }

    /** Scans the rows that start in {@code [start, end)}. */
    Chunk scan(int start, int end) {
        Chunk c = new Chunk();
        c.start = start;
        int estimate = Math.max(16, (end - start) / Math.max(8, 4 * width));
        c.rowStart = new int[estimate];
        c.rowEnd = new int[estimate];
        c.values = new ColumnValues[typed];
        for (int i = 0; i < typed; i++) {
            c.values[i] = new ColumnValues(estimate);
        }
        int pos = start;
        long newlines = 0;
        while (pos < end && pos < limit) {
            byte b = data[pos];
            if (b == '\n' || b == '\r') { // a blank line
                pos = afterLineEnd(pos);
                newlines++;
                continue;
            }
            int rowStart = pos;
            int field = 0;
            while (true) {
                int fieldEnd;
                if (data[pos] == quote) {
                    int q = pos + 1;
                    while (true) {
                        if (q >= limit) {
                            return error(c, pos, "a quoted field in column " + (field + 1)
                                    + " starts on this line and is never closed (a " + quoting.quoteName()
                                    + " is missing)");
                        }
                        byte x = data[q];
                        if (x == escape && q + 1 < limit) {
                            q++; // the escaped byte, whatever it is, is the field's text
                            x = data[q];
                        } else if (x == quote) {
                            if (q + 1 < limit && data[q + 1] == quote) {
                                q += 2;
                                continue;
                            }
                            break;
                        } else if (x == escape) {
                            q++; // an escape as the last byte: the field is not closed
                            continue;
                        }
                        if (x == '\n' || x == '\r' && (q + 1 >= limit || data[q + 1] != '\n')) {
                            newlines++;
                        }
                        q++;
                    }
                    fieldEnd = q + 1;
                    if (fieldEnd < limit && data[fieldEnd] != delimiter && data[fieldEnd] != '\n' && data[fieldEnd] != '\r') {
                        return error(c, rowStart, "column " + (field + 1) + ": unexpected '"
                                + Messages.printable(data[fieldEnd]) + "' after a closing quote (a quote inside a "
                                + "quoted field is written " + quoting.quoteInside() + ")");
                    }
                    if (field < width && slot[field] >= 0) {
                        c.values[slot[field]].classify(data, pos, fieldEnd, scratch);
                    }
                } else if (field < width && slot[field] >= 0) {
                    fieldEnd = nullBytes == null ? fastInt(pos, c.values[slot[field]]) : -1;
                    if (fieldEnd < 0) {
                        fieldEnd = unquotedEnd(pos);
                        if (isNullText(pos, fieldEnd)) {
                            c.values[slot[field]].add(ColumnValues.EMPTY, 0, pos, fieldEnd);
                        } else {
                            c.values[slot[field]].classify(data, pos, fieldEnd, scratch);
                        }
                    }
                } else {
                    fieldEnd = unquotedEnd(pos);
                }
                field++;
                pos = fieldEnd;
                if (pos < limit && data[pos] == delimiter) {
                    pos++;
                    if (pos == limit) {
                        // A trailing comma at the very end of the file: one more, empty field.
                        if (field < width && slot[field] >= 0) {
                            c.values[slot[field]].classify(data, pos, pos, scratch);
                        }
                        field++;
                        break;
                    }
                    continue;
                }
                break;
            }
            if (field != width) {
                return error(c, rowStart, "this row has " + field + (field == 1 ? " field" : " fields")
                        + " but the header has " + width);
            }
            addRow(c, rowStart, pos);
            if (pos < limit) {
                pos = afterLineEnd(pos);
                newlines++;
            }
        }
        c.end = pos;
        c.newlines = newlines;
        return c;
    }

    /** Returns whether the unquoted field {@code [from, to)} is the text that means a missing value. */
    private boolean isNullText(int from, int to) {
        if (nullBytes == null || to - from != nullBytes.length) {
            return false;
        }
        for (int i = 0; i < nullBytes.length; i++) {
            if (data[from + i] != nullBytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns where the unquoted field at {@code pos} ends: at its comma, CR, LF or the end of the data. */
    private int unquotedEnd(int pos) {
        int e = pos;
        while (e < limit) {
            byte b = data[e];
            if (b == delimiter || b == '\n' || b == '\r') {
                break;
            }
            e++;
        }
        return e;
    }

    /** Returns the position after the line end (LF, CRLF or CR) at {@code pos}. */
    private int afterLineEnd(int pos) {
        if (data[pos] == '\r' && pos + 1 < limit && data[pos + 1] == '\n') {
            return pos + 2;
        }
        return pos + 1;
    }

    private static void addRow(Chunk c, int from, int to) {
        if (c.rows == c.rowStart.length) {
            c.rowStart = Arrays.copyOf(c.rowStart, c.rows * 2);
            c.rowEnd = Arrays.copyOf(c.rowEnd, c.rows * 2);
        }
        c.rowStart[c.rows] = from;
        c.rowEnd[c.rows] = to;
        c.rows++;
    }

    /**
     * Adds the plain int (an optional minus and 1 to 9 digits) at {@code pos} straight to {@code column} and returns
     * where the field ends; or -1, adding nothing, when the field is anything else (the common case of numeric files
     * scanned and parsed in one pass).
     */
    private int fastInt(int pos, ColumnValues column) {
        int e = pos;
        boolean negative = e < limit && data[e] == '-';
        if (negative) {
            e++;
        }
        int first = e;
        int v = 0;
        while (e < limit) {
            int d = data[e] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
            e++;
        }
        int digits = e - first;
        if (digits == 0 || digits > 9) {
            return -1;
        }
        if (e < limit && data[e] != delimiter && data[e] != '\n' && data[e] != '\r') {
            return -1;
        }
        boolean canonical = data[first] != '0' || digits == 1 && !negative;
        column.addInt(negative ? -v : v, pos, e, canonical);
        return e;
    }

    private static Chunk error(Chunk c, int rowStart, String message) {
        c.error = message;
        c.errorRowStart = rowStart;
        return c;
    }

    /**
     * Returns the raw bytes of each field of the row at {@code rowStart}, as pairs {@code [from, to)} in one array
     * ({@code 2 * fields} long), and stops at the row's line end. The row must be well formed (scanned before).
     */
    static int[] fields(byte[] data, int rowStart, int rowEnd, int width, byte delimiter, Quoting quoting) {
        int[] spans = new int[2 * Math.max(1, width)];
        int n = 0;
        int pos = rowStart;
        int quote = quoting.quote();
        while (true) {
            int e;
            if (pos < rowEnd && data[pos] == quote) {
                e = quoting.quotedEnd(data, pos, rowEnd);
            } else {
                e = pos;
                while (e < rowEnd && data[e] != delimiter) {
                    e++;
                }
            }
            if (2 * n + 2 > spans.length) {
                spans = Arrays.copyOf(spans, spans.length * 2);
            }
            spans[2 * n] = pos;
            spans[2 * n + 1] = e;
            n++;
            if (e < rowEnd && data[e] == delimiter) {
                pos = e + 1;
                continue;
            }
            return n * 2 == spans.length ? spans : Arrays.copyOf(spans, 2 * n);
        }
    }

    /**
     * Returns where the row at {@code start} ends (its line end, or the end of the data), minding quotes, whatever its
     * width; or -1 if a quoted field in it is never closed.
     */
    static int rowEnd(byte[] data, int start, byte delimiter, Quoting quoting) {
        int limit = data.length;
        int pos = start;
        int quote = quoting.quote();
        while (true) {
            if (pos < limit && data[pos] == quote) {
                pos = quoting.quotedEnd(data, pos, limit);
                if (pos < 0) {
                    return -1;
                }
            }
            while (pos < limit && data[pos] != delimiter && data[pos] != '\n' && data[pos] != '\r') {
                pos++; // an unquoted field, or what follows a closing quote (an error the scan reports)
            }
            if (pos < limit && data[pos] == delimiter) {
                pos++;
                continue;
            }
            return pos;
        }
    }
}
