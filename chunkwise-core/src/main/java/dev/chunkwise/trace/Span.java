package dev.chunkwise.trace;

/**
 * One stretch of work on one lane (a worker thread, a worker process, or the caller): what it was and when.
 *
 * @param lane       who did it, e.g. {@code chunkwise-worker-1}, {@code process 4242} or {@code caller}
 * @param phase      what it was: {@code split}, {@code send}, {@code compute}, {@code return}, {@code combine}, …
 * @param startNanos when it started, in nanoseconds since the run began
 * @param endNanos   when it ended, in nanoseconds since the run began
 * @param detail     e.g. {@code partition 3, 14 rows}; may be empty
 */
public record Span(String lane, String phase, long startNanos, long endNanos, String detail) {

    public Span {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("endNanos: " + endNanos + " (expected: >= startNanos, which is " + startNanos + ")");
        }
    }

    /** Returns how long it took, in nanoseconds. */
    public long durationNanos() {
        return endNanos - startNanos;
    }
}
