package dev.chunkwise.codec;

import org.dflib.Series;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;

/**
 * Any other values (dates, decimals, a mix of types): an int length and the Java serialization of an
 * {@code Object[]}, nulls included, read back through the filter given to {@link FrameCodec#decode}.
 */
final class ObjectColumn extends ColumnCodec {

    @Override
    byte tag() {
        return OBJECT;
    }

    @Override
    boolean hasNullBitmap() {
        return false;
    }

    @Override
    Values prepare(Series<?> s, int rows) {
        byte[] serialized = serialize(s, rows);
        return new Values() {
            @Override
            public long size() {
                return 4L + serialized.length;
            }

            @Override
            public void write(ByteBuffer b) {
                b.putInt(serialized.length).put(serialized);
            }
        };
    }

    @Override
    Series<?> read(ByteBuffer b, int rows, boolean[] isNull, ObjectInputFilter filter, String name) {
        int length = b.getInt();
        byte[] bytes = Bounds.take(b, length, "object column " + name);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(SerialFilter.boundedBy(filter, bytes.length));
            Object o = in.readObject();
            if (!(o instanceof Object[] values) || values.length != rows) {
                throw new CorruptFrameException("object column " + name + " does not hold " + rows + " values");
            }
            return Series.of(values);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw e instanceof CorruptFrameException c ? c
                    : new CorruptFrameException("object column " + name + " cannot be read: " + e);
        }
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
}
