package dev.chunkwise.frame;

import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;

/**
 * chunkwise's columnar wire format for {@link DataFrame}s, which are not {@link java.io.Serializable}: how a partition
 * crosses to a worker process and back.
 *
 * <h2>Layout</h2>
 * All numbers little-endian. A header: the magic {@code CWF1}, the column count and the row count (ints). Then per
 * column: its name (a short length and UTF-8 bytes), a type byte, a null flag byte, a null bitmap of
 * {@code (rows + 7) / 8} bytes if the flag is set, and the values:
 * <ul>
 *   <li>int, long, double: {@code rows} raw values of 4, 8, 8 bytes;</li>
 *   <li>boolean: a bitmap of {@code (rows + 7) / 8} bytes;</li>
 *   <li>string: {@code rows + 1} int offsets, then the UTF-8 bytes;</li>
 *   <li>other objects: an int length and the Java serialization of an {@code Object[]}, read back through the
 *       {@link ObjectInputFilter} given to {@link #decode}.</li>
 * </ul>
 * Columns of ints, longs, doubles and booleans without nulls decode to DFLib's primitive series.
 *
 * <p>{@link #decode} checks every length against the bytes that remain before it allocates, so truncated or
 * corrupted input fails with a {@link CorruptFrameException}, not an {@link OutOfMemoryError}.
 */
public final class FrameCodec {

    static final int MAGIC = 0x31465743; // "CWF1" read as a little-endian int
    /** Values copied per bulk transfer when writing primitive columns. */
    private static final int CHUNK = 8192;
    static final byte INT = 1, LONG = 2, DOUBLE = 3, BOOL = 4, STRING = 5, OBJECT = 6;

    private FrameCodec() {
    }

