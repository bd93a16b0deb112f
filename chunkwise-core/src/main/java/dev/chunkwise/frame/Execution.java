package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.trace.Trace;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * The result of a serial run of the rows not sampled, joined to the sample's, and what computing those rows
     * showed: how many there were and how many columns the function computed.
     */
    record Rest(DataFrame result, int rows, int newColumns) {
    }

    /**
     * Computes the rows not sampled on this thread and returns the whole result: a call for each range the sample
     * left, or, when someone listens for progress and the sample predicts the rows take longer than
     * {@link #PROGRESS_NANOS} twice, pieces of about that long, progress told after each.
     */
    Rest serial() {
        long t0 = trace.now();
        List<Sample.Range> left = sample.left(df.height());
        int rows = left.stream().mapToInt(Sample.Range::rows).sum();
        double predicted = sample.nanosPerRow() * rows;
        int forProgress = (int) Math.min(Math.min(MAX_PROGRESS_PIECES, rows), predicted / PROGRESS_NANOS);
        int pieces = progress == null || !(predicted > 2 * PROGRESS_NANOS) ? left.size()
                : Math.max(left.size(), forProgress);
        List<Sample.Part> parts = split(left, pieces);
        List<Sample.Part> done = new ArrayList<>(parts.size());
        long rowsDone = sample.rows();
        for (Sample.Part p : parts) {
            done.add(p.computed(calls.here(p.in(), sample.parts().size() + done.size(), p.firstRow())));
            rowsDone += p.in().height();
            report(done.size(), parts.size(), rowsDone);
        }
        trace.add(Thread.currentThread().getName(), "compute", t0, trace.now(), rows + " rows"
                + (parts.size() > 1 ? " in " + parts.size() + " pieces" : ""));
        int newColumns = done.isEmpty() ? sample.newColumns() : Sample.newColumns(done.get(0).in(), done.get(0).out());
        return new Rest(combine(done), rows, newColumns);
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

    /**
     * Splits the rows not sampled into about {@code parts} pieces and runs them on {@code pool} (auto's shared threads
     * when null), handed out as workers free up.
     */
    DataFrame on(Pool pool, int parts) {
        long t0 = trace.now();
        List<Sample.Part> pieces = split(sample.left(df.height()), parts);
        List<DataFrame> inputs = pieces.stream().map(Sample.Part::in).toList();
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
            throw partitionFailed(e, pieces);
        }
        long mapEnd = trace.now();
        List<Sample.Part> done = new ArrayList<>(timed.size());
        List<Trace.Task> tasks = new ArrayList<>(timed.size());
        for (int i = 0; i < timed.size(); i++) {
            FunctionCalls.Timed t = timed.get(i);
            done.add(pieces.get(i).computed(FunctionCalls.restore(t, inputs.get(i))));
            tasks.add(new Trace.Task(t.lane(), t.start(), t.end(),
                    "partition " + i + ", " + inputs.get(i).height() + " rows"));
        }
        trace.addTasks(mapStart, mapEnd, Thread.currentThread().getName(), tasks);
        return combine(done);
    }

    /**
     * Cuts {@code left}, the ranges the sample left, into about {@code parts} pieces: each range into a share of them
     * by its rows (one each when {@code parts} is no more than the ranges), {@code numpy.array_split} sizes within
     * it. The pieces are views: nothing is copied.
     */
    private List<Sample.Part> split(List<Sample.Range> left, int parts) {
        long rows = left.stream().mapToLong(Sample.Range::rows).sum();
        List<Sample.Part> pieces = new ArrayList<>(Math.max(parts, left.size()));
        for (Sample.Range r : left) {
            int share = parts <= left.size() ? 1
                    : (int) Math.max(1, Math.min(r.rows(), Math.round((double) parts * r.rows() / Math.max(1, rows))));
            int from = r.from();
            for (int size : Partitions.sizes(r.rows(), share)) {
                pieces.add(new Sample.Part(from, df.rowsRange(from, from + size).select(), null));
                from += size;
            }
        }
        return pieces;
    }

    /** Combines the sample's parts and {@code computed} (the rest, computed) in row order. */
    DataFrame combine(List<Sample.Part> computed) {
        long t0 = trace.now();
        List<Sample.Part> all = new ArrayList<>(sample.parts());
        all.addAll(computed);
        all.sort(Comparator.comparingInt(Sample.Part::firstRow));
        DataFrame out = all.isEmpty() ? calls.timed(df, 0, 0).out() : Partitions.combine(df,
                all.stream().map(Sample.Part::in).toList(), all.stream().map(Sample.Part::out).toList());
        trace.add("caller", "combine", t0, trace.now(), all.size() + " parts");
        return out;
    }

    private void report(int partitionsDone, int partitionsTotal, long rowsDone) {
        if (progress != null) {
            progress.onProgress(partitionsDone, partitionsTotal, rowsDone, df.height(), trace.now());
        }
    }

    /**
     * Returns a pool's failure of one of {@code pieces} (the rows the sample left) as the failure of that partition,
     * or {@code e} itself when the pool could not say which piece failed.
     */
    private RuntimeException partitionFailed(TaskFailedException e, List<Sample.Part> pieces) {
        long index = e.taskIndex();
        if (index < 0 || index >= pieces.size() || e.getCause() == null) {
            return e;
        }
        Sample.Part p = pieces.get((int) index);
        return new PartitionFailedException(sample.parts().size() + (int) index, p.firstRow(), p.in().height(),
                e.getCause());
    }
}
