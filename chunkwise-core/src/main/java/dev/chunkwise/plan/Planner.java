package dev.chunkwise.plan;

import dev.chunkwise.pool.Backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Predicts the wall time of each way to run an apply, from the frame's size, the function's measured cost per row
 * and this machine's {@link Calibration}, and picks the fastest.
 *
 * <p>Serial is kept unless a parallel plan is predicted at least {@value #MARGIN_PERCENT}% faster: a model's error
 * should cost little where parallel would gain little. Worker processes are predicted and shown, but they pay for
 * the transfer of the data, so on one machine they only win when threads are not an option; they are for isolation.
 */
public final class Planner {

    static final int MARGIN_PERCENT = 25;

    private Planner() {
    }

    /**
     * Returns every alternative for {@code work}, fastest first, and the chosen one: the fastest (serial unless going
     * parallel saves a margin), or {@code forced} when the caller fixed it. A {@code forced} alternative of 0
     * partitions fixes the backend and the workers only: its pieces are the fastest of those weighed for them.
     */
    public static Plan plan(Work work, Calibration c, Alternative forced) {
        List<Alternative> all = new ArrayList<>();
        Alternative serial = serial(work);
        all.add(serial);
        int cores = Math.max(1, c.cores());
        for (int w = 2; w <= Math.max(2, cores); w++) {
            for (int factor : PIECES_PER_WORKER) {
                if (!worthWeighing(work, w, factor)) {
                    continue;
                }
                int p = (int) Math.min((long) w * factor, Math.max(1, work.rows()));
                Alternative a = threads(work, c, w, p);
                if (!contains(all, a)) {
                    all.add(a);
                }
            }
        }
        if (c.hasProcesses()) {
            int w = Math.max(2, cores);
            for (int factor : new int[]{1, 4, 16}) {
                if (!worthWeighing(work, w, factor)) {
                    continue;
                }
                int p = (int) Math.min((long) w * factor, Math.max(1, work.rows()));
                Alternative a = processes(work, c, w, p);
                if (!contains(all, a)) {
                    all.add(a);
                }
            }
        }
        if (c.hasSpark()) {
            // Spark's scheduler hands a job's tasks to executor cores as they free up: pieces on demand, as threads.
            int w = Math.max(2, cores);
            for (int factor : PIECES_PER_WORKER) {
                if (!worthWeighing(work, w, factor)) {
                    continue;
                }
                Alternative a = spark(work, c, w, (int) Math.min((long) w * factor, Math.max(1, work.rows())));
                if (!contains(all, a)) {
                    all.add(a);
                }
            }
        }
        if (forced != null && forced.partitions() == 0) {
            Alternative fastest = null;
            for (int factor : PIECES_PER_WORKER) {
                int p = (int) Math.min((long) forced.workers() * factor, Math.max(1, work.rows()));
                Alternative a = find(all, new Alternative(forced.backend(), forced.workers(), p, forced.terms()));
                if (a == null) {
                    a = predict(new Alternative(forced.backend(), forced.workers(), p, forced.terms()), work, c);
                    all.add(a);
                }
                if (fastest == null || a.predictedNanos() < fastest.predictedNanos()) {
                    fastest = a;
                }
            }
            forced = fastest;
        } else if (forced != null && !contains(all, forced)) {
            all.add(predict(forced, work, c));
        }
        all.sort(Comparator.comparingDouble(Alternative::predictedNanos));

        Alternative best = all.get(0);
        if (best != serial && best.predictedNanos() > serial.predictedNanos() * (100 - MARGIN_PERCENT) / 100.0) {
            best = serial;
        }
        Alternative chosen = forced == null ? best : find(all, forced);
        long breakEven = breakEven(work, c, cores);
        return new Plan(chosen, all, work.totalRows(), work.nanosPerRow(), work.sampledRows(), breakEven, work.rows(),
                forced != null, work.spread(), 0);
    }

    private static boolean contains(List<Alternative> all, Alternative a) {
        return find(all, a) != null;
    }

    private static Alternative find(List<Alternative> all, Alternative a) {
        for (Alternative x : all) {
            boolean serial = x.backend() == Backend.SERIAL && a.backend() == Backend.SERIAL; // one serial, whatever its split
            if (serial || x.backend() == a.backend() && x.workers() == a.workers() && x.partitions() == a.partitions()) {
                return x;
            }
        }
        return null;
    }

    /**
     * Returns whether {@code workNanos} of serial work over {@code rows} rows is too little for any thread pool to
     * beat, even if the work split perfectly: what a second core could save, less the copying of
     * {@code newColumns} computed columns into one frame, is less than starting the workers, waking them and handing
     * out a task each (with the margin the planner asks of parallel).
     */
    public static boolean surelySerial(double workNanos, long rows, int newColumns, Calibration c, boolean threadsOpen) {
        int cores = Math.max(1, c.cores());
        if (cores == 1) {
            return true;
        }
        double saving = (workNanos * (1 - 1.0 / cores) - c.combineNanosPerValue() * rows * newColumns)
                * (100 - MARGIN_PERCENT) / 100.0;
        return saving < ((threadsOpen ? 0 : c.threadStartNanos()) + c.threadTaskNanos()) * (double) cores
                + c.threadWakeNanos();
    }

    /** Returns whether, in {@code plan}, threads would have beaten serial but for the price of starting them. */
    public static boolean onlyStartKeptSerial(Plan plan) {
        double serial = plan.alternatives().stream().filter(a -> a.backend() == Backend.SERIAL)
                .mapToDouble(Alternative::predictedNanos).findFirst().orElse(Double.NaN);
        return plan.alternatives().stream().filter(a -> a.backend() == Backend.THREADS)
                .anyMatch(a -> a.predictedNanos() - a.terms().start() < serial * (100 - MARGIN_PERCENT) / 100.0);
    }

    /** Returns the alternative {@code a} describes, with its predicted terms. */
    static Alternative predict(Alternative a, Work work, Calibration c) {
        return switch (a.backend()) {
            case SERIAL -> serial(work);
            case PROCESSES -> processes(work, c, a.workers(), a.partitions());
            case SPARK -> spark(work, c, a.workers(), a.partitions());
            case THREADS -> threads(work, c, a.workers(), a.partitions());
        };
    }

    static Alternative serial(Work w) {
        return new Alternative(Backend.SERIAL, 1, 1, new Terms(0, 0, 0, w.nanosPerRow() * w.rows(), 0));
    }

    static Alternative threads(Work w, Calibration c, int workers, int partitions) {
        // Auto on every core runs on the caller and its shared helpers: one thread fewer to start than workers.
        int toStart = !w.poolOpen() && workers == c.cores() ? workers - 1 : workers;
        double start = w.poolOpen() || w.threadsOpen() ? 0 : c.threadStartNanos() * (double) toStart;
        double dispatch = c.threadTaskNanos() * (double) partitions + c.threadWakeNanos();
        double combine = c.combineNanosPerValue() * w.rows() * w.newColumns();
        return new Alternative(Backend.THREADS, workers, partitions,
                new Terms(start, dispatch, 0, compute(w, c, workers, partitions), combine));
    }

    static Alternative processes(Work w, Calibration c, int workers, int partitions) {
        double start = w.poolOpen() ? 0 : c.processStartNanos() * Math.max(1.0, Math.ceil(workers / 2.0));
        double dispatch = c.processTaskNanos() * (double) partitions;
        double bytes = 8.0 * w.rows() * (w.inColumns() + w.outColumns());
        double transfer = c.transferBytesPerSecond() > 0 ? bytes / c.transferBytesPerSecond() * 1e9 : 0;
        double combine = c.combineNanosPerValue() * w.rows() * w.outColumns();
        return new Alternative(Backend.PROCESSES, workers, partitions,
                new Terms(start, dispatch, transfer, compute(w, c, workers, partitions), combine));
    }

    /**
     * Spark: the session's start (unless open), one job of a task a piece (each after the first at the measured cost
     * of a task, or {@value #ASSUMED_SPARK_TASK_NANOS} ns where not measured), the data carried to the executors and
     * back (at the worker processes' measured rate where known), the function spread over the executors, and the
     * combine.
     */
    static Alternative spark(Work w, Calibration c, int workers, int partitions) {
        double start = w.poolOpen() ? 0 : c.sparkStartNanos();
        double task = c.sparkTaskNanos() > 0 ? c.sparkTaskNanos() : ASSUMED_SPARK_TASK_NANOS;
        double dispatch = c.sparkJobNanos() + task * Math.max(0, partitions - 1);
        double bytes = 8.0 * w.rows() * (w.inColumns() + w.outColumns());
        double transfer = c.transferBytesPerSecond() > 0 ? bytes / c.transferBytesPerSecond() * 1e9 : 0;
        double combine = c.combineNanosPerValue() * w.rows() * w.outColumns();
        return new Alternative(Backend.SPARK, workers, partitions,
                new Terms(start, dispatch, transfer, compute(w, c, workers, partitions), combine));
    }

    /**
     * The function's time spread over the workers: the busiest worker's share of the pieces, and, since pieces are
     * handed out as workers free up, the excess of an uneven last piece (the {@link Spread}'s unevenness times a
     * piece): many small pieces balance uneven work, one piece per worker does not.
     */
    private static double compute(Work w, Calibration c, int workers, int partitions) {
        int parallel = Math.max(1, Math.min(workers, Math.min(partitions, c.cores())));
        double perPartition = w.nanosPerRow() * w.rows() / partitions;
        double tail = parallel > 1 ? w.spread().unevenness() * perPartition : 0;
        return perPartition * Math.ceil((double) partitions / parallel) + tail;
    }

    /** Piece counts per worker the planner weighs; past 8, only while a piece still lasts {@value #MIN_PIECE_NANOS} ns. */
    private static final int[] PIECES_PER_WORKER = {1, 2, 4, 8, 16, 32, 64};
    static final double MIN_PIECE_NANOS = 200_000;
    /** A Spark task's cost when the calibration has none ({@code chunkwise calibrate --spark} measures it). */
    static final long ASSUMED_SPARK_TASK_NANOS = 1_000_000;

    private static boolean worthWeighing(Work w, int workers, int factor) {
        return factor <= 8 || w.nanosPerRow() * w.rows() / ((double) workers * factor) >= MIN_PIECE_NANOS;
    }

    /** The rows from which threads on every core beat serial for this function, or -1 if never. */
    static long breakEven(Work w, Calibration c, int cores) {
        if (cores < 2) {
            return -1;
        }
        int p = 2 * cores;
        double fixed = threads(w, c, cores, p).terms().start() + c.threadTaskNanos() * p + c.threadWakeNanos();
        double gainPerRow = w.nanosPerRow() * (1 - 1.0 / cores) - c.combineNanosPerValue() * w.newColumns();
        if (gainPerRow <= 0) {
            return -1;
        }
        return (long) Math.ceil(fixed / gainPerRow / (1 - MARGIN_PERCENT / 100.0));
    }

    /** The plan's reason in plain words; see {@link Plan#reason()}. */
    static String reason(Plan plan) {
        Alternative chosen = plan.chosen();
        Alternative serial = plan.alternatives().stream().filter(a -> a.backend() == Backend.SERIAL).findFirst().orElseThrow();
        long breakEven = plan.breakEvenRows();
        String work = String.format(Locale.ROOT, "%,d rows × %s = %s of work", plan.rows(),
                dev.chunkwise.time.Durations.format(plan.nanosPerRow()),
                dev.chunkwise.time.Durations.format(plan.nanosPerRow() * plan.rows()));
        String pays = breakEven < 0 ? "parallel never pays for this function here (combining its output costs more than "
                + "a second core saves)" : String.format(Locale.ROOT, "parallel pays from about %,d rows of this function", breakEven);
        if (plan.obeyed()) {
            return "as asked; " + work + "; " + pays;
        }
        if (plan.rowsLeft() == 0) {
            return String.format(Locale.ROOT, "all %,d rows were computed while timing the function, so nothing is "
                    + "left to spread; %s", plan.rows(), pays);
        }
        if (chosen == serial) {
            Alternative bestParallel = plan.alternatives().stream().filter(a -> a != serial).findFirst().orElse(null);
            return work + ", less than the price of going parallel"
                    + (bestParallel == null ? "" : " (" + bestParallel.label() + " would take "
                    + dev.chunkwise.time.Durations.format(bestParallel.predictedNanos()) + ")") + "; " + pays;
        }
        return work + "; spread over " + Math.min(chosen.workers(), chosen.partitions()) + " workers, the rows left take "
                + dev.chunkwise.time.Durations.format(chosen.predictedNanos()) + " instead of "
                + dev.chunkwise.time.Durations.format(serial.predictedNanos()) + " serially; " + pays;
    }
}
