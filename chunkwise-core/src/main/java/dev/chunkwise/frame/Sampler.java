package dev.chunkwise.frame;

import dev.chunkwise.plan.Calibration;
import dev.chunkwise.plan.Planner;
import dev.chunkwise.plan.Spread;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Times the user's function for the planner: on growing prefixes of the frame until a batch lasts long enough to trust,
 * then on blocks of one size at its start and spread over the rest, for how uneven the cost is across the frame (a
 * prefix alone times the cheapest rows when the cost grows down it). The results are kept, so that the run does not
 * compute those rows again (only the first block, the prefix's first rows again, is computed twice); on a pool, or
 * when the work looks large, the blocks run side by side on the workers.
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
        List<Sample.Part> parts = new ArrayList<>();
        int n = df.height();
        if (n == 0) {
            return new Sample(parts, 0, Spread.UNKNOWN);
        }
        if (n <= SMALL) {
            // On a small frame, one short batch decides: measuring more carefully would cost a large share of the
            // work. It is timed twice: a first call in a fresh JVM also loads and links the function's classes, which
            // made the README's own example look hundreds of times dearer than it is.
            int rows = Math.min(n, FIRST_BATCH / 2);
            DataFrame in = df.rowsRange(0, rows).select();
            FunctionCalls.Batch b = calls.timed(in, 0, 0);
            long nanos = Math.min(b.nanos(), calls.timed(in, 0, 0).nanos());
            parts.add(new Sample.Part(0, in, b.out()));
            return new Sample(parts, (double) nanos / rows, Spread.UNKNOWN);
        }
        // Measure on at most a sixteenth of the frame, so that the measurement takes little work from the workers.
        int cap = Math.min(n, Math.max(FIRST_BATCH * 20, n / 16));
        int sampled = 0;
        int batch = FIRST_BATCH;
        double previous = Double.NaN;
        double estimate = Double.NaN;
        int last = 0;
        while (sampled < cap) {
            int rows = Math.min(batch, cap - sampled);
            DataFrame in = df.rowsRange(sampled, sampled + rows).select();
            FunctionCalls.Batch b = calls.timed(in, parts.size(), sampled);
            long t = b.nanos();
            parts.add(new Sample.Part(sampled, in, b.out()));
            last = rows;
            sampled += rows;
            double perRow = (double) t / rows;
            // The first batch runs cold; after it, trust a batch that lasts long enough and agrees with the one
            // before (the JIT has settled), taking the cheaper of the two.
            estimate = Double.isNaN(previous) ? perRow : Math.min(perRow, previous);
            boolean settled = !Double.isNaN(previous) && Math.abs(perRow - previous) <= 0.25 * previous;
            if (parts.size() > 1 && ((t >= TRUSTED_BATCH_NANOS / 2 && settled) || batch >= MAX_BATCH)) {
                break;
            }
            previous = parts.size() > 1 ? perRow : Double.NaN;
            // Size the next batch to last about TRUSTED_BATCH_NANOS at the speed seen so far: a heavy function is
            // measured on a few rows, a cheap one on many.
            long fit = perRow > 0 ? (long) (TRUSTED_BATCH_NANOS / perRow) : (long) batch * 4;
            batch = (int) Math.max(FIRST_BATCH, Math.min((long) batch * 4, Math.max(fit, 1)));
        }
        double perRow = Double.isNaN(estimate) ? 0 : estimate;
        List<Sample.Part> blocks = blocks(last, sampled);
        if (blocks.isEmpty()) {
            return new Sample(parts, perRow, Spread.UNKNOWN);
        }
        boolean spread = perRow * n >= SPREAD_BLOCKS_NANOS;
        List<FunctionCalls.Batch> timed = calls.timedAll(blocks, parts.size(), spread);
        double[] costs = new double[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            Sample.Part block = blocks.get(i);
            costs[i] = (double) timed.get(i).nanos() / block.in().height();
            if (i > 0) { // the first block is the prefix's first rows again: their result is kept already
                parts.add(block.computed(timed.get(i).out()));
            }
        }
        if (costs[0] > 0) {
            // The first rows stand for the whole frame only if its cost is even: the mean of the blocks spread over
            // it, against the first of them, scales their cost (a frame whose dear rows are at its end was predicted
            // 25 times too cheap from its first rows alone).
            double sum = 0;
            for (double c : costs) {
                sum += c;
            }
            perRow *= sum / (costs.length * costs[0]);
        }
        return new Sample(parts, perRow, Spread.of(costs));
    }

    /** Blocks at these fractions of the rows left after the prefix (the last at the end). */
    private static final double[] BLOCK_AT = {0.25, 0.5, 0.75, 1};

    /**
     * The work, predicted from the prefix, from which the blocks are timed side by side on the workers rather than one
     * after another on the caller: waking auto's shared threads (or starting them) is then a small part of the call.
     */
    static final double SPREAD_BLOCKS_NANOS = 10_000_000;

    /**
     * Returns five blocks of one size (as long as the last prefix batch, or a hundredth of the rows left if that is
     * less), not yet computed: the first rows again, then at a quarter, a half, three quarters of the rows left and at
     * the end of the frame; or none when too few rows are left for such blocks. All five are timed alike, so that the
     * fixed cost of a call weighs the same in each; the last four's results are kept like the prefix's.
     */
    private List<Sample.Part> blocks(int lastBatch, int sampled) {
        int n = df.height();
        int rows = Math.min(lastBatch, (n - sampled) / 100);
        if (rows < FIRST_BATCH) {
            return List.of();
        }
        List<Sample.Part> blocks = new ArrayList<>(BLOCK_AT.length + 1);
        blocks.add(new Sample.Part(0, df.rowsRange(0, rows).select(), null));
        for (double at : BLOCK_AT) {
            int from = at == 1 ? n - rows : (int) Math.min(n - rows, sampled + (long) ((n - sampled) * at));
            blocks.add(new Sample.Part(from, df.rowsRange(from, from + rows).select(), null));
        }
        return blocks;
    }
}
