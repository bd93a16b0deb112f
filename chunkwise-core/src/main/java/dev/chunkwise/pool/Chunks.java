package dev.chunkwise.pool;

import java.util.ArrayList;
import java.util.List;

/** Applies a function to a chunk of items on the current thread; shared by the pools that run tasks in this JVM. */
final class Chunks {

    private Chunks() {
    }

    /**
     * Returns {@code fn} applied to each item of {@code chunk}, in order.
     *
     * @throws TaskFailedException naming the item's index in the call ({@code firstIndex} + its position) if
     *                             {@code fn} threw
     */
    static <T, R> List<R> apply(Task<? super T, ? extends R> fn, List<? extends T> chunk, long firstIndex) {
        List<R> results = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            try {
                results.add(fn.call(chunk.get(i)));
            } catch (Exception | Error e) {
                throw new TaskFailedException(firstIndex + i, e);
            }
        }
        return results;
    }
}
