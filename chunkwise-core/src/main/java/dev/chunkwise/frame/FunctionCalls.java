package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
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
        return new Batch(restore(t, in), t.nanos());
    }

    /**
     * Applies the function to each of {@code parts} (numbered from partition {@code firstPartition}) and times each
     * where it ran: side by side on the given pool or, when {@code spread}, on auto's shared threads; else one after
     * another here. Returns the batches in the order of {@code parts}.
     *
     * @throws PartitionFailedException if the function threw for a part, naming it
     */
    List<Batch> timedAll(List<Sample.Part> parts, int firstPartition, boolean spread) {
        List<Batch> batches = new ArrayList<>(parts.size());
        if (pool == null && !spread) {
            for (int i = 0; i < parts.size(); i++) {
                batches.add(timed(parts.get(i).in(), firstPartition + i, parts.get(i).firstRow()));
            }
            return batches;
        }
        List<DataFrame> ins = parts.stream().map(Sample.Part::in).toList();
        List<Timed> timed;
        try {
            timed = pool != null ? pool.map(call(), ins, 1) : SharedThreads.map(call(), ins, null);
        } catch (TaskFailedException e) {
            long i = e.taskIndex();
            if (e.getCause() == null || i < 0 || i >= parts.size()) {
                throw e;
            }
            Sample.Part failed = parts.get((int) i);
            throw new PartitionFailedException(firstPartition + (int) i, failed.firstRow(), failed.in().height(),
                    e.getCause());
        }
        for (int i = 0; i < timed.size(); i++) {
            batches.add(new Batch(restore(timed.get(i), ins.get(i)), timed.get(i).nanos()));
        }
        return batches;
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
     * the function took, timed where it ran. From a worker outside the caller's JVM, {@code result} holds only the
     * columns the function computed, and {@code columns} every column's label in order: the ones it passed through
     * are the caller's already, and are not sent back ({@link #restore}).
     */
    record Timed(DataFrame result, String[] columns, Instant start, Instant end, String lane, long nanos)
            implements Serializable {
    }

    /**
     * Returns the whole result of {@code t}, the call on {@code in}: the columns computed from the worker, the columns
     * passed through taken from {@code in}, the very series, as the function returned them.
     */
    static DataFrame restore(Timed t, DataFrame in) {
        if (t.columns() == null) {
            return t.result();
        }
        Series<?>[] columns = new Series<?>[t.columns().length];
        for (int c = 0; c < columns.length; c++) {
            String label = t.columns()[c];
            boolean computed = t.result().getColumnsIndex().contains(label);
            columns[c] = computed ? t.result().getColumn(label) : in.getColumn(label);
        }
        return DataFrame.byColumn(t.columns()).of(columns);
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
            if (pid == callerPid) {
                return new Timed(out, null, start, end, Thread.currentThread().getName(), nanos);
            }
            return new Timed(computedOnly(out, part), out.getColumnsIndex().toArray(), start, end, "process " + pid,
                    nanos);
        }

        /** Returns the columns of {@code out} that are not {@code in}'s very series, passed through. */
        private static DataFrame computedOnly(DataFrame out, DataFrame in) {
            String[] labels = out.getColumnsIndex().toArray();
            List<String> computed = new ArrayList<>(labels.length);
            for (String label : labels) {
                if (!in.getColumnsIndex().contains(label) || in.getColumn(label) != out.getColumn(label)) {
                    computed.add(label);
                }
            }
            return computed.size() == labels.length ? out : out.cols(computed.toArray(new String[0])).select();
        }
    }
}
