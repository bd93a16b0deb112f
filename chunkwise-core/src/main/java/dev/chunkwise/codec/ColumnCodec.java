package dev.chunkwise.codec;

import org.dflib.BooleanSeries;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * How one type of column crosses the wire: its type byte, the size and the writing of its values, and reading them
 * back. There is one codec per type ({@link #forTag}, {@link #forValues}); {@link EncodedColumn} writes the column's
 * name and null bitmap around the values.
 *
 * <p>Each codec is the one place that knows its type; code that treats columns type by type (concatenating the
 * parts of a result, say) can add an operation here rather than write its own ladder over the types.
 */
abstract class ColumnCodec {

    static final byte INT = 1;
    static final byte LONG = 2;
    static final byte DOUBLE = 3;
    static final byte BOOL = 4;
    static final byte STRING = 5;
    static final byte OBJECT = 6;

    private static final ColumnCodec[] BY_TAG = {null, new IntColumn(), new LongColumn(), new DoubleColumn(),
            new BoolColumn(), new StringColumn(), new ObjectColumn()};

    /** Returns the type byte written before the column's values. */
    abstract byte tag();

    /**
     * Returns whether a column of this type that holds nulls says so in a null bitmap; a type whose values carry
     * their nulls themselves returns false.
     */
    boolean hasNullBitmap() {
        return true;
    }

    /** Makes the first {@code rows} values of {@code s} ready to write, working out anything their size needs. */
    abstract Values prepare(Series<?> s, int rows);

    /**
     * Reads {@code rows} values from {@code b}; a row is null where {@code isNull} says so ({@code isNull} is null
     * when the column has no nulls).
     *
     * @throws CorruptFrameException if the bytes that remain cannot hold the values
     */
    abstract Series<?> read(ByteBuffer b, int rows, boolean[] isNull, ObjectInputFilter filter, String name);

    /** A column's values made ready to write: their exact size, then the bytes. */
    interface Values {
        /** Returns how many bytes {@link #write} puts. */
        long size();

        /** Writes the values at {@code b}'s position (little-endian). */
        void write(ByteBuffer b);
    }

    /**
     * Returns the codec for {@code s}: a primitive series by its type, any other by the class that all its non-null
     * values share ({@code common}; null when every value is null, {@code Object.class} when they differ).
     */
    static ColumnCodec forValues(Series<?> s, Class<?> common) {
        if (s instanceof IntSeries || common == Integer.class) {
            return BY_TAG[INT];
        } else if (s instanceof LongSeries || common == Long.class) {
            return BY_TAG[LONG];
        } else if (s instanceof DoubleSeries || common == Double.class) {
            return BY_TAG[DOUBLE];
        } else if (s instanceof BooleanSeries || common == Boolean.class) {
            return BY_TAG[BOOL];
        } else if (common == String.class || common == null) {
            return BY_TAG[STRING];
        }
        return BY_TAG[OBJECT];
    }

    /** Returns whether {@code s} is one of DFLib's primitive series, which hold no nulls. */
    static boolean isPrimitive(Series<?> s) {
        return s instanceof IntSeries || s instanceof LongSeries || s instanceof DoubleSeries
                || s instanceof BooleanSeries;
    }

    /**
     * Returns the codec whose type byte is {@code tag}.
     *
     * @throws CorruptFrameException naming the column if no type has that byte
     */
    static ColumnCodec forTag(byte tag, String column) {
        if (tag <= 0 || tag >= BY_TAG.length) {
            throw new CorruptFrameException("column " + column + " has unknown type " + tag);
        }
        return BY_TAG[tag];
    }

    /** Returns the values {@code value} gives, as objects, with nulls where {@code isNull} says. */
    static Series<Object> boxed(int rows, boolean[] isNull, IntFunction<Object> value) {
        Object[] v = new Object[rows];
        for (int r = 0; r < rows; r++) {
            v[r] = isNull[r] ? null : value.apply(r);
        }
        return Series.of(v);
    }
}
