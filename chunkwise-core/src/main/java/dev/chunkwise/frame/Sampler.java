package dev.chunkwise.frame;

import dev.chunkwise.plan.Calibration;
import dev.chunkwise.plan.Planner;
import dev.chunkwise.plan.Spread;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Times the user's function for the planner: on growing prefixes of the frame until a batch lasts long enough to trust,
 * keeping the results so that the run does not compute them again; then on a block in the middle and one at the end,
 * for how uneven the cost is across the frame (a prefix alone times the cheapest rows when the cost grows down it).
 */
final class Sampler {

    /** A prefix batch is long enough to trust once it lasts this long. */
    static final long TRUSTED_BATCH_NANOS = 2_000_000;
    static final int FIRST_BATCH = 16;
    static final int MAX_BATCH = 65_536;
    static final int PROBE_ROWS = 16;
    /** Frames this small are probed on one row and sampled on one short batch: even that must cost next to nothing. */
    static final int SMALL = 128;

    private final DataFrame df;
    private final FunctionCalls calls;

    Sampler(DataFrame df, FunctionCalls calls) {
        this.df = df;
        this.calls = calls;
    }

    /**
     * Times the function once on a few rows (the best of three) and returns whether, even at that cold, so
     * pessimistic, speed, the whole frame is less work than the least it costs to go parallel: then serial wins for
     * sure, and no more time is spent on measuring or planning.
     */
    boolean surelySerial(Calibration c, boolean threadsStarted) {
        int probeRows = Math.min(df.height(), df.height() <= SMALL ? 1 : PROBE_ROWS);
        DataFrame probe = df.rowsRange(0, probeRows).select();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < (df.height() <= SMALL ? 1 : 3); i++) { // the best of three: one pause must not decide
            best = Math.min(best, calls.timed(probe, 0, 0).nanos());
        }
        double bound = (double) best / probeRows * df.height();
        return Planner.surelySerial(bound, df.height(), 0, c, threadsStarted);
    }

    /** Samples the function; see the class comment. */
    Sample sample() {
        List<DataFrame> inputs = new ArrayList<>();
        List<DataFrame> results = new ArrayList<>();
        int n = df.height();
        if (n == 0) {
            return new Sample(inputs, results, 0, 0, Spread.UNKNOWN);
        }
        if (n <= SMALL) {
            // On a small frame, one short batch decides: measuring more carefully would cost a large share of the
            // work. It is timed twice: a first call in a fresh JVM also loads and links the function's classes, which
            // made the README's own example look hundreds of times dearer than it is.
            int rows = Math.min(n, FIRST_BATCH / 2);
            DataFrame in = df.rowsRange(0, rows).select();
            FunctionCalls.Batch b = calls.timed(in, 0, 0);
            long nanos = Math.min(b.nanos(), calls.timed(in, 0, 0).nanos());
            inputs.add(in);
            results.add(b.out());
            return new Sample(inputs, results, rows, (double) nanos / rows, Spread.UNKNOWN);
        }
        // Measure on at most a sixteenth of the frame, so that the measurement takes little work from the workers.
        int cap = Math.min(n, Math.max(FIRST_BATCH * 20, n / 16));
        int sampled = 0;
        int batch = FIRST_BATCH;
        double previous = Double.NaN;
        double estimate = Double.NaN;
        while (sampled < cap) {
            int rows = Math.min(batch, cap - sampled);
            DataFrame in = df.rowsRange(sampled, sampled + rows).select();
            FunctionCalls.Batch b = calls.timed(in, sampled == 0 ? 0 : inputs.size(), sampled);
            long t = b.nanos();
            inputs.add(in);
            results.add(b.out());
            sampled += rows;
            double perRow = (double) t / rows;
            // The first batch runs cold; after it, trust a batch that lasts long enough and agrees with the one
            // before (the JIT has settled), taking the cheaper of the two.
            estimate = Double.isNaN(previous) ? perRow : Math.min(perRow, previous);
            boolean settled = !Double.isNaN(previous) && Math.abs(perRow - previous) <= 0.25 * previous;
            if (inputs.size() > 1 && ((t >= TRUSTED_BATCH_NANOS / 2 && settled) || batch >= MAX_BATCH)) {
                break;
            }
            previous = inputs.size() > 1 ? perRow : Double.NaN;
            // Size the next batch to last about TRUSTED_BATCH_NANOS at the speed seen so far: a heavy function is
            // measured on a few rows, a cheap one on many.
            long fit = perRow > 0 ? (long) (TRUSTED_BATCH_NANOS / perRow) : (long) batch * 4;
            batch = (int) Math.max(FIRST_BATCH, Math.min((long) batch * 4, Math.max(fit, 1)));
        }
        double perRow = Double.isNaN(estimate) ? 0 : estimate;
        double[] blocks = blocks(inputs.get(inputs.size() - 1), sampled, inputs.size());
        if (blocks == null) {
            return new Sample(inputs, results, sampled, perRow, Spread.UNKNOWN);
        }
        if (blocks[0] > 0) {
            // The first rows stand for the whole frame only if its cost is even: the mean of the blocks spread over
            // it, against the first of them, scales their cost (a frame whose dear rows are at its end was predicted
            // 25 times too cheap from its first rows alone).
            double sum = 0;
            for (double b : blocks) {
                sum += b;
            }
            perRow *= sum / (blocks.length * blocks[0]);
        }
        return new Sample(inputs, results, sampled, perRow, Spread.of(blocks));
    }

    /** The blocks timed for the spread, at these fractions of the rows left after the sample (the last at the end). */
    private static final double[] BLOCK_AT = {0, 0.25, 0.5, 0.75, 1};

    /**
     * Times the function on five blocks of one size (as long as the last sampled batch, or a hundredth of the rows
     * left if that is less) — the first rows again, then at a quarter, a half, three quarters of the rows left and at
     * the end of the frame — and returns their costs per row, the first rows' first; or null when too few rows are
     * left for such blocks. They are not kept: at most five hundredths of the rows left are computed twice.
     */
    private double[] blocks(DataFrame last, int sampled, int calls) {
        int n = df.height();
        int rows = Math.min(last.height(), (n - sampled) / 100);
        if (rows < FIRST_BATCH) {
            return null;
        }
        // Blocks of one size, all timed warm, so that the fixed cost of a call weighs the same in each. Numbered as
        // the function's next calls, as a failure in them is reported.
        double[] perRow = new double[BLOCK_AT.length];
        perRow[0] = (double) this.calls.timed(df.rowsRange(0, rows).select(), 0, 0).nanos() / rows;
        for (int i = 1; i < BLOCK_AT.length; i++) {
            int from = i == BLOCK_AT.length - 1 ? n - rows
                    : (int) Math.min(n - rows, sampled + (long) ((n - sampled) * BLOCK_AT[i]));
            perRow[i] = (double) this.calls.timed(df.rowsRange(from, from + rows).select(), calls + i - 1, from)
                    .nanos() / rows;
        }
        return perRow;
    }
}
