package dev.chunkwise.frame;

import dev.chunkwise.plan.Alternative;
import dev.chunkwise.plan.Calibration;
import dev.chunkwise.frame.CalibrationCache;
import dev.chunkwise.plan.Plan;
import dev.chunkwise.plan.Planner;
import dev.chunkwise.frame.RunReport;
import dev.chunkwise.plan.Terms;
import dev.chunkwise.plan.Work;
import dev.chunkwise.pool.Backend;
import dev.chunkwise.util.Checks;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.trace.Trace;
import org.dflib.DataFrame;

import java.util.List;

/**
 * One parallel apply of a {@link PartitionFunction} to a {@link DataFrame}, with its settings; made by
 * {@link Parallel#apply(DataFrame, PartitionFunction)}.
 *
 * <h2>Settings</h2>
 * Each may be given once; a second time is an {@link IllegalStateException}. Any of the first three fixes the plan,
 * and is obeyed; with none, the planner chooses ({@code auto}).
 * <ul>
 *   <li>{@link #on(Pool)}: the pool to run on; the caller keeps it open and closes it. On worker processes or Spark
 *   the function never runs in the caller's JVM, not even to be timed.</li>
 *   <li>{@link #workers(int)}: how many workers; without a pool, a thread pool of that many is made for the call.</li>
 *   <li>{@link #partitions(int)}: how many row partitions, at most one per row; without it the planner chooses them
 *   for the pool or the workers given, as auto does.</li>
 *   <li>{@link #trace(Trace)} and {@link #progress(ProgressListener)}: where the spans go, who is told of progress.</li>
 * </ul>
 *
 * <h2>auto</h2>
 * The function is timed on growing prefixes of the frame until a measurement is long enough to trust, then on blocks
 * spread over the rest, for how uneven its cost is (their results are kept, not computed again); the {@link Planner}
 * then predicts serial and parallel alternatives from this machine's {@link Calibration} and picks the fastest. The
 * plan's predicted time holds what the call already spent measuring ({@link Plan#predictedNanos()}). {@link #explain()} shows the plan; a {@link #run()} after it follows that
 * plan, without timing the function again. A function applied again to a frame too small to gain from going parallel,
 * by its remembered cost, runs serially at once (see {@link CostMemory}). When auto goes parallel on threads, it runs
 * on the calling thread and a shared set of daemon threads, one per other core, made on first use and kept (as Java's
 * parallel streams run on the caller and the common fork-join pool). A plan that stays serial only because those
 * threads are not running yet starts them after its run, so that the next call finds them ready.
 *
 * <h2>What the function must do</h2>
 * Return a frame for the part it is given (its rows, with columns added or replaced); what it returns is materialized
 * inside the task, so the work of DFLib's lazy columns is done in parallel too. The parts are combined in row order.
 */
public final class ParallelApply {

    private final DataFrame df;
    private final PartitionFunction fn;
    private Pool pool;
    private int workers;
    private int partitions;
    private Trace trace; // made when first needed: a call that goes serial at once records nothing
    private ProgressListener progress;

