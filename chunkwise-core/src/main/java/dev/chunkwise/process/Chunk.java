package dev.chunkwise.process;

import dev.chunkwise.codec.Serialization;
import dev.chunkwise.pool.ChunkSizes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** One chunk of one call (a task of the pool), waiting for or running on a worker of a {@link ProcessPool}. */
final class Chunk {

    final long id;
    final long fnId;
    final byte[] fn;
    /** The class path that the worker running this chunk must hold. */
    final WorkerClassPath classPath;
    /** The function's class loader, through which the results and the exception are read. */
    final ClassLoader loader;
    final long firstIndex;
    final int size;
    final Serialization.Kept items;
    /** Told how the chunk ran, so that the call's next chunks are sized from it. */
    final ChunkSizes sizes;
    /** The results; cancelling it tells the pool, which stops the chunk if it runs and should stop. */
    final CompletableFuture<List<Object>> result;
    /** The workers that died under this task, and their exit codes, one per attempt. */
    final List<Long> deadPids = new ArrayList<>();
    final List<Integer> deadExits = new ArrayList<>();
    /** How many times a slot started it; only the slot running it reads or writes. */
    int attempts;

    /**
     * @param cancelled told of each cancellation of {@link #result} that took effect, with its
     *                  {@code mayInterruptIfRunning}
     */
    Chunk(long id, long fnId, byte[] fn, WorkerClassPath classPath, ClassLoader loader, long firstIndex, int size,
          Serialization.Kept items, ChunkSizes sizes, BiConsumer<Chunk, Boolean> cancelled) {
        this.id = id;
        this.fnId = fnId;
        this.fn = fn;
        this.classPath = classPath;
        this.loader = loader;
        this.firstIndex = firstIndex;
        this.size = size;
        this.items = items;
        this.sizes = sizes;
        this.result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean done = super.cancel(mayInterruptIfRunning);
                if (done) {
                    cancelled.accept(Chunk.this, mayInterruptIfRunning);
                }
                return done;
            }
        };
    }

    /** Returns the bytes this chunk's items take to send, frames in files included. */
    long itemBytes() {
        return items.bytes().length + items.spilledBytes();
    }
}
