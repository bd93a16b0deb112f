package dev.chunkwise.codec;

import org.dflib.Series;

import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One column made ready to write: its name (a short length and UTF-8 bytes), its type byte, a null flag byte, the
 * null bitmap if the flag is set, then the values as its {@link ColumnCodec} writes them.
 */
final class EncodedColumn {

    private final byte[] name;
    private final ColumnCodec codec;
    private final Series<?> series;
    private final int rows;
    private final boolean nulls;
    private final ColumnCodec.Values values;

    private EncodedColumn(String name, ColumnCodec codec, Series<?> series, int rows, boolean nulls) {
        this.name = name.getBytes(StandardCharsets.UTF_8);
        if (this.name.length > 0xFFFF) {
            throw new IllegalArgumentException("column name is longer than 65535 bytes: " + name.substring(0, 40) + "…");
        }
        this.codec = codec;
        this.series = series;
        this.rows = rows;
        this.nulls = nulls && codec.hasNullBitmap();
        this.values = codec.prepare(series, rows);
    }

    /** Chooses the codec of the first {@code rows} values of {@code s} and prepares them. */
    static EncodedColumn of(String name, Series<?> s, int rows) {
        if (ColumnCodec.isPrimitive(s)) {
            return new EncodedColumn(name, ColumnCodec.forValues(s, null), s, rows, false);
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
        return new EncodedColumn(name, ColumnCodec.forValues(s, common), s, rows, nulls);
    }

    /** Returns the bytes {@link #write} puts. */
    long size() {
        return 2 + name.length + 2 + (nulls ? Bitmap.size(rows) : 0) + values.size();
    }

    void write(ByteBuffer b) {
        b.putShort((short) name.length).put(name).put(codec.tag()).put((byte) (nulls ? 1 : 0));
        if (nulls) {
            Bitmap.write(b, rows, r -> series.get(r) == null);
        }
        values.write(b);
    }

    /**
     * Reads a column's type, nulls and values (its name was read already).
     *
     * @throws CorruptFrameException if the bytes are not a well-formed column
     */
    static Series<?> read(ByteBuffer b, int rows, ObjectInputFilter filter, String name) {
        ColumnCodec codec = ColumnCodec.forTag(b.get(), name);
        boolean nulls = b.get() != 0;
        boolean[] isNull = nulls ? Bitmap.read(b, rows, "null bitmap of column " + name) : null;
        return codec.read(b, rows, isNull, filter, name);
    }
}
