package dev.chunkwise.cli.csv;

import dev.chunkwise.frame.Partitions;
import dev.chunkwise.cli.work.LocalWork;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Writes a {@link DataFrame} as CSV in parallel: each partition formats its rows into its own buffer on an
 * executor, and the buffers go to the stream in order, at most {@link LocalWork#IN_FLIGHT} of them held at once. Numbers are formatted straight into bytes; a NaN is an empty field, as
 * pandas writes it; text is quoted where it holds the delimiter, a quote or a line break ({@link Format}).
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    /**
     * How a frame is written: the encoding, the delimiter, the quoting, the text of a missing value and whether a
     * header comes first. {@link #RFC_4180} is comma-separated UTF-8 with double quotes and a header; {@link #of} gives
     * the output of a CSV input in its own dialect, so that a frame computed from a {@code ;} file is written with
     * {@code ;} as the rows copied from it are.
     */
    public static final class Format {

        /** Comma-separated UTF-8, double quotes, an empty field for a missing value, and a header. */
        public static final Format RFC_4180 = new Format(StandardCharsets.UTF_8, (byte) ',', Quoting.RFC_4180, null, true);

        private final Charset charset;
        private final byte delimiter;
        private final Quoting quoting;
        private final byte[] missing;
        private final boolean header;

        private Format(Charset charset, byte delimiter, Quoting quoting, byte[] missing, boolean header) {
            this.charset = charset;
            this.delimiter = delimiter;
            this.quoting = quoting;
            this.missing = missing;
            this.header = header;
        }

        /**
         * Returns the format of the output of an input read with {@code dialect}, whose delimiter was
         * {@code inputDelimiter}, in {@code charset}: its output delimiter, quoting, null text and header (none for a
         * header-less input).
         */
        public static Format of(CsvDialect dialect, byte inputDelimiter, Charset charset) {
            return new Format(charset, dialect.outputDelimiterOr(inputDelimiter), dialect.quoting(),
                    dialect.nullBytes(), dialect.header());
        }

        /** Returns whether a header comes first. */
        public boolean hasHeader() {
            return header;
        }

        /**
         * Formats the header of {@code df}: its column names, quoted where needed.
         *
         * @throws IllegalArgumentException naming the text if the encoding cannot write a name, or if it needs quotes
         *                                  and there are none ({@code --quote none})
         */
        public byte[] header(DataFrame df) {
            Buffer b = buffer(64);
            for (int c = 0; c < df.width(); c++) {
                if (c > 0) {
                    b.put(delimiter);
                }
                b.putText(df.getColumnsIndex().get(c));
            }
            b.put((byte) '\n');
            return b.toArray();
        }

        /**
         * Formats the rows of {@code df} (no header).
         *
         * @throws IllegalArgumentException as {@link #header} does, for a value
         */
        public byte[] rows(DataFrame df) {
            int w = df.width();
            int rows = df.height();
            Series<?>[] columns = new Series<?>[w];
            for (int c = 0; c < w; c++) {
                columns[c] = df.getColumn(c);
            }
            Buffer b = buffer(Math.max(64, rows * w * 6));
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < w; c++) {
                    if (c > 0) {
                        b.put(delimiter);
                    }
                    b.putValue(columns[c], r);
                }
                b.put((byte) '\n');
            }
            return b.toArray();
        }

        /**
         * Writes {@code df} to {@code out}, its header first if this format has one, formatting up to
         * {@code partitions} row ranges on {@code executor} (fewer for a small frame: about one range per 10,000 rows).
         */
        public void write(DataFrame df, OutputStream out, Executor executor, int partitions) throws IOException {
            if (header) {
                out.write(header(df));
            }
            List<DataFrame> parts = Partitions.split(df, Math.max(1, Math.min(partitions, df.height() / 10_000 + 1)));
            LocalWork.forEachInOrder(executor, this::rows, parts, out::write);
        }

        private Buffer buffer(int capacity) {
            return new Buffer(capacity, charset, delimiter, missing, quoting);
        }
    }

    /** Writes the header and the rows of {@code df} to {@code out} in {@link Format#RFC_4180}, formatting in parallel. */
    public static void write(DataFrame df, OutputStream out, Executor executor, int partitions) throws IOException {
        Format.RFC_4180.write(df, out, executor, partitions);
    }

    /** Formats the header of {@code df} in {@link Format#RFC_4180}. */
    public static byte[] header(DataFrame df) {
        return Format.RFC_4180.header(df);
    }

    /** Formats the rows of {@code df} (no header) in {@link Format#RFC_4180}. */
    public static byte[] format(DataFrame df) {
        return Format.RFC_4180.rows(df);
    }

    /** Returns {@code v} as chunkwise writes it in a CSV field (NaN as the empty string). */
    static String formatDouble(double v) {
        Buffer b = new Buffer(32, StandardCharsets.UTF_8);
        b.putDouble(v);
        return new String(b.toArray(), StandardCharsets.ISO_8859_1);
    }

    /** A growable byte buffer with number formatting that allocates nothing per value. */
    static final class Buffer {
        private final Charset charset;
        private final CharsetEncoder encoder;
        private final byte delimiter;
        private final Quoting quoting;
        /** What a missing value (NaN, null) is written as: the input's --null text, or nothing. */
        private final byte[] missing;
        private byte[] bytes;
        private int size;

        Buffer(int capacity, Charset charset) {
            this(capacity, charset, (byte) ',', null, Quoting.RFC_4180);
        }

        /** A buffer for fields separated by {@code delimiter}: text that holds it is quoted as {@code quoting} says. */
        Buffer(int capacity, Charset charset, byte delimiter, byte[] missing, Quoting quoting) {
            this.delimiter = delimiter;
            this.quoting = quoting;
            this.missing = missing;
            this.bytes = new byte[Math.max(16, capacity)];
            this.charset = charset;
            this.encoder = charset.equals(StandardCharsets.UTF_8) ? null : charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        /**
         * Appends row {@code r} of {@code s}: a number, a boolean, text (quoted where needed), or for a missing value
         * (null, NaN) nothing, or the input's {@code --null} text.
         */
        void putValue(Series<?> s, int r) {
            if (s instanceof IntSeries is) {
                putLong(is.getInt(r));
            } else if (s instanceof LongSeries ls) {
                putLong(ls.getLong(r));
            } else if (s instanceof DoubleSeries ds) {
                double d = ds.getDouble(r);
                if (Double.isNaN(d) && missing != null) {
                    putBytes(missing, 0, missing.length);
                } else {
                    putDouble(d);
                }
            } else if (s instanceof BooleanSeries bs) {
                putAscii(bs.getBool(r) ? "true" : "false");
            } else {
                Object v = s.get(r);
                if (v instanceof Double d) {
                    putDouble(d);
                } else if (v instanceof Float f) {
                    putDouble(f);
                } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                    putLong(((Number) v).longValue());
                } else if (v != null) {
                    putText(v.toString());
                } else if (missing != null) {
                    putBytes(missing, 0, missing.length);
                }
            }
        }

        void putBytes(byte[] b, int from, int to) {
            ensure(to - from);
            System.arraycopy(b, from, bytes, size, to - from);
            size += to - from;
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

        /**
         * Appends {@code s} in the buffer's encoding, quoted where it holds the delimiter, a quote (or escape) or a
         * line break.
         *
         * @throws IllegalArgumentException naming the text if the encoding cannot write it, or if it needs quotes and
         *                                  there are none ({@code --quote none})
         */
        void putText(String s) {
            String q = quoting.field(s, delimiter);
            byte[] encoded;
            if (encoder == null) {
                encoded = q.getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    ByteBuffer bb = encoder.encode(CharBuffer.wrap(q));
                    encoded = Arrays.copyOfRange(bb.array(), bb.arrayOffset(), bb.arrayOffset() + bb.limit());
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException("the text \"" + Messages.abbreviate(s) + "\" cannot be written in "
                            + charset.name() + ", the input's encoding");
                }
            }
            putBytes(encoded, 0, encoded.length);
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
