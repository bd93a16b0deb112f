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

    /**
     * Records the tasks of one parallel call made between {@code callStart} and {@code callEnd} (on this trace's
     * clock): for each task, in order, a {@code compute} span on the lane that ran it (from its wall-clock start and
     * end, kept within the call) and, before it, a {@code send} span for the time its lane waited for it since the
     * lane's previous task or the call's start. The lane {@code callerThread} is recorded as {@code caller}.
     *
     * @param tasks each task's lane (a thread's name, or {@code process PID}), start, end and a description
     */
    public void addTasks(long callStart, long callEnd, String callerThread, List<Task> tasks) {
        Map<String, Long> laneFree = new LinkedHashMap<>();
        for (Task t : tasks) {
            String lane = t.lane().equals(callerThread) ? "caller" : t.lane();
            long s = Math.max(callStart, sinceStart(t.start()));
            long e = Math.min(callEnd, Math.max(s, sinceStart(t.end())));
            long free = laneFree.getOrDefault(lane, callStart);
            if (s > free) {
                add(lane, "send", free, s, t.detail());
            }
            add(lane, "compute", s, e, t.detail());
            laneFree.put(lane, e);
        }
    }

    /**
     * One task of a parallel call, as {@link #addTasks} records it.
     *
     * @param lane   where it ran: a thread's name, or {@code process PID}
     * @param start  when it started, on the wall clock
     * @param end    when it ended
     * @param detail what it did, such as {@code partition 3, 2,500 rows}
     */
    public record Task(String lane, Instant start, Instant end, String detail) {
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