    /** Set by {@link #explain()}: the sample and the plan made from it, which a later run follows. */
    private Sample sample;
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
        Settings.once(this.pool, "pool");
        Settings.checkWorkersMatch(pool, workers);
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
        Settings.once(this.workers == 0 ? null : this.workers, "workers");
        Settings.checkWorkersMatch(pool, workers);
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
        Settings.once(this.partitions == 0 ? null : this.partitions, "partitions");
        this.partitions = partitions;
        return this;
    }

    /**
     * Records this apply's spans into {@code trace}, so that a caller can put them beside its own (reading and
     * writing files, say) in one timeline.
     *
     * @throws IllegalStateException if a trace was already given
     */
    public ParallelApply trace(Trace trace) {
        Checks.notNull(trace, "trace");
        Settings.once(this.trace, "trace");
        this.trace = trace;
        return this;
    }

    /**
     * Tells {@code listener} as partitions finish, in order, on the calling thread; a serial run counts as one.
     *
     * @throws IllegalStateException if a listener was already given
     */
    public ParallelApply progress(ProgressListener listener) {
        Checks.notNull(listener, "listener");
        Settings.once(this.progress, "progress");
        this.progress = listener;
        return this;
    }

    /**
     * Runs the apply and returns the partitions' results concatenated in order.
     *
     * @throws PartitionFailedException if the function threw for a partition, naming it and its rows
     */
    public DataFrame run() {
        if (plan != null) {
            return runReport().result();
        }
        if (isFixed() && partitions != 0) {
            return runFixed(); // everything given
        }
        if (isFixed()) {
            return runReport().result(); // the pool or the workers are given: the pieces are planned for them
        }
        if (df.height() == 0) {
            return calls().here(df, 0, 0);
        }
        CostMemory.Entry known = CostMemory.find(fn);
        if (known != null && df.height() <= known.serialUpToRows && !known.retimeNow() && progress == null) {
            return calls().here(df, 0, 0); // a function known to be too cheap for this frame to gain from parallel
        }
        return runMeasured(known);
    }

    /** The rest of {@link #run()}, apart so that its common case above stays small enough to inline. */
    private DataFrame runMeasured(CostMemory.Entry known) {
        boolean serial = known != null ? df.height() <= known.serialUpToRows
                : new Sampler(df, calls()).surelySerial(CalibrationCache.get(false), SharedThreads.started());
        if (serial) {
            // Measuring it further would cost more than doing it; timing this run keeps the remembered cost fresh.
            long s = System.nanoTime();
            DataFrame out = calls().here(df, 0, 0);
            remember(df.height(), Sample.newColumns(df, out), System.nanoTime() - s);
            if (progress != null) {
                progress.onProgress(1, 1, df.height(), df.height(), System.nanoTime() - s);
            }
            return out;
        }
        return runReport().result();
    }

    /**
     * Returns the plan: how the apply would run and why, with every alternative's predicted time. Times the function
     * on a prefix of the frame, whose results a later {@link #run()} or {@link #runReport()} keeps, following this
     * plan.
     */
    public Plan explain() {
        if (plan == null) {
            long t0 = trace().now();
            sample = new Sampler(df, calls()).sample();
            trace().add("caller", "sample", t0, trace().now(), sample.rows() + " rows");
            Calibration c = CalibrationCache.get(pool != null && pool.backend() == Backend.PROCESSES);
            plan = Planner.plan(work(sample), c, forced()).measured(trace().now() - t0);
        }
        return plan;
    }

    /**
     * Runs the apply as {@link #explain()} plans it and returns the result with the plan, the predicted and actual
     * wall times, and the trace of every task.
     *
     * @throws PartitionFailedException if the function threw for a partition, naming it and its rows
     */
    public RunReport runReport() {
        long start = System.nanoTime();
        boolean plannedHere = plan == null;
        Plan p = explain();
        Alternative chosen = p.chosen();
        Execution run = new Execution(df, calls(), sample, progress, trace());
        DataFrame result;
        if (sample.rows() == df.height()) {
            result = run.combine(List.of());
        } else if (chosen.backend() == Backend.SERIAL && pool == null) {
            long t0 = System.nanoTime();
            if (recomputeBeatsCombine(sample)) {
                // Joining the sampled parts to the rest would copy the new columns: computing the sampled rows
                // again, with the rest in one call, costs less.
                result = run.serialWhole();
                remember(df.height(), Sample.newColumns(df, result), System.nanoTime() - t0);
            } else {
                Execution.Rest rest = run.serial();
                remember(rest.rows(), rest.newColumns(), System.nanoTime() - t0);
                result = rest.result();
            }
        } else if (pool != null) {
            result = run.on(pool, chosen.partitions());
        } else if (chosen.backend() == Backend.THREADS && chosen.workers() == SharedThreads.workers()) {
            result = run.on(null, chosen.partitions());
        } else {
            try (Pool own = chosen.backend() == Backend.PROCESSES ? Pool.processes(chosen.workers())
                    : Pool.threads(chosen.workers())) {
                result = run.on(own, chosen.partitions());
            }
        }
        if (pool == null && chosen.backend() == Backend.SERIAL && !SharedThreads.started()
                && Planner.onlyStartKeptSerial(p)) {
            SharedThreads.start(); // after the run, so that this call does not wait for it
        }
        double predicted = plannedHere ? p.predictedNanos() : p.chosen().predictedNanos();
        return new RunReport(result, p, predicted, System.nanoTime() - start, trace());
    }

    /** Runs as the settings say, without sampling: nothing is left to decide. */
    private DataFrame runFixed() {
        Alternative a = forced();
        int parts = a.partitions();
        Execution run = new Execution(df, calls(), Sample.NONE, progress, trace());
        if (pool != null) {
            return run.on(pool, parts);
        }
        try (Pool own = Pool.threads(a.workers())) {
            return run.on(own, parts);
        }
    }

    private FunctionCalls calls() {
        return new FunctionCalls(fn, pool);
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

    /** Returns the explicit choice as an alternative, or null when nothing was fixed. */
    private Alternative forced() {
        if (!isFixed()) {
            return null;
        }
        int w = pool != null ? pool.workers() : workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        Backend backend = pool == null ? Backend.THREADS : pool.backend();
        // Partitions not given (0): the planner chooses them for this backend and these workers.
        return new Alternative(backend, w, partitions, new Terms(0, 0, 0, 0, 0));
    }

    private Work work(Sample s) {
        Work w = Work.of(df.height(), s.nanosPerRow()).sampled(s.rows())
                .columns(df.width(), s.outColumns(df.width()), s.newColumns()).spread(s.spread());
        w = pool != null ? w.onOpenPool() : w;
        return pool == null && SharedThreads.started() ? w.withThreadsStarted() : w;
    }

    /** Remembers what running the function on {@code rows} rows, computing {@code newColumns} columns, took. */
    private void remember(int rows, int newColumns, long nanos) {
        if (rows > 0) {
            CostMemory.remember(fn, rows, nanos, newColumns, CalibrationCache.get(false));
        }
    }

    private boolean recomputeBeatsCombine(Sample s) {
        Calibration c = CalibrationCache.get(false);
        return s.rows() * s.nanosPerRow()
                < (double) df.height() * Math.max(1, s.newColumns()) * c.combineNanosPerValue();
    }
}
