package dev.chunkwise.frame;

import org.dflib.DataFrame;
import org.dflib.Exp;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Test data for group-wise apply: frames with a key column of random shape (few groups, many, one hot key; nulls
 * among the keys), and the serial reference, computed with DFLib's own {@code group()} for the non-null keys and a
 * null mask for the rest, each group's result taken in the order of its first row.
 */
final class GroupedFrames {

    /** The shapes a key column takes. */
    enum Shape { FEW, MANY, HOT, ALL_DISTINCT, ONE }

    private GroupedFrames() {
    }

    /**
     * Returns a frame of {@code rows} rows: K (String keys, about a tenth null), A (ints), D (non-negative doubles),
     * B (Integer objects, some null, the first not).
     */
    static DataFrame frame(int rows, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Object[] keys = new Object[rows];
        int[] a = new int[rows];
        double[] d = new double[rows];
        Object[] b = new Object[rows];
        for (int r = 0; r < rows; r++) {
            keys[r] = key(shape, r, rows, random);
            a[r] = random.nextInt(-1000, 1000);
            d[r] = random.nextDouble() * 1000;
            b[r] = r > 0 && random.nextInt(10) == 0 ? null : random.nextInt(-50, 50); // typed by its first value
        }
        return DataFrame.byColumn("K", "A", "D", "B").of(Series.of(keys), Series.ofInt(a), Series.ofDouble(d),
                Series.of(b));
    }

    private static Object key(Shape shape, int r, int rows, SplittableRandom random) {
        if (shape != Shape.ALL_DISTINCT && shape != Shape.ONE && random.nextInt(10) == 0) {
            return null;
        }
        return switch (shape) {
            case FEW -> "k" + random.nextInt(3);
            case MANY -> "k" + random.nextInt(Math.max(1, rows / 2));
            case HOT -> random.nextInt(10) < 7 ? "hot" : "k" + random.nextInt(20);
            case ALL_DISTINCT -> "k" + r;
            case ONE -> "only";
        };
    }

    /** Returns the distinct values of {@code column}, null included, in the order of their first row. */
    static List<Object> keysInOrder(DataFrame df, String column) {
        LinkedHashSet<Object> keys = new LinkedHashSet<>();
        Series<?> s = df.getColumn(column);
        for (int r = 0; r < s.size(); r++) {
            keys.add(s.get(r));
        }
        return new ArrayList<>(keys);
    }

    /** Returns the rows of {@code df} whose {@code column} holds {@code key}: DFLib's group, or the null rows. */
    static DataFrame group(DataFrame df, String column, Object key) {
        return key == null ? df.rows(Exp.$col(column).isNull()).select() : df.group(column).getGroup(key);
    }

    /** Returns {@code fn} applied to every group in order of first appearance, the results concatenated. */
    static DataFrame serialApply(DataFrame df, String column, Function<DataFrame, DataFrame> fn) {
        List<DataFrame> parts = new ArrayList<>();
        for (Object key : keysInOrder(df, column)) {
            parts.add(fn.apply(group(df, column, key)).materialize());
        }
        if (parts.isEmpty()) {
            return fn.apply(df);
        }
        DataFrame first = parts.get(0);
        return parts.size() == 1 ? first : first.vConcat(parts.subList(1, parts.size()).toArray(DataFrame[]::new));
    }

    /** Returns whether two doubles are equal within {@code relative} of the larger (NaN equals NaN). */
    static boolean close(double a, double b, double relative) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
            return Objects.equals(a, b);
        }
        return Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b));
    }
}
