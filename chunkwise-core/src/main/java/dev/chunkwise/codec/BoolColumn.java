package dev.chunkwise.codec;

import org.dflib.BooleanSeries;
import org.dflib.Series;

import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;

/** Booleans: a bitmap of {@code rows} bits (clear where null); decoded to a {@link BooleanSeries} when none is null. */
final class BoolColumn extends ColumnCodec {

    @Override
    byte tag() {
        return BOOL;
    }

    @Override
    Values prepare(Series<?> s, int rows) {
        return new Values() {
            @Override
            public long size() {
                return Bitmap.size(rows);
            }

            @Override
            public void write(ByteBuffer b) {
                Bitmap.write(b, rows, r -> Boolean.TRUE.equals(s.get(r)));
            }
        };
    }

    @Override
    Series<?> read(ByteBuffer b, int rows, boolean[] isNull, ObjectInputFilter filter, String name) {
        boolean[] v = Bitmap.read(b, rows, "boolean column " + name);
        return isNull == null ? Series.ofBool(v) : boxed(rows, isNull, r -> v[r]);
    }
}
