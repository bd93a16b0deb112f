package dev.chunkwise.frame;

import dev.chunkwise.plan.Calibration;
import dev.chunkwise.plan.Planner;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What {@code auto} last learnt of each function's cost, so that a function applied again and again to frames too
 * small to gain from going parallel (a loop over groups, say) runs serially at once instead of being timed again,
 * which on a frame of a hundred rows costs as much as the work.
 *
 * <p>Only whole serial runs are remembered (a whole frame, or all the rows left after sampling): the short batches of
 * a sample also time the function's fixed cost per call, which for a cheap function is most of it. Functions are
 * keyed by their class, weakly (a class can still be unloaded): a lambda made again on each call, capturing a loop's
 * variable, is a new object of the same class, and its cost is what its code costs. The most recent function is checked first without a lock, and one run in {@value #RETIME_EVERY} on this
 * path is timed to keep its cost fresh.
 */
final class CostMemory {

    static final int RETIME_EVERY = 64;

    private static final Map<Class<?>, Entry> ALL = Collections.synchronizedMap(new WeakHashMap<>());
    private static volatile Entry last;

    private CostMemory() {
    }

    /**
     * What is remembered of a function: up to how many rows serial surely wins, by its cost per row and the
     * calibration it was judged with; and how many calls it has had on the path that trusts this.
     */
    static final class Entry {
        final WeakReference<Class<?>> fn;
        final long serialUpToRows;
        private int calls; // a lost update between threads only shifts when the next retiming comes

        Entry(Class<?> fn, long serialUpToRows) {
            this.fn = new WeakReference<>(fn);
            this.serialUpToRows = serialUpToRows;
        }

        /** Counts a call and returns whether this one should be timed. */
        boolean retimeNow() {
            return (++calls & (RETIME_EVERY - 1)) == 0;
        }
    }

    /** Returns what is remembered of {@code fn}, or null. */
    static Entry find(PartitionFunction fn) {
        Entry e = last;
        if (e != null && e.fn.get() == fn.getClass()) {
            return e;
        }
        e = ALL.get(fn.getClass());
        if (e != null) {
            last = e;
        }
        return e;
    }

    /**
     * Remembers that {@code fn} took {@code nanos} for {@code rows} rows, computing {@code newColumns} columns. The
     * frames it would gain on are judged as if auto's shared threads ran: a frame that would gain from them is then
     * planned in full, and a plan that stays serial only for their start starts them.
     */
    static void remember(PartitionFunction fn, long rows, long nanos, int newColumns, Calibration c) {
        double perRow = (double) nanos / Math.max(1, rows);
        Entry e = new Entry(fn.getClass(), serialUpTo(perRow, newColumns, c));
        ALL.put(fn.getClass(), e);
        last = e;
    }

    /** Returns the most rows for which {@link Planner#surelySerial} holds at this cost (it grows with the rows). */
    private static long serialUpTo(double perRow, int newColumns, Calibration c) {
        long lo = 0, hi = 1;
        while (hi < (1L << 40) && Planner.surelySerial(perRow * hi, hi, newColumns, c, true)) {
            lo = hi;
            hi *= 2;
        }
        if (hi >= (1L << 40)) {
            return Long.MAX_VALUE; // parallel never pays for this function
        }
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (Planner.surelySerial(perRow * mid, mid, newColumns, c, true)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
