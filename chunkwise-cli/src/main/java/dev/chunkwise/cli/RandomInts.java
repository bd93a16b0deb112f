package dev.chunkwise.cli;

import org.dflib.DataFrame;
import org.dflib.Series;

import java.util.SplittableRandom;

/**
 * The random ints {@code chunkwise generate} writes, made a block of rows at a time, each block from its own seed, so
 * that a file of any size is written in a fixed amount of memory, its blocks made in parallel, and the same seed
 * gives the same file.
 */
final class RandomInts {

    /** The rows of one block (the last may have fewer). */
    static final int BLOCK_ROWS = 1 << 16;

    private final long seed;
    private final String[] columns;
    private final int low;
    private final int high;
    private final long rows;

    RandomInts(long seed, String[] columns, int low, int high, long rows) {
        this.seed = seed;
        this.columns = columns.clone();
        this.low = low;
        this.high = high;
        this.rows = rows;
    }

    /** Returns how many blocks the rows make. */
    int blocks() {
        return (int) ((rows + BLOCK_ROWS - 1) / BLOCK_ROWS);
    }

    /** Returns block {@code b}: rows {@code [b * BLOCK_ROWS, …)}, each column's values in [low, high). */
    DataFrame block(int b) {
        int n = (int) Math.min(BLOCK_ROWS, rows - (long) b * BLOCK_ROWS);
        Series<?>[] series = new Series<?>[columns.length];
        for (int c = 0; c < columns.length; c++) {
            SplittableRandom random = new SplittableRandom(mix(seed, c, b));
            int[] values = new int[n];
            for (int r = 0; r < n; r++) {
                values[r] = random.nextInt(low, high);
            }
            series[c] = Series.ofInt(values);
        }
        return DataFrame.byColumn(columns).of(series);
    }

    /** The seed of column {@code c}'s values in block {@code b}: the generator's seed, mixed (SplitMix64's finalizer). */
    private static long mix(long seed, int c, int b) {
        long z = seed + 0x9E3779B97F4A7C15L * (((long) c << 32) + b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
