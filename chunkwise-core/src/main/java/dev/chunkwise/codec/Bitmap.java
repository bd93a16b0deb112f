package dev.chunkwise.codec;

import java.nio.ByteBuffer;
import java.util.function.IntPredicate;

/** A bit per row, eight rows a byte, lowest bit first: how nulls and booleans cross the wire. */
final class Bitmap {

    private Bitmap() {
    }

    /** Returns the bytes a bitmap of {@code rows} rows takes. */
    static long size(int rows) {
        return (rows + 7L) / 8;
    }

    /** Writes a bit for each of {@code rows} rows, set where {@code bit} is true. */
    static void write(ByteBuffer b, int rows, IntPredicate bit) {
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

    /**
     * Reads a bitmap of {@code rows} rows.
     *
     * @throws CorruptFrameException naming {@code what} if the bytes that remain are too few
     */
    static boolean[] read(ByteBuffer b, int rows, String what) {
        Bounds.require(b, size(rows), what);
        boolean[] bits = new boolean[rows];
        for (int start = 0; start < rows; start += 8) {
            int byteValue = b.get();
            for (int i = 0; i < 8 && start + i < rows; i++) {
                bits[start + i] = (byteValue & (1 << i)) != 0;
            }
        }
        return bits;
    }
}
