package dev.chunkwise.bench;

import dev.chunkwise.frame.PartitionFunction;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;

/** Row functions of a chosen cost, for the apply benchmarks: {@code K = sum over i < n of sqrt(i + A)}. */
final class RowWork {

    private RowWork() {
    }

    /** Square roots per row that take about one microsecond on this project's 2-core test machine. */
    static final int SQRTS_PER_MICROSECOND = 400;

    /** Returns a partition function that spends about {@code micros} µs of CPU on each row. */
    static PartitionFunction costing(int micros) {
        int n = micros * SQRTS_PER_MICROSECOND;
        return part -> {
            IntSeries a = (IntSeries) part.<Integer>getColumn("A");
            double[] k = new double[a.size()];
            for (int r = 0; r < k.length; r++) {
                k[r] = sqrts(a.getInt(r), n);
            }
            return part.cols("K").merge(Series.ofDouble(k));
        };
    }

    static double sqrts(int x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.sqrt(i + x);
        }
        return s;
    }

    static DataFrame frame(int rows) {
        return dev.chunkwise.frame.Frames.randomInts(rows, 0, 100, 42, "A", "B", "C", "D");
    }
}
