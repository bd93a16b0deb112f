package dev.chunkwise.codec;

import org.dflib.DoubleSeries;
import org.dflib.Series;

import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;

/** Doubles: {@code rows} raw 8-byte values (0 where null); decoded to a {@link DoubleSeries} when the column has no nulls. */
final class DoubleColumn extends ColumnCodec {

    /** Values copied per bulk transfer from a primitive series. */
    private static final int CHUNK = 8192;

    @Override
    byte tag() {
        return DOUBLE;
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
                if (s instanceof DoubleSeries ds) {
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
                        Object v = s.get(r);
                        b.putDouble(v == null ? 0 : (Double) v);
                    }
                }
            }
        };
    }

    @Override
    Series<?> read(ByteBuffer b, int rows, boolean[] isNull, ObjectInputFilter filter, String name) {
        Bounds.require(b, 8L * rows, "double column " + name);
        double[] v = new double[rows];
        b.asDoubleBuffer().get(v);
        b.position(b.position() + 8 * rows);
        return isNull == null ? Series.ofDouble(v) : boxed(rows, isNull, r -> v[r]);
    }
}
