package dev.chunkwise.codec;

import org.dflib.LongSeries;
import org.dflib.Series;

import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;

/** Longs: {@code rows} raw 8-byte values (0 where null); decoded to a {@link LongSeries} when the column has no nulls. */
final class LongColumn extends ColumnCodec {

    /** Values copied per bulk transfer from a primitive series. */
    private static final int CHUNK = 8192;

    @Override
    byte tag() {
        return LONG;
    }

    @Override
    Values prepare(Series<?> s, int rows) {
        return new Values() {
            @Override
            public long size() {
                return 8L * rows;
            }

            @Override
            public void write(ByteBuffer b) {
                if (s instanceof LongSeries ls) {
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
                        Object v = s.get(r);
                        b.putLong(v == null ? 0 : (Long) v);
                    }
                }
            }
        };
    }

    @Override
    Series<?> read(ByteBuffer b, int rows, boolean[] isNull, ObjectInputFilter filter, String name) {
        Bounds.require(b, 8L * rows, "long column " + name);
        long[] v = new long[rows];
        b.asLongBuffer().get(v);
        b.position(b.position() + 8 * rows);
        return isNull == null ? Series.ofLong(v) : boxed(rows, isNull, r -> v[r]);
    }
}
