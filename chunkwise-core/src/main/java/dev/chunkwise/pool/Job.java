package dev.chunkwise.pool;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One call's function, made ready on a pool's workers so that it is sent once and then applied to chunk after chunk.
 * Backends implement it (through {@link AbstractPool#prepare}); users never see it.
 */
public interface Job<T, R> extends AutoCloseable {

    /**
     * Starts applying the function to {@code chunk}, whose first item is at {@code firstIndex} in the call's input.
     * The future completes with the results in order, or exceptionally with a {@link TaskFailedException} naming the
     * failed item's index. Cancelling it cancels the work: {@code cancel(true)} also stops the chunk if it is running.
     *
     * @param chunk      the items
     * @param firstIndex the position of the first in the call's input
     * @return the future results
     */
    CompletableFuture<List<R>> run(List<? extends T> chunk, long firstIndex);

    /**
     * Returns how {@code imap} cuts its input for this job when no chunk size is given; one item a chunk by default.
     *
     * @return the sizes, which the job may adapt as its chunks run
     */
    default ChunkSizes chunkSizes() {
        return ChunkSizes.fixed(1);
    }

    /** Releases what the job holds on the workers; runs once the call has no more chunks to run. */
    @Override
    default void close() {
    }
}
