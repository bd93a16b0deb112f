package dev.chunkwise.codec;

import java.nio.ByteBuffer;

/** Checks of a length read from the wire against the bytes that remain, made before anything is allocated. */
final class Bounds {

    private Bounds() {
    }

    /**
     * Returns normally if {@code b} has {@code length} bytes left.
     *
     * @throws CorruptFrameException naming {@code what}, the length and the bytes that remain otherwise
     */
    static void require(ByteBuffer b, long length, String what) {
        if (length < 0 || length > b.remaining()) {
            throw new CorruptFrameException(what + " needs " + length + " bytes but " + b.remaining() + " remain");
        }
    }

    /** Returns the next {@code length} bytes of {@code b}, after checking that they are there. */
    static byte[] take(ByteBuffer b, long length, String what) {
        require(b, length, what);
        byte[] out = new byte[(int) length];
        b.get(out);
        return out;
    }
}
