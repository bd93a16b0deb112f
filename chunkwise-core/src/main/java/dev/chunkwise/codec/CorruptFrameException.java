package dev.chunkwise.codec;

/** Thrown when bytes given to {@link FrameCodec#decode} are not a whole, well-formed frame. */
public class CorruptFrameException extends RuntimeException {

    public CorruptFrameException(String message) {
        super("corrupt frame: " + message);
    }
}
