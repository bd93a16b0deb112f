package dev.chunkwise.codec;

/**
 * Thrown when the bytes of a frame that crossed from another JVM are not a whole, well-formed frame: truncated,
 * corrupted, or not a frame at all. The message says what was wrong where (which column, how many bytes).
 */
public class CorruptFrameException extends RuntimeException {

    CorruptFrameException(String message) {
        super("corrupt frame: " + message);
    }
}
