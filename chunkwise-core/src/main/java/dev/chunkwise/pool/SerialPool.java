package dev.chunkwise.pool;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/** A pool that runs every task on the caller's thread, at the moment it is submitted. */
final class SerialPool extends AbstractPool {

    @Override
    public Backend backend() {
        return Backend.SERIAL;
    }

    @Override
    public int workers() {
        return 1;
    }

    @Override
    protected int window() {
        return 1;
    }

    @Override
    protected int defaultChunksize(int size) {
        return Math.max(1, size);
    }

    @Override
    protected <T, R> Job<T, R> prepare(Task<? super T, ? extends R> fn) {
        return (chunk, firstIndex) -> {
            if (Thread.currentThread().isInterrupted()) {
                return CompletableFuture.failedFuture(new CancellationException(
                        "interrupted before the task started; the call's remaining tasks were not run"));
            }
            try {
                return CompletableFuture.completedFuture(Chunks.apply(fn, chunk, firstIndex));
            } catch (TaskFailedException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    @Override
    protected void shutdown() {
    }

    @Override
    public String toString() {
        return "Pool.serial()";
    }
}
