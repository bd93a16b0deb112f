package dev.chunkwise.cli.csv;

import dev.chunkwise.frame.Partitions;
import dev.chunkwise.pool.Pool;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link DataFrame} as CSV in parallel: each partition formats its rows into its own buffer on the pool,
 * and the buffers go to the stream in order. Numbers are formatted straight into bytes; a NaN is an empty field, as
 * pandas writes it; text is quoted where it holds a comma, a quote or a line break.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    /**
     * Writes the header and the rows of {@code df} to {@code out}, formatting {@code partitions} row ranges on
     * {@code pool} (a pool of this JVM: serial or threads).
     */
    public static void write(DataFrame df, OutputStream out, Pool pool, int partitions) throws IOException {
        out.write(header(df));
        List<DataFrame> parts = Partitions.split(df, Math.max(1, Math.min(partitions, df.height() / 10_000 + 1)));
        Iterator<byte[]> formatted = pool.imap(CsvWriter::format, parts);
        while (formatted.hasNext()) {
            out.write(formatted.next());
        }
    }

    /** Wraps {@code out} in gzip compression when {@code fileName} ends in {@code .gz}. */
    public static OutputStream compressedIfGz(String fileName, OutputStream out) throws IOException {
        return fileName.endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    static byte[] header(DataFrame df) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < df.width(); c++) {
            if (c > 0) {
                sb.append(',');
            }
            sb.append(quoteIfNeeded(df.getColumnsIndex().get(c)));
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Formats the rows of {@code df} (no header). */
    static byte[] format(DataFrame df) {
        int w = df.width();
        int rows = df.height();
        Series<?>[] columns = new Series<?>[w];
        for (int c = 0; c < w; c++) {
            columns[c] = df.getColumn(c);
        }
        Buffer b = new Buffer(Math.max(64, rows * w * 6));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < w; c++) {
                if (c > 0) {
                    b.put((byte) ',');
                }
                Series<?> s = columns[c];
                if (s instanceof IntSeries is) {
                    b.putLong(is.getInt(r));
                } else if (s instanceof LongSeries ls) {
                    b.putLong(ls.getLong(r));
                } else if (s instanceof DoubleSeries ds) {
                    b.putDouble(ds.getDouble(r));
                } else if (s instanceof BooleanSeries bs) {
                    b.putAscii(bs.getBool(r) ? "true" : "false");
                } else {
                    Object v = s.get(r);
                    if (v instanceof Double d) {
                        b.putDouble(d);
                    } else if (v instanceof Float f) {
                        b.putDouble(f);
                    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                        b.putLong(((Number) v).longValue());
                    } else if (v != null) {
                        b.putText(v.toString());
                    }
                }
            }
            b.put((byte) '\n');
        }
        return b.toArray();
    }

    static String quoteIfNeeded(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A growable byte buffer with number formatting that allocates nothing per value. */
    static final class Buffer {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void put(byte b) {
            ensure(1);
            bytes[size++] = b;
        }

        void putLong(long v) {
            ensure(20);
            if (v == Long.MIN_VALUE) {
                putAscii("-9223372036854775808");
                return;
            }
            if (v < 0) {
                bytes[size++] = '-';
                v = -v;
            }
            int digits = 1;
            for (long t = v; t >= 10; t /= 10) {
                digits++;
            }
            int end = size + digits;
            for (int i = end - 1; i >= size; i--) {
                bytes[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            size = end;
        }

        void putDouble(double v) {
            if (Double.isNaN(v)) {
                return;
            }
            // A whole number is written as a long and ".0" (1e7 as 10000000.0, not 1.0E7), except -0.0, which keeps
            // its sign through Double.toString.
            if (v == Math.rint(v) && Math.abs(v) < 1e15 && Double.doubleToRawLongBits(v) != Long.MIN_VALUE) {
                putLong((long) v);
                putAscii(".0");
                return;
            }
            putAscii(Double.toString(v));
        }

        void putAscii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                bytes[size++] = (byte) s.charAt(i);
            }
        }

        void putText(String s) {
            byte[] utf8 = quoteIfNeeded(s).getBytes(StandardCharsets.UTF_8);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        private void ensure(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        byte[] toArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
