package dev.chunkwise.spark;

import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.codec.Serialization;

/**
 * Carries the user's exception from an executor back to the caller inside Spark's own failure report: the original
 * exception serialized, so that its class, message and stack trace survive.
 */
final class ChunkFailure extends RuntimeException {

    private final long index;
    private final byte[] thrown;

    private ChunkFailure(long index, byte[] thrown, String summary) {
        super(summary, null, false, false);
        this.index = index;
        this.thrown = thrown;
    }

    static ChunkFailure of(long index, Throwable e) {
        return new ChunkFailure(index, Serialization.serializeThrown(e), "task " + index + " failed: " + e);
    }

    TaskFailedException toTaskFailed() {
        try {
            return new TaskFailedException(index, (Throwable) Serialization.deserialize(thrown));
        } catch (Exception e) {
            return new TaskFailedException(index, new IllegalStateException(getMessage()));
        }
    }
}
