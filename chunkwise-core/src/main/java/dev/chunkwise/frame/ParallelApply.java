package dev.chunkwise.frame;

import dev.chunkwise.plan.Alternative;
import dev.chunkwise.plan.Calibration;
import dev.chunkwise.plan.CalibrationCache;
import dev.chunkwise.plan.Plan;
import dev.chunkwise.plan.Planner;
import dev.chunkwise.plan.RunReport;
import dev.chunkwise.plan.Terms;
import dev.chunkwise.pool.Checks;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;
import dev.chunkwise.process.ProcessPool;
import dev.chunkwise.trace.Trace;
import org.dflib.DataFrame;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One parallel apply of a {@link PartitionFunction} to a {@link DataFrame}, with its settings; made by
 * {@link Parallel#apply(DataFrame, PartitionFunction)}.
 *
 * <h2>Settings</h2>
 * Each may be given once. Any of them fixes the plan, and is obeyed; with none, the planner chooses ({@code auto}).
 * <ul>
 *   <li>{@link #on(Pool)}: the pool to run on; the caller keeps it open and closes it. On a pool that runs outside
 *       this JVM (worker processes, Spark) the function never runs in the caller's JVM: even the prefixes that
 *       {@link #explain()} times are run, and timed, in its workers.</li>
 *   <li>{@link #workers(int)}: how many workers; without a pool, a thread pool of that many is made for the call.</li>
 *   <li>{@link #partitions(int)}: how many row partitions; default two per worker, at most one per row.</li>
 * </ul>
 *
 * <h2>auto</h2>
 * The function is timed on growing prefixes of the frame until a measurement is long enough to trust (their results
 * are kept, not computed again); the {@link Planner} then predicts serial and parallel alternatives from this machine's
 * {@link Calibration} and picks the fastest. {@link #explain()} shows the plan without running the rest. A function
 * applied again to a frame too small to gain from going parallel, by its remembered cost, runs serially at once (see
 * {@link CostMemory}). When auto goes parallel on threads, it runs on the calling thread and a shared set of daemon
 * threads, one per other core, made on first use and kept (as Java's parallel streams run on the caller and the common
 * fork-join pool). A plan that stays serial only because those threads are not running yet starts them after its
 * run, so that the next call finds them ready: their start is paid once in a JVM's life.
 */
public final class ParallelApply {

    /** A prefix batch is long enough to trust once it lasts this long. */
    static final long TRUSTED_BATCH_NANOS = 2_000_000;
    static final int FIRST_BATCH = 16;
    static final int MAX_BATCH = 65_536;

    private final DataFrame df;
    private final PartitionFunction fn;
    private Pool pool;
    private int workers;
    private int partitions;

    private Trace trace; // made when first needed: a call that goes serial at once records nothing
    private ProgressListener progress;
    private List<DataFrame> sampleInputs = List.of(); // made mutable by sample(): a call that goes serial at once
    private List<DataFrame> sampleResults = List.of(); // allocates nothing it does not need
    private int sampledRows;
    private double nanosPerRow = Double.NaN;
    private Plan plan;

    ParallelApply(DataFrame df, PartitionFunction fn) {
        this.df = df;
        this.fn = fn;
    }

    /**
     * Runs on {@code pool}, which the caller keeps open and closes.
     *
     * @throws IllegalStateException    if a pool was already given
     * @throws IllegalArgumentException if {@link #workers(int)} was given and differs from the pool's
     */
    public ParallelApply on(Pool pool) {
        Checks.notNull(pool, "pool");
        if (this.pool != null) {
            throw new IllegalStateException("pool was already set to " + this.pool);
        }
        checkWorkersMatch(pool, workers);
        this.pool = pool;
        return this;
    }

    /**
     * Uses {@code workers} workers.
     *
     * @throws IllegalArgumentException if {@code workers} is not positive, or differs from the given pool's
     * @throws IllegalStateException    if workers were already set
     */
    public ParallelApply workers(int workers) {
        Checks.positive(workers, "workers");
        if (this.workers != 0) {
            throw new IllegalStateException("workers was already set to " + this.workers);
        }
        checkWorkersMatch(pool, workers);
        this.workers = workers;
        return this;
    }

    /**
     * Splits the frame into {@code partitions} row ranges ({@code numpy.array_split} sizes).
     *
     * @throws IllegalArgumentException if {@code partitions} is not positive
     * @throws IllegalStateException    if partitions were already set
     */
    public ParallelApply partitions(int partitions) {
        Checks.positive(partitions, "partitions");
        if (this.partitions != 0) {
            throw new IllegalStateException("partitions was already set to " + this.partitions);
        }
        this.partitions = partitions;
        return this;
    }

    /**
     * Records this apply's spans into {@code trace}, so that a caller can put them beside its own (reading and
     * writing files, say) in one timeline.
     */
    public ParallelApply trace(Trace trace) {
        this.trace = Checks.notNull(trace, "trace");
        return this;
    }

    /**
     * Tells {@code listener} as partitions finish (in order). Results then come through {@link Pool#imap}, which
     * keeps a bounded number of partitions in flight.
     */
    public ParallelApply progress(ProgressListener listener) {
        this.progress = Checks.notNull(listener, "listener");
        return this;
    }

    /**
     * Runs the apply and returns the partitions' results concatenated in order.
     *
     * @throws PartitionFailedException if the function threw for a partition, naming it and its rows
     */
    public DataFrame run() {
        if (isFixed()) {
            return runFixed();
        }
        if (df.height() == 0) {
            return applyHere(df, 0);
        }
        CostMemory.Entry known = CostMemory.find(fn);
        if (known != null && df.height() <= known.serialUpToRows && !known.retimeNow()) {
            return applyHere(df, 0); // a function known to be too cheap for this frame to gain from going parallel
        }
        return runMeasured(known);
    }

    /** The rest of {@link #run()}, apart so that its common case above stays small enough to inline. */
    private DataFrame runMeasured(CostMemory.Entry known) {
        if (known != null ? df.height() <= known.serialUpToRows : surelySerial()) {
            // Measuring it further would cost more than doing it; timing this run keeps the remembered cost fresh.
            long s = System.nanoTime();
            DataFrame out = applyHere(df, 0);
            remember(df, out, System.nanoTime() - s);
            return out;
        }
        return runReport().result();
    }

    /** Remembers what running the function on all of {@code in} (giving {@code out}) took. */
    private void remember(DataFrame in, DataFrame out, long nanos) {
        if (in.height() > 0) {
            CostMemory.remember(fn, in.height(), nanos, newColumns(in, out), CalibrationCache.get(false));
        }
    }

    /**
     * Times the function once on a few rows and returns whether, even at that (cold, so pessimistic) speed, the
     * whole frame is less work than the least it costs to go parallel: then serial wins for sure, and no more time
     * is spent on measuring or planning.
     */
    private boolean surelySerial() {
        int probeRows = Math.min(df.height(), df.height() <= SMALL ? 1 : PROBE_ROWS);
        DataFrame probe = df.rowsRange(0, probeRows).select();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < (df.height() <= SMALL ? 1 : 3); i++) { // the best of three: one pause must not decide
            long s = System.nanoTime();
            applyHere(probe, 0);
            best = Math.min(best, System.nanoTime() - s);
        }
        double bound = (double) best / probeRows * df.height();
        return Planner.surelySerial(bound, df.height(), 0, CalibrationCache.get(false), SharedThreads.started());
    }

    static final int PROBE_ROWS = 16;

    /** Frames this small are probed on one row only: on them, even the probe must cost next to nothing. */
    static final int SMALL = 128;

    /**
     * Returns the plan: how the apply would run and why, with every alternative's predicted time. Times the function
     * on a prefix of the frame (whose results a later {@link #run()} keeps).
     */
    public Plan explain() {
        if (plan == null) {
            long t0 = trace().now();
            sample();
            trace().add("caller", "sample", t0, trace().now(), sampledRows + " rows");
            Calibration c = CalibrationCache.get(pool instanceof ProcessPool);
            plan = Planner.plan(work(), c, forced());
        }
        return plan;
    }

    /**
     * Runs the apply as {@link #explain()} plans it and returns the result with the plan, the predicted and actual
     * wall times, and the trace of every task.
     */
    public RunReport runReport() {
        long start = System.nanoTime();
        Plan p = explain();
        Alternative chosen = p.chosen();
        DataFrame result;
        if (sampledRows == df.height()) {
            result = combine(List.of(), List.of());
        } else if (chosen.backend().equals("serial") && pool == null) {
            long t0 = trace().now();
            if (recomputeBeatsCombine()) {
                // Joining the sampled parts to the rest would copy the new columns: computing the sampled rows
                // again, with the rest in one call, costs less.
                result = applyHere(df, 0);
                long t1 = trace().now();
                trace().add(Thread.currentThread().getName(), "compute", t0, t1, df.height() + " rows");
                remember(df, result, t1 - t0);
            } else {
                DataFrame rest = df.rowsRange(sampledRows, df.height()).select();
                DataFrame out = applyHere(rest, sampledRows);
                long t1 = trace().now();
                trace().add(Thread.currentThread().getName(), "compute", t0, t1, rest.height() + " rows");
                remember(rest, out, t1 - t0);
                result = combine(List.of(rest), List.of(out));
            }
        } else if (pool != null) {
            result = runOn(pool, chosen.partitions());
        } else if (chosen.backend().equals("threads") && chosen.workers() == SharedThreads.workers()) {
            result = runOn(null, chosen.partitions());
        } else {
            try (Pool own = chosen.backend().equals("processes") ? Pool.processes(chosen.workers())
                    : Pool.threads(chosen.workers())) {
                result = runOn(own, chosen.partitions());
            }
        }
        boolean keptSerialByStart = pool == null && chosen.backend().equals("serial") && !SharedThreads.started()
                && Planner.onlyStartKeptSerial(p);
        if (keptSerialByStart) {
            SharedThreads.start(); // after the run, so that this call does not wait for it
        }
        return new RunReport(result, p, System.nanoTime() - start, trace());
    }

    private Trace trace() {
        if (trace == null) {
            trace = new Trace();
        }
        return trace;
    }

    private boolean isFixed() {
        return pool != null || workers != 0 || partitions != 0;
    }

    private DataFrame runFixed() {
        if (pool != null) {
            return runOn(pool, effectivePartitions(pool.workers()));
        }
        int w = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        try (Pool own = Pool.threads(w)) {
            return runOn(own, effectivePartitions(w));
        }
    }

    /** Returns the explicit choice as an alternative, or null when nothing was fixed. */
    private Alternative forced() {
        if (!isFixed()) {
            return null;
        }
        int w = pool != null ? pool.workers() : workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        String backend = pool == null ? "threads" : pool instanceof ProcessPool ? "processes"
                : pool.toString().startsWith("SparkPool") ? "spark"
                : pool.toString().equals("Pool.serial()") ? "serial" : "threads";
        return new Alternative(backend, w, effectivePartitions(w), new Terms(0, 0, 0, 0, 0));
    }

    /**
     * Splits the rows not yet sampled, runs them on {@code p} (on the {@link SharedThreads} when null), and combines
     * everything in order.
     */
    private DataFrame runOn(Pool p, int parts) {
        long t0 = trace().now();
        DataFrame rest = sampledRows == 0 ? df : df.rowsRange(sampledRows, df.height()).select();
        List<DataFrame> inputs = Partitions.split(rest, Math.max(1, Math.min(parts, Math.max(1, rest.height()))));
        trace().add("caller", "split", t0, trace().now(), inputs.size() + " partitions");
        long mapStart = trace().now();
        TimedCall call = new TimedCall(fn, ProcessHandle.current().pid());
        List<Timed> timed;
        try {
            if (p == null) {
                long[] rowsDone = {sampledRows};
                timed = SharedThreads.map(call, inputs, progress == null ? null : i -> {
                    rowsDone[0] += inputs.get(i).height();
                    progress.onProgress(i + 1, inputs.size(), rowsDone[0], df.height(), trace().now());
                });
            } else if (progress == null) {
                timed = p.map(call, inputs, 1);
            } else {
                timed = new ArrayList<>(inputs.size());
                long rowsDone = sampledRows;
                java.util.Iterator<Timed> it = p.imap(call, inputs);
                while (it.hasNext()) {
                    Timed t = it.next();
                    rowsDone += inputs.get(timed.size()).height();
                    timed.add(t);
                    progress.onProgress(timed.size(), inputs.size(), rowsDone, df.height(), trace().now());
                }
            }
        } catch (TaskFailedException e) {
            throw partitionFailed(e, inputs);
        }
        long mapEnd = trace().now();
        List<DataFrame> results = new ArrayList<>(timed.size());
        Map<String, Long> laneFree = new HashMap<>();
        String callerThread = Thread.currentThread().getName();
        for (int i = 0; i < timed.size(); i++) {
            Timed t = timed.get(i);
            results.add(t.result());
            String lane = t.lane().equals(callerThread) ? "caller" : t.lane();
            long s = Math.max(mapStart, trace().sinceStart(t.start()));
            long e = Math.min(mapEnd, Math.max(s, trace().sinceStart(t.end())));
            long free = laneFree.getOrDefault(lane, mapStart);
            if (s > free) {
                trace().add(lane, "send", free, s, "partition " + i);
            }
            trace().add(lane, "compute", s, e, "partition " + i + ", " + inputs.get(i).height() + " rows");
            laneFree.put(lane, e);
        }
        return combine(inputs, results);
    }

    private DataFrame combine(List<DataFrame> inputs, List<DataFrame> results) {
        long t0 = trace().now();
        List<DataFrame> allIn = new ArrayList<>(sampleInputs);
        allIn.addAll(inputs);
        List<DataFrame> allOut = new ArrayList<>(sampleResults);
        allOut.addAll(results);
        DataFrame out = allIn.isEmpty() ? timedApply(df, 0).out() : Partitions.combine(df, allIn, allOut);
        trace().add("caller", "combine", t0, trace().now(), allOut.size() + " parts");
        return out;
    }

    /** Times the function on growing prefixes until one batch lasts long enough to trust; keeps the results. */
    private void sample() {
        if (!Double.isNaN(nanosPerRow)) {
            return;
        }
        sampleInputs = new ArrayList<>();
        sampleResults = new ArrayList<>();
        int n = df.height();
        // Measure on at most a quarter of a small frame and a sixteenth of a large one, so that the measurement
        // takes little of the work away from the workers.
        int cap = Math.min(n, n <= SMALL ? Math.max(2 * FIRST_BATCH, n / 4) : Math.max(FIRST_BATCH * 20, n / 16));
        if (n <= SMALL && n > 0) {
            // On a small frame, one short batch decides: measuring more carefully would cost a large share of the work.
            int rows = Math.min(n, FIRST_BATCH / 2);
            DataFrame in = df.rowsRange(0, rows).select();
            Batch b = timedApply(in, 0);
            nanosPerRow = (double) b.nanos() / rows;
            sampleInputs.add(in);
            sampleResults.add(b.out());
            sampledRows = rows;
            return;
        }
        int batch = FIRST_BATCH;
        double previous = Double.NaN;
        double estimate = Double.NaN;
        while (sampledRows < Math.min(n, cap)) {
            int rows = Math.min(batch, Math.min(n, cap) - sampledRows);
            DataFrame in = df.rowsRange(sampledRows, sampledRows + rows).select();
            Batch b = timedApply(in, sampledRows);
            long t = b.nanos();
            sampleInputs.add(in);
            sampleResults.add(b.out());
            sampledRows += rows;
            double perRow = (double) t / rows;
            // The first batch runs cold; after it, trust a batch that lasts long enough and agrees with the one
            // before (the JIT has settled), taking the cheaper of the two.
            estimate = Double.isNaN(previous) ? perRow : Math.min(perRow, previous);
            boolean settled = !Double.isNaN(previous) && Math.abs(perRow - previous) <= 0.25 * previous;
            if (sampleInputs.size() > 1 && ((t >= TRUSTED_BATCH_NANOS / 2 && settled) || batch >= MAX_BATCH)) {
                break;
            }
            previous = sampleInputs.size() > 1 ? perRow : Double.NaN;
            // Size the next batch to last about TRUSTED_BATCH_NANOS at the speed seen so far: a heavy function is
            // measured on a few rows, a cheap one on many.
            long fit = perRow > 0 ? (long) (TRUSTED_BATCH_NANOS / perRow) : (long) batch * 4;
            batch = (int) Math.max(FIRST_BATCH, Math.min((long) batch * 4, Math.max(fit, 1)));
        }
        nanosPerRow = Double.isNaN(estimate) ? 0 : estimate;
    }

    private boolean recomputeBeatsCombine() {
        Calibration c = CalibrationCache.get(false);
        Planner.Work w = work();
        return sampledRows * nanosPerRow < (double) df.height() * Math.max(1, w.newColumns()) * c.combineNanosPerValue();
    }

    /** A sampled batch's result and how long the function took on it. */
    private record Batch(DataFrame out, long nanos) {
    }

    /**
     * Applies the function to {@code in} and times it: on this thread, unless the pool runs outside this JVM (worker
     * processes, Spark); then in one of its workers, which times it there, so that the function never runs in the
     * caller's JVM. A failure is reported as {@link #applyHere} reports it.
     */
    private Batch timedApply(DataFrame in, long firstRow) {
        if (!runsElsewhere()) {
            long s = System.nanoTime();
            DataFrame out = applyHere(in, firstRow);
            return new Batch(out, System.nanoTime() - s);
        }
        Timed t;
        try {
            t = pool.map(new TimedCall(fn, ProcessHandle.current().pid()), List.of(in), 1).get(0);
        } catch (TaskFailedException e) {
            if (e.getCause() == null) {
                throw e;
            }
            throw new PartitionFailedException(firstRow == 0 ? 0 : sampleInputs.size(), firstRow, in.height(),
                    e.getCause());
        }
        return new Batch(t.result(), t.nanos());
    }

    /** Returns whether the pool runs the function outside this JVM. */
    private boolean runsElsewhere() {
        return pool instanceof ProcessPool || pool != null && pool.toString().startsWith("SparkPool");
    }

    /** Applies the function on this thread, reporting a failure as the pools do. */
    private DataFrame applyHere(DataFrame in, long firstRow) {
        try {
            return fn.apply(in);
        } catch (RuntimeException | Error e) {
            // A call from row 0 is the first partition (the whole frame, a probe or the first sampled batch); any
            // other is the next after the sampled batches so far.
            throw new PartitionFailedException(firstRow == 0 ? 0 : sampleInputs.size(), firstRow, in.height(), e);
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
        long firstRow = sampledRows;
        for (int i = 0; i < index; i++) {
            firstRow += inputs.get(i).height();
        }
        return new PartitionFailedException(sampleInputs.size() + (int) index, firstRow,
                inputs.get((int) index).height(), e.getCause());
    }

    private Planner.Work work() {
        DataFrame out = sampleResults.isEmpty() ? null : sampleResults.get(sampleResults.size() - 1);
        DataFrame in = sampleInputs.isEmpty() ? null : sampleInputs.get(sampleInputs.size() - 1);
        int outColumns = out == null ? df.width() : out.width();
        int newColumns = out == null ? 0 : newColumns(in, out);
        return new Planner.Work(df.height() - sampledRows, df.height(), nanosPerRow, df.width(), outColumns,
                newColumns, pool != null, pool == null && SharedThreads.started(), sampledRows);
    }

    /** Returns how many columns of {@code out} the function computed (the others pass {@code in}'s through). */
    private static int newColumns(DataFrame in, DataFrame out) {
        int n = 0;
        for (String name : out.getColumnsIndex().toArray()) {
            if (!in.getColumnsIndex().contains(name) || in.getColumn(name) != out.getColumn(name)) {
                n++;
            }
        }
        return n;
    }

    private int effectivePartitions(int poolWorkers) {
        if (partitions > 0) {
            return partitions;
        }
        return Math.max(1, Math.min(2 * poolWorkers, df.height()));
    }

    private static void checkWorkersMatch(Pool pool, int workers) {
        if (pool != null && workers != 0 && pool.workers() != workers) {
            throw new IllegalArgumentException(
                    "workers: " + workers + " (expected: " + pool.workers() + ", the workers of " + pool + ")");
        }
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
            DataFrame out = fn.apply(part);
            long nanos = System.nanoTime() - s;
            Instant end = Instant.now();
            long pid = ProcessHandle.current().pid();
            String lane = pid == callerPid ? Thread.currentThread().getName() : "process " + pid;
            return new Timed(out, start, end, lane, nanos);
        }
    }
}
