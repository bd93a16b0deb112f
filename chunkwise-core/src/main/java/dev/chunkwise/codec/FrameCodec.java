package dev.chunkwise.codec;

import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.ObjectInputFilter;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * chunkwise's columnar wire format for {@link DataFrame}s, which are not {@link java.io.Serializable}: how a partition
 * crosses to a worker process and back.
 *
 * <h2>Layout</h2>
 * All numbers little-endian. A header: the magic {@code CWF1}, the column count and the row count (ints). Then per
 * column ({@link EncodedColumn}): its name (a short length and UTF-8 bytes), a type byte, a null flag byte, a null
 * bitmap of {@code (rows + 7) / 8} bytes if the flag is set, and the values as the type's {@link ColumnCodec} writes
 * them:
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
final class FrameCodec {

    static final int MAGIC = 0x31465743; // "CWF1" read as a little-endian int

    private FrameCodec() {
    }

    /** Returns {@code df} encoded. */
    static byte[] encode(DataFrame df) {
        return prepare(df).toBytes();
    }

    /**
     * Prepares {@code df} for encoding: works out each column's type and the encoded size, so that the caller can
     * allocate or map exactly that many bytes and then {@link Encoded#writeTo(ByteBuffer) write} them.
     */
    static Encoded prepare(DataFrame df) {
        int w = df.width();
        int rows = df.height();
        EncodedColumn[] columns = new EncodedColumn[w];
        long size = 12;
        for (int c = 0; c < w; c++) {
            columns[c] = EncodedColumn.of(df.getColumnsIndex().get(c), df.getColumn(c), rows);
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
    static DataFrame decode(ByteBuffer in, ObjectInputFilter filter) {
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
                names[c] = new String(Bounds.take(b, nameLength, "column name"), StandardCharsets.UTF_8);
                series[c] = EncodedColumn.read(b, rows, filter, names[c]);
            }
            in.position(in.position() + b.position());
            return DataFrame.byColumn(names).of(series);
        } catch (BufferUnderflowException e) {
            throw new CorruptFrameException("truncated: the bytes end inside the frame");
        }
    }

    /** A frame made ready to write: its columns, prepared, and its exact size in bytes. */
    static final class Encoded {
        private final EncodedColumn[] columns;
        private final int rows;
        private final long size;

        private Encoded(EncodedColumn[] columns, int rows, long size) {
            this.columns = columns;
            this.rows = rows;
            this.size = size;
        }

        /** Returns the encoded size in bytes. */
        long size() {
            return size;
        }

        /** Writes the frame at {@code out}'s position, which must have {@link #size()} bytes remaining. */
        void writeTo(ByteBuffer out) {
            ByteBuffer b = out.slice().order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(MAGIC).putInt(columns.length).putInt(rows);
            for (EncodedColumn c : columns) {
                c.write(b);
            }
            out.position(out.position() + b.position());
        }

        /** Returns the frame's bytes. */
        byte[] toBytes() {
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size));
            writeTo(out);
            return out.array();
        }
    }
}