    /** Returns {@code df} encoded. */
    public static byte[] encode(DataFrame df) {
        Encoded e = prepare(df);
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(e.size()));
        e.writeTo(out);
        return out.array();
    }

    /**
     * Prepares {@code df} for encoding: works out each column's type and the encoded size, so that the caller can
     * allocate or map exactly that many bytes and then {@link Encoded#writeTo(ByteBuffer) write} them.
     */
    public static Encoded prepare(DataFrame df) {
        int w = df.width();
        int rows = df.height();
        Column[] columns = new Column[w];
        long size = 12;
        for (int c = 0; c < w; c++) {
            columns[c] = Column.of(df.getColumnsIndex().get(c), df.getColumn(c), rows);
            size += columns[c].size();
        }
        return new Encoded(columns, rows, size);
    }

    /**
     * Decodes a frame from {@code in}, from its position on; Java-serialized object columns are read through
     * {@code filter}.
     *
     * @throws CorruptFrameException if the bytes are not a whole, well-formed frame
     */
    public static DataFrame decode(ByteBuffer in, ObjectInputFilter filter) {
        ByteBuffer b = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (b.remaining() < 12 || b.getInt() != MAGIC) {
                throw new CorruptFrameException("not a chunkwise frame (no CWF1 header)");
            }
            int w = b.getInt();
            int rows = b.getInt();
            if (w < 0 || rows < 0 || w > b.remaining()) {
                throw new CorruptFrameException("bad header: " + w + " columns, " + rows + " rows, "
                        + b.remaining() + " bytes left");
            }
            String[] names = new String[w];
            Series<?>[] series = new Series<?>[w];
            for (int c = 0; c < w; c++) {
                int nameLength = Short.toUnsignedInt(b.getShort());
                names[c] = new String(bytes(b, nameLength, "column name"), StandardCharsets.UTF_8);
                series[c] = Column.read(b, rows, filter, names[c]);
            }
            in.position(in.position() + b.position());
            return DataFrame.byColumn(names).of(series);
        } catch (BufferUnderflowException e) {
            throw new CorruptFrameException("truncated: the bytes end inside the frame");
        }
    }

    static byte[] bytes(ByteBuffer b, long length, String what) {
        require(b, length, what);
        byte[] out = new byte[(int) length];
        b.get(out);
        return out;
    }

    static void require(ByteBuffer b, long length, String what) {
        if (length < 0 || length > b.remaining()) {
            throw new CorruptFrameException(what + " needs " + length + " bytes but " + b.remaining() + " remain");
        }
    }

    /** A frame made ready to write: its columns' types and its exact size in bytes. */
    public static final class Encoded {
        private final Column[] columns;
        private final int rows;
        private final long size;

        Encoded(Column[] columns, int rows, long size) {
            this.columns = columns;
            this.rows = rows;
            this.size = size;
        }

        /** Returns the encoded size in bytes. */
        public long size() {
            return size;
        }

        /** Writes the frame at {@code out}'s position, which must have {@link #size()} bytes remaining. */
        public void writeTo(ByteBuffer out) {
            ByteBuffer b = out.slice().order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(MAGIC).putInt(columns.length).putInt(rows);
            for (Column c : columns) {
                c.write(b);
            }
            out.position(out.position() + b.position());
        }
    }

    /** One column's encoding. */
    private static final class Column {
        final byte[] name;
        final byte type;
        final Series<?> series;
        final int rows;
        final boolean nulls;
        byte[][] utf8;     // STRING
        byte[] serialized; // OBJECT

        private Column(String name, byte type, Series<?> series, int rows, boolean nulls) {
            this.name = name.getBytes(StandardCharsets.UTF_8);
            if (this.name.length > 0xFFFF) {
                throw new IllegalArgumentException("column name is longer than 65535 bytes: " + name.substring(0, 40) + "…");
            }
            this.type = type;
            this.series = series;
            this.rows = rows;
            this.nulls = nulls;
        }

        static Column of(String name, Series<?> s, int rows) {
            if (s instanceof IntSeries) {
                return new Column(name, INT, s, rows, false);
            } else if (s instanceof LongSeries) {
                return new Column(name, LONG, s, rows, false);
            } else if (s instanceof DoubleSeries) {
                return new Column(name, DOUBLE, s, rows, false);
            } else if (s instanceof BooleanSeries) {
                return new Column(name, BOOL, s, rows, false);
            }
            Class<?> common = null;
            boolean nulls = false;
            for (int r = 0; r < rows; r++) {
                Object v = s.get(r);
                if (v == null) {
                    nulls = true;
                } else if (common == null) {
                    common = v.getClass();
                } else if (common != v.getClass()) {
                    common = Object.class;
                }
            }
            byte type = common == Integer.class ? INT : common == Long.class ? LONG : common == Double.class ? DOUBLE
                    : common == Boolean.class ? BOOL : common == String.class || common == null ? STRING : OBJECT;
            Column c = new Column(name, type, s, rows, nulls && type != OBJECT);
            if (type == STRING) {
                c.utf8 = new byte[rows][];
                for (int r = 0; r < rows; r++) {
                    Object v = s.get(r);
                    c.utf8[r] = v == null ? new byte[0] : ((String) v).getBytes(StandardCharsets.UTF_8);
                }
            } else if (type == OBJECT) {
                c.serialized = serialize(s, rows);
            }
            return c;
        }

        long size() {
            long n = 2 + name.length + 2 + (nulls ? bitmap(rows) : 0);
            switch (type) {
                case INT:
                    return n + 4L * rows;
                case LONG:
                case DOUBLE:
                    return n + 8L * rows;
                case BOOL:
                    return n + bitmap(rows);
                case STRING:
                    long total = 4L * (rows + 1);
                    for (byte[] u : utf8) {
                        total += u.length;
                    }
                    return n + total;
                default:
                    return n + 4 + serialized.length;
            }
        }

        void write(ByteBuffer b) {
            b.putShort((short) name.length).put(name).put(type).put((byte) (nulls ? 1 : 0));
            if (nulls) {
                writeBitmap(b, r -> series.get(r) == null);
            }
            switch (type) {
                case INT:
                    if (series instanceof IntSeries is) {
                        IntBuffer out = b.asIntBuffer();
                        int[] chunk = new int[Math.min(rows, CHUNK)];
                        for (int from = 0; from < rows; from += chunk.length) {
                            int n = Math.min(chunk.length, rows - from);
                            is.copyToInt(chunk, from, 0, n);
                            out.put(chunk, 0, n);
                        }
                        b.position(b.position() + 4 * rows);
                    } else {
                        for (int r = 0; r < rows; r++) {
                            Object v = series.get(r);
                            b.putInt(v == null ? 0 : (Integer) v);
                        }
                    }
                    break;
                case LONG:
                    if (series instanceof LongSeries ls) {
                        LongBuffer out = b.asLongBuffer();
                        long[] chunk = new long[Math.min(rows, CHUNK)];
                        for (int from = 0; from < rows; from += chunk.length) {
                            int n = Math.min(chunk.length, rows - from);
                            ls.copyToLong(chunk, from, 0, n);
                            out.put(chunk, 0, n);
                        }
                        b.position(b.position() + 8 * rows);
                    } else {
                        for (int r = 0; r < rows; r++) {
                            Object v = series.get(r);
                            b.putLong(v == null ? 0 : (Long) v);
                        }
                    }
                    break;
                case DOUBLE:
                    if (series instanceof DoubleSeries ds) {
                        DoubleBuffer out = b.asDoubleBuffer();
                        double[] chunk = new double[Math.min(rows, CHUNK)];
                        for (int from = 0; from < rows; from += chunk.length) {
                            int n = Math.min(chunk.length, rows - from);
                            ds.copyToDouble(chunk, from, 0, n);
                            out.put(chunk, 0, n);
                        }
                        b.position(b.position() + 8 * rows);
                    } else {
                        for (int r = 0; r < rows; r++) {
                            Object v = series.get(r);
                            b.putDouble(v == null ? 0 : (Double) v);
                        }
                    }
                    break;
                case BOOL:
                    writeBitmap(b, r -> Boolean.TRUE.equals(series.get(r)));
                    break;
                case STRING:
                    int offset = 0;
                    b.putInt(0);
                    for (byte[] u : utf8) {
                        offset += u.length;
                        b.putInt(offset);
                    }
                    for (byte[] u : utf8) {
                        b.put(u);
                    }
                    break;
                default:
                    b.putInt(serialized.length).put(serialized);
            }
        }

        private void writeBitmap(ByteBuffer b, java.util.function.IntPredicate bit) {
            for (int start = 0; start < rows; start += 8) {
                int bits = 0;
                for (int i = 0; i < 8 && start + i < rows; i++) {
                    if (bit.test(start + i)) {
                        bits |= 1 << i;
                    }
                }
                b.put((byte) bits);
            }
        }

        static Series<?> read(ByteBuffer b, int rows, ObjectInputFilter filter, String name) {
            byte type = b.get();
            boolean nulls = b.get() != 0;
            boolean[] isNull = nulls ? readBitmap(b, rows, "null bitmap of column " + name) : null;
            switch (type) {
                case INT: {
                    require(b, 4L * rows, "int column " + name);
                    int[] v = new int[rows];
                    b.asIntBuffer().get(v);
                    b.position(b.position() + 4 * rows);
                    return isNull == null ? Series.ofInt(v) : boxed(rows, isNull, r -> v[r]);
                }
                case LONG: {
                    require(b, 8L * rows, "long column " + name);
                    long[] v = new long[rows];
                    b.asLongBuffer().get(v);
                    b.position(b.position() + 8 * rows);
                    return isNull == null ? Series.ofLong(v) : boxed(rows, isNull, r -> v[r]);
                }
                case DOUBLE: {
                    require(b, 8L * rows, "double column " + name);
                    double[] v = new double[rows];
                    b.asDoubleBuffer().get(v);
                    b.position(b.position() + 8 * rows);
                    return isNull == null ? Series.ofDouble(v) : boxed(rows, isNull, r -> v[r]);
                }
                case BOOL: {
                    boolean[] v = readBitmap(b, rows, "boolean column " + name);
                    return isNull == null ? Series.ofBool(v) : boxed(rows, isNull, r -> v[r]);
                }
                case STRING: {
                    require(b, 4L * (rows + 1), "string offsets of column " + name);
                    int[] offsets = new int[rows + 1];
                    b.asIntBuffer().get(offsets);
                    b.position(b.position() + 4 * (rows + 1));
                    int total = offsets[rows];
                    require(b, total, "string bytes of column " + name);
                    String[] v = new String[rows];
                    int base = b.position();
                    for (int r = 0; r < rows; r++) {
                        int from = offsets[r];
                        int to = offsets[r + 1];
                        if (from < 0 || to < from || to > total) {
                            throw new CorruptFrameException("string offsets of column " + name + " are out of order at row " + r);
                        }
                        if (isNull == null || !isNull[r]) {
                            byte[] u = new byte[to - from];
                            b.get(base + from, u);
                            v[r] = new String(u, StandardCharsets.UTF_8);
                        }
                    }
                    b.position(base + total);
                    return Series.of(v);
                }
                case OBJECT: {
                    int length = b.getInt();
                    byte[] bytes = bytes(b, length, "object column " + name);
                    return Series.of(deserialize(bytes, filter, rows, name));
                }
                default:
                    throw new CorruptFrameException("column " + name + " has unknown type " + type);
            }
        }

        private static boolean[] readBitmap(ByteBuffer b, int rows, String what) {
            require(b, bitmap(rows), what);
            boolean[] bits = new boolean[rows];
            for (int start = 0; start < rows; start += 8) {
                int byteValue = b.get();
                for (int i = 0; i < 8 && start + i < rows; i++) {
                    bits[start + i] = (byteValue & (1 << i)) != 0;
                }
            }
            return bits;
        }

        private static Series<Object> boxed(int rows, boolean[] isNull, java.util.function.IntFunction<Object> value) {
            Object[] v = new Object[rows];
            for (int r = 0; r < rows; r++) {
                v[r] = isNull[r] ? null : value.apply(r);
            }
            return Series.of(v);
        }

        private static long bitmap(int rows) {
            return (rows + 7L) / 8;
        }

        private static byte[] serialize(Series<?> s, int rows) {
            Object[] values = new Object[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = s.get(r);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(values);
            } catch (IOException e) {
                throw new IllegalArgumentException("a column holds values that cannot be sent to a worker: " + e
                        + " (make the class Serializable, or convert the column to strings or numbers)", e);
            }
            return bytes.toByteArray();
        }

        private static Object[] deserialize(byte[] bytes, ObjectInputFilter filter, int rows, String name) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                in.setObjectInputFilter(dev.chunkwise.process.SerialFilter.boundedBy(filter, bytes.length));
                Object o = in.readObject();
                if (!(o instanceof Object[] values) || values.length != rows) {
                    throw new CorruptFrameException("object column " + name + " does not hold " + rows + " values");
                }
                return values;
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                throw new CorruptFrameException("object column " + name + " cannot be read: " + e);
            }
        }
    }
}
