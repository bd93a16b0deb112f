package dev.chunkwise.cli.bench;

import dev.chunkwise.frame.PartitionFunction;
import org.dflib.IntSeries;
import org.dflib.Series;

import static org.dflib.Exp.$int;

/** The benchmark's row functions: the notebook's {@code K = A * 2}, and ones that cost about 1, 10 or 100 µs a row. */
public final class RowCost {

    private RowCost() {
    }

    /** Square roots per microsecond on this machine, measured once. */
    private static volatile double sqrtsPerMicro;

    /**
     * Returns the function named {@code cheap} ({@code K = A * 2}), {@code sqrt200} (the sum of 200 square roots, the
     * Python peers' heavy function) or {@code 1us}, {@code 10us}, {@code 100us} (as many square roots as take that
     * long here).
     *
     * @throws IllegalArgumentException for another name
     */
    public static PartitionFunction named(String name) {
        if (name.equals("cheap")) {
            return part -> part.cols("K").merge($int("A").mul(2));
        }
        if (name.equals("sqrt200")) {
            return sqrtSum(200); // the notebook peers' heavy function, the same work as in Python
        }
        if (!name.matches("\\d+us")) {
            throw new IllegalArgumentException("--function: " + name + " (expected: cheap, sqrt200, 1us, 10us or 100us)");
        }
        int micros = Integer.parseInt(name.substring(0, name.length() - 2));
        return sqrtSum((int) Math.max(1, Math.round(micros * sqrtsPerMicro())));
    }

    /** {@code K = sum over i < n of sqrt(i + A)}. */
    static PartitionFunction sqrtSum(int n) {
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

    static double sqrtsPerMicro() {
        if (sqrtsPerMicro == 0) {
            double sink = 0;
            for (int i = 0; i < 20; i++) {
                sink += sqrts(i, 100_000); // warm up
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                sink += sqrts(i, 2_000_000);
                best = Math.min(best, System.nanoTime() - t);
            }
            sqrtsPerMicro = 2_000_000 / (best / 1000.0) + (sink == 42 ? 1 : 0);
        }
        return sqrtsPerMicro;
    }
}
