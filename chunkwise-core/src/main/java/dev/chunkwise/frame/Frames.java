package dev.chunkwise.frame;

import dev.chunkwise.util.Checks;
import org.dflib.DataFrame;
import org.dflib.Printers;
import org.dflib.Series;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/** Helpers for the notebook's data: frames of random ints, a readable head, and a column from boxed values. */
public final class Frames {

    private Frames() {
    }

    /**
     * Returns a frame of {@code rows} random ints in {@code [low, high)} with the given columns, like
     * {@code pandas.DataFrame(numpy.random.randint(low, high, size=(rows, len(columns))), columns=columns)}. The same
     * seed gives the same frame.
     *
     * @throws IllegalArgumentException if {@code rows} is negative, no column is given, or {@code low >= high}
     */
    public static DataFrame randomInts(int rows, int low, int high, long seed, String... columns) {
        Checks.notNegative(rows, "rows");
        if (columns.length == 0) {
            throw new IllegalArgumentException("columns: [] (expected: at least one column name)");
        }
        if (low >= high) {
            throw new IllegalArgumentException("high: " + high + " (expected: > low, which is " + low + ")");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Series<?>[] series = new Series<?>[columns.length];
        for (int c = 0; c < columns.length; c++) {
            int[] values = new int[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = random.nextInt(low, high);
            }
            series[c] = Series.ofInt(values);
        }
        return DataFrame.byColumn(columns).of(series);
    }

    /**
     * Returns whether two frames hold the same columns, in the same order, with equal values row by row. (DFLib's
     * frames compare by identity.)
     */
    public static boolean contentEquals(DataFrame a, DataFrame b) {
        if (a == b) {
            return true;
        }
        if (!a.getColumnsIndex().equals(b.getColumnsIndex()) || a.height() != b.height()) {
            return false;
        }
        for (int c = 0; c < a.width(); c++) {
            Series<?> x = a.getColumn(c);
            Series<?> y = b.getColumn(c);
            for (int r = 0; r < a.height(); r++) {
                if (!Objects.equals(x.get(r), y.get(r))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Returns the first {@code n} rows of {@code df} as a table with a header and row numbers, like pandas' {@code head()}.
     */
    public static String head(DataFrame df, int n) {
        Checks.notNegative(n, "n");
        return Printers.tabular(n, 1000, 30).print(df.head(n));
    }

    /**
     * Returns {@code values} as a series, primitive where every value is a non-null int, long, double or boolean (as
     * DFLib's aggregations give them), else as objects.
     */
    public static Series<?> column(Object[] values) {
        Class<?> type = null;
        for (Object v : values) {
            if (v == null || (type != null && v.getClass() != type)) {
                return Series.of(values);
            }
            type = v.getClass();
        }
        if (type == Integer.class) {
            return Series.ofInt(Arrays.stream(values).mapToInt(v -> (Integer) v).toArray());
        }
        if (type == Long.class) {
            return Series.ofLong(Arrays.stream(values).mapToLong(v -> (Long) v).toArray());
        }
        if (type == Double.class) {
            return Series.ofDouble(Arrays.stream(values).mapToDouble(v -> (Double) v).toArray());
        }
        if (type == Boolean.class) {
            boolean[] b = new boolean[values.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (Boolean) values[i];
            }
            return Series.ofBool(b);
        }
        return Series.of(values);
    }
}
