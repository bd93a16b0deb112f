package dev.chunkwise.codec;

import org.dflib.IntSeries;
import org.dflib.Series;

import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;

/** Ints: {@code rows} raw 4-byte values (0 where null); decoded to an {@link IntSeries} when the column has no nulls. */
final class IntColumn extends ColumnCodec {

    /** Values copied per bulk transfer from a primitive series. */
    private static final int CHUNK = 8192;

    @Override
    byte tag() {
        return INT;
    }

    @Override
    Values prepare(Series<?> s, int rows) {
        return new Values() {
            @Override
            public long size() {
                return 4L * rows;
            }

            @Override
            public void write(ByteBuffer b) {
                if (s instanceof IntSeries is) {
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
                        Object v = s.get(r);
                        b.putInt(v == null ? 0 : (Integer) v);
                    }
                }
            }
        };
    }

    @Override
    Series<?> read(ByteBuffer b, int rows, boolean[] isNull, ObjectInputFilter filter, String name) {
        Bounds.require(b, 4L * rows, "int column " + name);
        int[] v = new int[rows];
        b.asIntBuffer().get(v);
        b.position(b.position() + 4 * rows);
        return isNull == null ? Series.ofInt(v) : boxed(rows, isNull, r -> v[r]);
    }
}
