package dev.chunkwise.frame;

import dev.chunkwise.pool.Checks;
import org.dflib.DataFrame;
import org.dflib.JoinType;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@link DataFrame} into row ranges and concatenates partitions back, the two ends of split-apply-combine.
 */
public final class Partitions {

    private Partitions() {
    }

    /**
     * Returns the sizes of {@code parts} partitions of {@code rows} rows, as {@code numpy.array_split} makes them: the
     * first {@code rows % parts} have one row more than the rest; with more parts than rows, the last ones are empty.
     *
     * @throws IllegalArgumentException if {@code rows} is negative or {@code parts} not positive
     */
    public static int[] sizes(int rows, int parts) {
        Checks.notNegative(rows, "rows");
        Checks.positive(parts, "parts");
        int[] sizes = new int[parts];
        int base = rows / parts;
        int extra = rows % parts;
        for (int i = 0; i < parts; i++) {
            sizes[i] = base + (i < extra ? 1 : 0);
        }
        return sizes;
    }

    /**
     * Splits {@code df} into {@code parts} consecutive row ranges with {@link #sizes(int, int)}. The parts are views on
     * the frame's columns: nothing is copied.
     *
     * @throws IllegalArgumentException if {@code parts} is not positive
     */
    public static List<DataFrame> split(DataFrame df, int parts) {
        Checks.notNull(df, "df");
        int[] sizes = sizes(df.height(), parts);
        List<DataFrame> result = new ArrayList<>(parts);
        int from = 0;
        for (int size : sizes) {
            result.add(df.rowsRange(from, from + size).select());
            from += size;
        }
        return result;
    }

    /**
     * Concatenates {@code parts} top to bottom, in order, keeping the columns of the first part; int, long and
     * double columns stay primitive.
     *
     * @throws IllegalArgumentException if {@code parts} is empty
     */
    public static DataFrame concat(List<DataFrame> parts) {
        Checks.notNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("parts: [] (expected: at least one partition)");
        }
        DataFrame first = parts.get(0);
        if (parts.size() == 1) {
            return first;
        }
        return first.vConcat(JoinType.left, parts.subList(1, parts.size()).toArray(DataFrame[]::new));
    }
}
