package dev.chunkwise.pool;

import dev.chunkwise.util.Checks;

/**
 * How {@code imap} and {@code imapUnordered} cut their input when no chunk size is given: one chunk at a time, each
 * as large as {@link #next()} says. A backend whose dispatch is dear (worker processes) makes them {@link #adaptive}
 * and reports each chunk it ran; the others keep one item a chunk, the laziest. Given a chunk size, every chunk has
 * that size ({@link #fixed}).
 *
 * <p>Adaptive sizes start at one item and double while a chunk's work costs less than four times its dispatch (the
 * round trip beyond the work) and less than {@value #MAX_WORK_NANOS} ns, so that cheap items stop paying a round trip
 * each while slow ones stay one a chunk, the best balanced; they halve when the work costs more than sixteen times
 * the dispatch, and never grow past {@value #MAX_ITEMS} items or past {@value #MAX_BYTES} bytes of items or results a
 * chunk, so that the window of chunks in flight stays bounded in memory too. Thread-safe.
 */
public final class ChunkSizes {

    /** The most items an adaptive chunk holds. */
    public static final int MAX_ITEMS = 1024;

    /** The most bytes of items or of results an adaptive chunk grows to. */
    public static final long MAX_BYTES = 1 << 20;

    /** A chunk whose work took this long (10 ms) does not grow, however dear its dispatch was. */
    public static final long MAX_WORK_NANOS = 10_000_000;

    private final boolean adaptive;
    private int size;

    private ChunkSizes(boolean adaptive, int size) {
        this.adaptive = adaptive;
        this.size = size;
    }

    /**
     * Returns sizes of {@code items} items a chunk, whatever is reported.
     *
     * @param items the size of every chunk
     * @return the sizes
     * @throws IllegalArgumentException if {@code items} is not positive
     */
    public static ChunkSizes fixed(int items) {
        return new ChunkSizes(false, Checks.positive(items, "chunksize"));
    }

    /**
     * Returns sizes that start at one item and adapt to what {@link #completed} reports.
     *
     * @return the sizes
     */
    public static ChunkSizes adaptive() {
        return new ChunkSizes(true, 1);
    }

    /**
     * Returns how many items the next chunk takes.
     *
     * @return the size, at least one
     */
    public synchronized int next() {
        return size;
    }

    /**
     * Reports a chunk that ran: how many items it had, how long the function took on them, how long the round trip
     * took in all (dispatch and work), and the larger of the bytes of its items and of its results.
     *
     * @param items          the chunk's items
     * @param workNanos      how long the function took on them
     * @param roundTripNanos how long the chunk took from sending to its results, work included
     * @param bytes          the larger of the bytes of its items and of its results
     */
    public synchronized void completed(int items, long workNanos, long roundTripNanos, long bytes) {
        if (!adaptive || items <= 0) {
            return;
        }
        long dispatch = Math.max(1, roundTripNanos - workNanos);
        double bytesPerItem = (double) bytes / items;
        int byBytes = (int) Math.max(1, Math.min(MAX_ITEMS, MAX_BYTES / Math.max(1, bytesPerItem)));
        if (workNanos < 4 * dispatch && workNanos < MAX_WORK_NANOS && items >= size) {
            size = Math.min(2 * size, MAX_ITEMS);
        } else if (workNanos > 16 * dispatch) {
            size = Math.max(1, size / 2);
        }
        size = Math.min(size, byBytes);
    }
}
