package dev.chunkwise.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of one run, recorded as it goes (thread-safe), on a clock that starts when the trace is made. Spans from
 * other processes on this machine are placed with {@link #sinceStart(Instant)}, the wall clock being shared.
 */
public final class Trace {

    private final long startNanos = System.nanoTime();
    private final Instant startInstant = Instant.now();
    private final List<Span> spans = Collections.synchronizedList(new ArrayList<>());

    /** Returns nanoseconds since the trace began. */
    public long now() {
        return System.nanoTime() - startNanos;
    }

    /** Returns the nanoseconds since the trace began at which {@code instant} (a wall-clock time) falls. */
    public long sinceStart(Instant instant) {
        return java.time.Duration.between(startInstant, instant).toNanos();
    }

    /** Records a span. */
    public void add(String lane, String phase, long startNanos, long endNanos, String detail) {
        spans.add(new Span(lane, phase, startNanos, Math.max(startNanos, endNanos), detail));
    }

    /** Returns the spans recorded so far, by start time. */
    public List<Span> spans() {
        synchronized (spans) {
            List<Span> copy = new ArrayList<>(spans);
            copy.sort(java.util.Comparator.comparingLong(Span::startNanos));
            return copy;
        }
    }

    /** Returns the total time of each phase across all lanes, in nanoseconds, in order of first appearance. */
    public Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Span s : spans()) {
            totals.merge(s.phase(), s.durationNanos(), Long::sum);
        }
        return totals;
    }
}
