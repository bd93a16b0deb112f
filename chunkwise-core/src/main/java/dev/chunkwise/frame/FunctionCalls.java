package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Calls the user's function on one part of the frame, where it must run — on this thread, or in a worker of a pool
 * that runs outside this JVM, so that the function never runs in the caller's JVM then — and says which partition
 * and rows a failure came from. What the function returns is materialized where it ran, so that the work of a lazy
 * DFLib column is done inside the task (and timed there), not later by whoever reads the result.
 */
final class FunctionCalls {

    private final PartitionFunction fn;
    /** The pool given by the caller, or null. */
    private final Pool pool;

    FunctionCalls(PartitionFunction fn, Pool pool) {
        this.fn = fn;
        this.pool = pool;
    }

    /** Returns whether the function must run outside this JVM: the caller gave worker processes or Spark. */
    boolean runsElsewhere() {
        return pool != null && !pool.backend().inThisJvm();
    }

    /** The result of one call and how long the function took, timed where it ran. */
    record Batch(DataFrame out, long nanos) {
    }

    /**
     * Applies the function to {@code in}, which starts at row {@code firstRow} of the frame and is partition
     * {@code partition}, and times it: here, or in a worker when {@link #runsElsewhere()}.
     *
     * @throws PartitionFailedException if the function threw
     */
    Batch timed(DataFrame in, int partition, long firstRow) {
        if (!runsElsewhere()) {
            long s = System.nanoTime();
            DataFrame out = here(in, partition, firstRow);
            return new Batch(out, System.nanoTime() - s);
        }
        Timed t;
        try {
            t = pool.map(call(), List.of(in), 1).get(0);
        } catch (TaskFailedException e) {
            if (e.getCause() == null) {
                throw e;
            }
            throw new PartitionFailedException(partition, firstRow, in.height(), e.getCause());
        }
        return new Batch(t.result(), t.nanos());
    }

    /**
     * Applies the function to {@code in} on this thread.
     *
     * @throws PartitionFailedException if the function threw
     */
    DataFrame here(DataFrame in, int partition, long firstRow) {
        try {
            return checked(fn.apply(in), in);
        } catch (RuntimeException | Error e) {
            throw new PartitionFailedException(partition, firstRow, in.height(), e);
        }
    }

    /** Returns the task that runs the function on a pool's worker, noting when and where. */
    TimedCall call() {
        return new TimedCall(fn, ProcessHandle.current().pid());
    }

    /**
     * Returns {@code out} with every column it computed materialized (a column passed through from {@code in} is kept
     * as it is, uncopied), or fails naming what is wrong with it.
     */
    static DataFrame checked(DataFrame out, DataFrame in) {
        if (out == null) {
            throw new NullPointerException("the function returned null for a part of " + in.height()
                    + " rows (expected: a frame, such as the part with columns added)");
        }
        String[] labels = out.getColumnsIndex().toArray();
        Series<?>[] columns = new Series<?>[labels.length];
        boolean changed = false;
        for (int c = 0; c < labels.length; c++) {
            Series<?> s = out.getColumn(c);
            boolean passed = in.getColumnsIndex().contains(labels[c]) && in.getColumn(labels[c]) == s;
            columns[c] = passed ? s : s.materialize();
            changed |= columns[c] != s;
        }
        return changed ? DataFrame.byColumn(labels).of(columns) : out;
    }

    /**
     * A partition's result with when and where it was computed, so that the caller can draw the trace, and how long
     * the function took, timed where it ran.
     */
    record Timed(DataFrame result, Instant start, Instant end, String lane, long nanos) implements Serializable {
    }

    /** Runs the user's function and notes when and where; crosses to worker processes like the function itself. */
    record TimedCall(PartitionFunction fn, long callerPid) implements TaskFunction<DataFrame, Timed> {
        @Override
        public Timed apply(DataFrame part) {
            Instant start = Instant.now();
            long s = System.nanoTime();
            DataFrame out = checked(fn.apply(part), part);
            long nanos = System.nanoTime() - s;
            Instant end = Instant.now();
            long pid = ProcessHandle.current().pid();
            String lane = pid == callerPid ? Thread.currentThread().getName() : "process " + pid;
            return new Timed(out, start, end, lane, nanos);
        }
    }
}
