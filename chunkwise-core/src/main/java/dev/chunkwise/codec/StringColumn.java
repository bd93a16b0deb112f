package dev.chunkwise.codec;

import org.dflib.Series;

import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Strings: {@code rows + 1} int offsets into the UTF-8 bytes that follow (a null is an empty string's bytes). */
final class StringColumn extends ColumnCodec {

    @Override
    byte tag() {
        return STRING;
    }

    @Override
    Values prepare(Series<?> s, int rows) {
        // Encoded once, here: the size needs the bytes, and the write reuses them.
        byte[][] utf8 = new byte[rows][];
        long total = 4L * (rows + 1);
        for (int r = 0; r < rows; r++) {
            Object v = s.get(r);
            utf8[r] = v == null ? new byte[0] : ((String) v).getBytes(StandardCharsets.UTF_8);
            total += utf8[r].length;
        }
        long size = total;
        return new Values() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void write(ByteBuffer b) {
                int offset = 0;
                b.putInt(0);
                for (byte[] u : utf8) {
                    offset += u.length;
                    b.putInt(offset);
                }
                for (byte[] u : utf8) {
                    b.put(u);
                }
            }
        };
    }

    @Override
    Series<?> read(ByteBuffer b, int rows, boolean[] isNull, ObjectInputFilter filter, String name) {
        Bounds.require(b, 4L * (rows + 1), "string offsets of column " + name);
        int[] offsets = new int[rows + 1];
        b.asIntBuffer().get(offsets);
        b.position(b.position() + 4 * (rows + 1));
        int total = offsets[rows];
        Bounds.require(b, total, "string bytes of column " + name);
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
}
