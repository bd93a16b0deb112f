package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.work.LocalWork;
import org.dflib.Series;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Writes a {@link CsvFile} back with computed columns: each row's bytes are copied as they were read, with the
 * replaced fields swapped for their new values and the new fields added at the end. Ranges of rows are formatted on
 * an executor, each into its own buffer, and the buffers go to the stream in order, at most
 * {@link LocalWork#IN_FLIGHT} of them held at once.
 */
final class VerbatimWriter {

    /** Rows formatted per task: enough to make a task worth handing out, few enough to keep the buffers small. */
    private static final int ROWS_PER_TASK = 64 * 1024;

    private final CsvFile file;
    private final int width;
    /** For each header column, the index of the value that replaces it, or -1 to copy it. */
    private final int[] replacedBy;
    /** The values added at the end, in order (indexes into {@link #values}). */
    private final int[] added;
    private final boolean replacesAny;
    private final List<String> names;
    private final List<Series<?>> values;
    /** The output's delimiter: the input's unless {@code --output-delimiter} says otherwise. */
    private final byte out;

    VerbatimWriter(CsvFile file, List<String> names, List<Series<?>> values) {
        if (names.size() != values.size()) {
            throw new IllegalArgumentException("names: " + names.size() + ", values: " + values.size() + " (expected: as many)");
        }
        this.file = file;
        this.out = file.outputDelimiter;
        this.width = file.columns().size();
        this.names = names;
        this.values = values;
        this.replacedBy = new int[width];
        Arrays.fill(replacedBy, -1);
        List<Integer> add = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (values.get(i).size() != file.rows()) {
                throw new IllegalArgumentException("column " + names.get(i) + " has " + values.get(i).size()
                        + " values, but the file has " + file.rows() + " rows");
            }
            int c = file.indexOf(names.get(i));
            if (c >= 0) {
                replacedBy[c] = i;
            } else {
                add.add(i);
            }
        }
        this.added = add.stream().mapToInt(Integer::intValue).toArray();
        this.replacesAny = add.size() < names.size();
    }

    /** Writes the header and every row to {@code out}, formatting ranges of rows on {@code executor}. */
    void write(OutputStream out, Executor executor) throws IOException {
        out.write(header());
        List<long[]> tasks = new ArrayList<>();
        for (long from = 0; from < file.rows(); from += ROWS_PER_TASK) {
            tasks.add(new long[]{from, Math.min(file.rows(), from + ROWS_PER_TASK)});
        }
        LocalWork.forEachInOrder(executor, (long[] t) -> rows(t[0], t[1]), tasks, out::write);
    }

    /** Returns the rows formatted on this thread, after the header if {@code header}. */
    byte[] format(boolean header) {
        byte[] rows = rows(0, file.rows());
        if (!header) {
            return rows;
        }
        byte[] h = header();
        byte[] all = Arrays.copyOf(h, h.length + rows.length);
        System.arraycopy(rows, 0, all, h.length, rows.length);
        return all;
    }

    private byte[] header() {
        CsvWriter.Buffer b = new CsvWriter.Buffer(file.headerEnd - file.headerStart + 64, file.charset, out, null,
                file.quoting);
        if (file.bom) {
            b.putBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, 0, 3);
        }
        if (file.headerEnd == file.headerStart) {
            return b.toArray(); // a file read without a header is written without one
        }
        if (out == file.delimiter) {
            b.putBytes(file.data, file.headerStart, file.headerEnd);
        } else {
            int[] spans = RowScanner.fields(file.data, file.headerStart, file.headerEnd, width, file.delimiter, file.quoting);
            for (int f = 0; f < width; f++) {
                if (f > 0) {
                    b.put(out);
                }
                putField(b, spans[2 * f], spans[2 * f + 1]);
            }
        }
        for (int i : added) {
            b.put(out);
            b.putText(names.get(i));
        }
        b.putBytes(file.lineEnd, 0, file.lineEnd.length);
        return b.toArray();
    }

    /**
     * Copies the raw field {@code [from, to)}: as it is, unless the output's delimiter differs and the field, not
     * quoted, holds it; then it is quoted, its quotes (and escapes) doubled or escaped as the file's quoting says (a
     * quoted field holds any delimiter as it is).
     *
     * @throws IllegalArgumentException if the field must be quoted and the file has no quote character
     */
    private void putField(CsvWriter.Buffer b, int from, int to) {
        byte[] d = file.data;
        Quoting q = file.quoting;
        boolean quote = false;
        if (out != file.delimiter && (to == from || d[from] != q.quote())) {
            for (int i = from; i < to && !quote; i++) {
                quote = d[i] == out;
            }
        }
        if (!quote) {
            b.putBytes(d, from, to);
            return;
        }
        if (!q.quotes()) {
            throw new IllegalArgumentException("a field holds the output's delimiter " + Delimiters.name(out)
                    + " (--output-delimiter) and cannot be quoted (--quote none): "
                    + Messages.abbreviate(new String(d, from, to - from, file.charset))
                    + "; give a --quote character, or another --output-delimiter");
        }
        b.put((byte) q.quote());
        for (int i = from; i < to; i++) {
            if (d[i] == q.quote() || d[i] == q.escape()) {
                b.put((byte) (q.escape() != Quoting.NONE ? q.escape() : q.quote()));
            }
            b.put(d[i]);
        }
        b.put((byte) q.quote());
    }

    /** Formats rows {@code [from, to)} of the whole file. */
    private byte[] rows(long from, long to) {
        CsvWriter.Buffer b = new CsvWriter.Buffer(64 * (int) (to - from), file.charset, out, file.nullBytes,
                file.quoting);
        long row = from;
        for (Chunk c : file.chunks) {
            if (c.firstRow + c.rows <= row) {
                continue;
            }
            for (int r = (int) (row - c.firstRow); r < c.rows && row < to; r++, row++) {
                int at = (int) row;
                if (replacesAny || out != file.delimiter) {
                    int[] spans = RowScanner.fields(file.data, c.rowStart[r], c.rowEnd[r], width, file.delimiter, file.quoting);
                    for (int f = 0; f < width; f++) {
                        if (f > 0) {
                            b.put(out);
                        }
                        if (replacedBy[f] >= 0) {
                            b.putValue(values.get(replacedBy[f]), at);
                        } else {
                            putField(b, spans[2 * f], spans[2 * f + 1]);
                        }
                    }
                } else {
                    b.putBytes(file.data, c.rowStart[r], c.rowEnd[r]);
                }
                for (int i : added) {
                    b.put(out);
                    b.putValue(values.get(i), at);
                }
                b.putBytes(file.lineEnd, 0, file.lineEnd.length);
            }
            if (row >= to) {
                break;
            }
        }
        return b.toArray();
    }
}
