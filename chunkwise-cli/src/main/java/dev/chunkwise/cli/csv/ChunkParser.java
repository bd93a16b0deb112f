package dev.chunkwise.cli.csv;

/**
 * Parses the rows of one byte range of a CSV file (RFC 4180: fields separated by commas, rows by LF or CRLF, a field
 * in double quotes may hold commas, newlines and doubled quotes). A range holds the rows that start before its end;
 * the last of them may run past it. Not thread-safe: one parser per thread.
 */
final class ChunkParser {

    /** What one chunk gave: its columns, where it stopped, the newlines it crossed, or the first error in it. */
    static final class Result {
        ColumnBuilder[] columns;
        int start;
        int rows;
        int end;
        long newlines;
        /** The first error, with its line counted from the chunk's start (0 = the chunk's first line). */
        String error;
        long errorLine;
        /** Per column that had to become text: the line (from the chunk's start) and the value that made it so. */
        java.util.Map<Integer, Object[]> madeText = new java.util.HashMap<>();
    }

    private final byte[] data;
    private final int limit;
    private final int width;
    private byte[] scratch = new byte[64];

    ChunkParser(byte[] data, int limit, int width) {
        this.data = data;
        this.limit = limit;
        this.width = width;
    }

    /**
     * Parses the rows that start in {@code [start, end)} into columns of {@code types}; a column that turns out to
     * need text is switched to STRING in {@code types} and the chunk parsed again.
     */
    Result parse(int start, int end, ColumnType[] types) {
        java.util.Map<Integer, Object[]> madeText = new java.util.HashMap<>();
        while (true) {
            try {
                Result r = parseOnce(start, end, types);
                r.madeText = madeText;
                return r;
            } catch (ColumnBuilder.NeedsText e) {
                types[e.column] = ColumnType.STRING;
                madeText.putIfAbsent(e.column, new Object[]{currentRowLine, e.value});
            }
        }
    }

    /** The line (from the chunk's start) of the row being parsed, for notes on widened columns. */
    private long currentRowLine;

    private Result parseOnce(int start, int end, ColumnType[] types) {
        Result r = new Result();
        r.start = start;
        int estimate = Math.max(16, (end - start) / Math.max(1, 4 * width));
        r.columns = new ColumnBuilder[width];
        for (int c = 0; c < width; c++) {
            r.columns[c] = new ColumnBuilder(c, types[c], estimate);
        }
        int pos = start;
        long newlines = 0;
        while (pos < end && pos < limit) {
            // A blank line is skipped, as pandas does.
            if (data[pos] == '\n') {
                pos++;
                newlines++;
                continue;
            }
            if (data[pos] == '\r' && pos + 1 < limit && data[pos + 1] == '\n') {
                pos += 2;
                newlines++;
                continue;
            }
            long rowLine = newlines;
            currentRowLine = rowLine;
            int field = 0;
            while (true) {
                int fieldEnd;
                if (data[pos] == '"') {
                    int q = pos + 1;
                    int len = 0;
                    while (true) {
                        if (q >= limit) {
                            return error(r, rowLine, "a quoted field in column " + (field + 1)
                                    + " starts on this line and is never closed (a \" is missing)");
                        }
                        byte c = data[q];
                        if (c == '"') {
                            if (q + 1 < limit && data[q + 1] == '"') {
                                put(len++, (byte) '"');
                                q += 2;
                                continue;
                            }
                            break;
                        }
                        if (c == '\n') {
                            newlines++;
                        }
                        put(len++, c);
                        q++;
                    }
                    fieldEnd = q + 1;
                    if (fieldEnd < limit && data[fieldEnd] != ',' && data[fieldEnd] != '\n'
                            && !(data[fieldEnd] == '\r' && fieldEnd + 1 < limit && data[fieldEnd + 1] == '\n')) {
                        return error(r, newlines, "column " + (field + 1) + ": unexpected '"
                                + (char) data[fieldEnd] + "' after a closing quote (a quote inside a quoted field is written \"\")");
                    }
                    if (field < width) {
                        r.columns[field].add(scratch, 0, len);
                    }
                } else if (field < width && r.columns[field].type == ColumnType.INT && (fieldEnd = fastInt(pos, r.columns[field])) >= 0) {
                    // A plain int, scanned and parsed in one pass (the common case of numeric files).
                } else {
                    int e = pos;
                    while (e < limit && data[e] != ',' && data[e] != '\n') {
                        e++;
                    }
                    fieldEnd = e;
                    int valueEnd = e > pos && data[e - 1] == '\r' && (e == limit || data[e] == '\n') ? e - 1 : e;
                    if (field < width) {
                        r.columns[field].add(data, pos, valueEnd);
                    }
                }
                field++;
                pos = fieldEnd;
                if (pos < limit && data[pos] == ',') {
                    pos++;
                    if (pos == limit) {
                        // A trailing comma at the very end of the file: one more, empty field.
                        if (field < width) {
                            r.columns[field].add(data, pos, pos);
                        }
                        field++;
                        break;
                    }
                    continue;
                }
                if (pos < limit && data[pos] == '\r') {
                    pos++;
                }
                if (pos < limit && data[pos] == '\n') {
                    pos++;
                    newlines++;
                }
                break;
            }
            if (field != width) {
                return error(r, rowLine, "this row has " + field + (field == 1 ? " field" : " fields")
                        + " but the header has " + width);
            }
            r.rows++;
        }
        r.end = pos;
        r.newlines = newlines;
        return r;
    }

    /**
     * Parses a plain int (optional minus, 1 to 9 digits) at {@code pos} straight into {@code column}, and returns
     * where the field ends (at its comma, LF or CRLF, or the end of the data); or -1, leaving {@code column} as it was,
     * when the field is anything else, for the general path to handle.
     */
    private int fastInt(int pos, ColumnBuilder column) {
        int e = pos;
        boolean negative = e < limit && data[e] == '-';
        if (negative) {
            e++;
        }
        int start = e;
        int v = 0;
        while (e < limit) {
            int d = data[e] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
            e++;
        }
        int digits = e - start;
        if (digits == 0 || digits > 9) {
            return -1;
        }
        if (e < limit) {
            byte b = data[e];
            if (b == '\r') {
                if (e + 1 < limit && data[e + 1] == '\n') {
                    column.addInt(negative ? -v : v);
                    return e + 1;
                }
                return -1;
            }
            if (b != ',' && b != '\n') {
                return -1;
            }
        }
        column.addInt(negative ? -v : v);
        return e;
    }

    private void put(int i, byte b) {
        if (i == scratch.length) {
            scratch = java.util.Arrays.copyOf(scratch, scratch.length * 2);
        }
        scratch[i] = b;
    }

    private static Result error(Result r, long line, String message) {
        r.error = message;
        r.errorLine = line;
        return r;
    }
}
