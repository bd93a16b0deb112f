package dev.chunkwise.spark;

import dev.chunkwise.pool.Task;
import dev.chunkwise.codec.Serialization;
import org.apache.spark.api.java.function.Function;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Spark task of a call: reads a chunk's items, applies the user's function to each, and returns the results
 * serialized; a failure is thrown as a {@link ChunkFailure} that carries the original exception back.
 */
final class RunChunk implements Function<Chunk, byte[]> {

    /** Functions already read on this executor, by their bytes' identity, so that each is read once per executor. */
    private static final Map<RunChunk, Task<Object, Object>> READ = new ConcurrentHashMap<>();

    private final byte[] fn;

    RunChunk(byte[] fn) {
        this.fn = fn;
    }

    @Override
    public byte[] call(Chunk chunk) {
        int index = -1;
        try {
            Task<Object, Object> f = function();
            List<?> items = (List<?>) Serialization.deserialize(chunk.items());
            List<Object> results = new ArrayList<>(items.size());
            for (index = 0; index < items.size(); index++) {
                results.add(f.call(items.get(index)));
            }
            return Serialization.serialize(results, "A result");
        } catch (Throwable e) {
            throw ChunkFailure.of(index >= 0 ? chunk.firstIndex() + index : chunk.firstIndex(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Task<Object, Object> function() throws Exception {
        Task<Object, Object> f = READ.get(this);
        if (f == null) {
            f = (Task<Object, Object>) Serialization.deserialize(fn);
            if (READ.size() > 64) {
                READ.clear();
            }
            READ.put(this, f);
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunChunk r && Arrays.equals(fn, r.fn);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fn);
    }
}
