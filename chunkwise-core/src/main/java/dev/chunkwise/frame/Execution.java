package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.trace.Trace;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs the rows a {@link Sample} left on the workers a plan chose, reports progress as partitions finish, records
 * the spans, and combines the sample's results and the rest's in row order.
 */
final class Execution {

    private final DataFrame df;
    private final FunctionCalls calls;
    private final Sample sample;
    private final ProgressListener progress;
    private final Trace trace;

    Execution(DataFrame df, FunctionCalls calls, Sample sample, ProgressListener progress, Trace trace) {
        this.df = df;
        this.calls = calls;
        this.sample = sample;
        this.progress = progress;
        this.trace = trace;
    }

    /** The rows not sampled and the function's result for them. */
    record Rest(DataFrame in, DataFrame out) {
    }

    /**
     * Computes the rows not sampled on this thread and returns them with their result, which {@link #combine} joins
     * to the sample's: in one call, or, when someone listens for progress and the sample predicts the rows take longer
     * than {@link #PROGRESS_NANOS} twice, in pieces of about that long, progress told after each.
     */
    Rest serial() {
        long t0 = trace.now();
        DataFrame rest = rest();
        double predicted = sample.nanosPerRow() * rest.height();
        if (progress == null || !(predicted > 2 * PROGRESS_NANOS) || rest.height() < 2) {
            DataFrame out = calls.here(rest, sample.inputs().size(), sample.rows());
            trace.add(Thread.currentThread().getName(), "compute", t0, trace.now(), rest.height() + " rows");
            report(1, 1, df.height());
            return new Rest(rest, out);
        }
        int pieces = (int) Math.min(Math.min(MAX_PROGRESS_PIECES, rest.height()), predicted / PROGRESS_NANOS);
        List<DataFrame> inputs = Partitions.split(rest, pieces);
        List<DataFrame> outputs = new ArrayList<>(inputs.size());
        long rowsDone = sample.rows();
        for (DataFrame in : inputs) {
            outputs.add(calls.here(in, sample.inputs().size() + outputs.size(), rowsDone));
            rowsDone += in.height();
            report(outputs.size(), inputs.size(), rowsDone);
        }
        trace.add(Thread.currentThread().getName(), "compute", t0, trace.now(), rest.height() + " rows in "
                + inputs.size() + " pieces");
        return new Rest(rest, Partitions.combine(rest, inputs, outputs));
    }

    /** About how long a piece of a serial run lasts when progress is told: a bar a user sees move. */
    static final long PROGRESS_NANOS = 100_000_000L;
    /** The most pieces a serial run is cut into for progress. */
    static final int MAX_PROGRESS_PIECES = 1000;

    /** Computes all the rows again on this thread, in one call, dropping the sample's results. */
    DataFrame serialWhole() {
        long t0 = trace.now();
        DataFrame out = calls.here(df, 0, 0);
        trace.add(Thread.currentThread().getName(), "compute", t0, trace.now(), df.height() + " rows");
        report(1, 1, df.height());
        return out;
    }

    /** Splits the rows not sampled into {@code parts}, runs them on {@code pool} (auto's shared threads when null). */
    DataFrame on(Pool pool, int parts) {
        long t0 = trace.now();
        DataFrame rest = rest();
        List<DataFrame> inputs = Partitions.split(rest, Math.max(1, Math.min(parts, Math.max(1, rest.height()))));
        trace.add("caller", "split", t0, trace.now(), inputs.size() + " partitions");
        long mapStart = trace.now();
        long[] rowsDone = {sample.rows()};
        List<FunctionCalls.Timed> timed;
        try {
            if (pool == null) {
                timed = SharedThreads.map(calls.call(), inputs, i -> {
                    rowsDone[0] += inputs.get(i).height();
                    report(i + 1, inputs.size(), rowsDone[0]);
                });
            } else if (progress == null) {
                timed = pool.map(calls.call(), inputs, 1); // one call: on Spark, one job for every partition
            } else {
                timed = new ArrayList<>(inputs.size());
                Iterator<FunctionCalls.Timed> it = pool.imap(calls.call(), inputs, 1); // one partition a task
                while (it.hasNext()) {
                    timed.add(it.next());
                    rowsDone[0] += inputs.get(timed.size() - 1).height();
                    report(timed.size(), inputs.size(), rowsDone[0]);
                }
            }
        } catch (TaskFailedException e) {
            throw partitionFailed(e, inputs);
        }
        long mapEnd = trace.now();
        List<DataFrame> results = new ArrayList<>(timed.size());
        List<Trace.Task> tasks = new ArrayList<>(timed.size());
        for (int i = 0; i < timed.size(); i++) {
            FunctionCalls.Timed t = timed.get(i);
            results.add(t.result());
            tasks.add(new Trace.Task(t.lane(), t.start(), t.end(),
                    "partition " + i + ", " + inputs.get(i).height() + " rows"));
        }
        trace.addTasks(mapStart, mapEnd, Thread.currentThread().getName(), tasks);
        return combine(inputs, results);
    }

    /** Combines the sample's results and {@code results} (for {@code inputs}, the rest) in row order. */
    DataFrame combine(List<DataFrame> inputs, List<DataFrame> results) {
        long t0 = trace.now();
        List<DataFrame> allIn = new ArrayList<>(sample.inputs());
        allIn.addAll(inputs);
        List<DataFrame> allOut = new ArrayList<>(sample.results());
        allOut.addAll(results);
        DataFrame out = allIn.isEmpty() ? calls.timed(df, 0, 0).out() : Partitions.combine(df, allIn, allOut);
        trace.add("caller", "combine", t0, trace.now(), allOut.size() + " parts");
        return out;
    }

    private DataFrame rest() {
        return sample.rows() == 0 ? df : df.rowsRange(sample.rows(), df.height()).select();
    }

    private void report(int partitionsDone, int partitionsTotal, long rowsDone) {
        if (progress != null) {
            progress.onProgress(partitionsDone, partitionsTotal, rowsDone, df.height(), trace.now());
        }
    }

    /**
     * Returns a pool's failure of one of {@code inputs} (the partitions after the sampled rows) as the failure of
     * that partition, or {@code e} itself when the pool could not say which input failed.
     */
    private RuntimeException partitionFailed(TaskFailedException e, List<DataFrame> inputs) {
        long index = e.taskIndex();
        if (index < 0 || index >= inputs.size() || e.getCause() == null) {
            return e;
        }
        long firstRow = sample.rows();
        for (int i = 0; i < index; i++) {
            firstRow += inputs.get(i).height();
        }
        return new PartitionFailedException(sample.inputs().size() + (int) index, firstRow,
                inputs.get((int) index).height(), e.getCause());
    }
}
