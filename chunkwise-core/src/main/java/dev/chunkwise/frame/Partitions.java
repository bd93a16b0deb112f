package dev.chunkwise.frame;

import dev.chunkwise.util.Checks;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Index;
import org.dflib.JoinType;
import org.dflib.Series;

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
     * Concatenates the results of a row-wise function applied to {@code inputs}, the partitions of {@code source},
     * top to bottom. A column that every result passed through untouched (the very series of its input partition)
     * is taken from {@code source} as it is, without copying; the others are concatenated, int, long and double parts
     * of one column widened to the widest of them.
     *
     * <p>The rules a row-wise function keeps, checked here: every result has its input's rows (one row out per row in),
     * and every result has the same columns in the same order — so that the result does not depend on how the frame
     * was split.
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty, or naming the partition and the
     *                                  columns or rows if a result breaks the rules above
     */
    public static DataFrame combine(DataFrame source, List<DataFrame> inputs, List<DataFrame> results) {
        if (inputs.size() != results.size() || results.isEmpty()) {
            throw new IllegalArgumentException("results: " + results.size() + " partitions (expected: "
                    + inputs.size() + ", one per input partition)");
        }
        Index columns = results.get(0).getColumnsIndex();
        for (int i = 0; i < results.size(); i++) {
            DataFrame r = results.get(i);
            if (r.height() != inputs.get(i).height()) {
                throw new IllegalArgumentException("partition " + i + " gave " + r.height() + " rows for its "
                        + inputs.get(i).height() + " (expected: one row out per row in; a function given to "
                        + "Parallel.apply must be row-wise, so that its result does not depend on the split)");
            }
            if (!r.getColumnsIndex().equals(columns)) {
                throw new IllegalArgumentException("partition " + i + " gave the columns "
                        + List.of(r.getColumnsIndex().toArray()) + ", partition 0 gave " + List.of(columns.toArray())
                        + " (expected: the same columns, in the same order, from every part)");
            }
        }
        Series<?>[] combined = new Series<?>[columns.size()];
        for (int c = 0; c < combined.length; c++) {
            String name = columns.get(c);
            combined[c] = passedThrough(name, inputs, results) ? source.getColumn(name) : concatColumn(results, c);
        }
        return DataFrame.byColumn(columns).of(combined);
    }

    private static boolean passedThrough(String name, List<DataFrame> inputs, List<DataFrame> results) {
        for (int i = 0; i < inputs.size(); i++) {
            DataFrame in = inputs.get(i);
            if (!in.getColumnsIndex().contains(name) || in.getColumn(name) != results.get(i).getColumn(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Concatenates column {@code c} of every result. Empty parts are left out, so that one empty partition (whose
     * column DFLib may give as an object series) does not box a primitive column; primitive columns are copied into
     * one array.
     */
    static Series<?> concatColumn(List<DataFrame> results, int c) {
        List<Series<?>> parts = new ArrayList<>(results.size());
        int total = 0;
        for (DataFrame r : results) {
            Series<?> s = r.getColumn(c);
            if (s.size() > 0) {
                parts.add(s);
                total += s.size();
            }
        }
        if (parts.isEmpty()) {
            return results.get(0).getColumn(c);
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        if (parts.stream().allMatch(s -> s instanceof IntSeries)) {
            int[] all = new int[total];
            int at = 0;
            for (Series<?> s : parts) {
                ((IntSeries) s).copyToInt(all, 0, at, s.size());
                at += s.size();
            }
            return Series.ofInt(all);
        }
        if (parts.stream().allMatch(s -> s instanceof LongSeries)) {
            long[] all = new long[total];
            int at = 0;
            for (Series<?> s : parts) {
                ((LongSeries) s).copyToLong(all, 0, at, s.size());
                at += s.size();
            }
            return Series.ofLong(all);
        }
        if (parts.stream().allMatch(s -> s instanceof DoubleSeries)) {
            double[] all = new double[total];
            int at = 0;
            for (Series<?> s : parts) {
                ((DoubleSeries) s).copyToDouble(all, 0, at, s.size());
                at += s.size();
            }
            return Series.ofDouble(all);
        }
        if (parts.stream().allMatch(s -> s instanceof IntSeries || s instanceof LongSeries)) {
            long[] all = new long[total]; // some parts int, some long: long, as Java widens
            int at = 0;
            for (Series<?> s : parts) {
                for (int i = 0; i < s.size(); i++) {
                    all[at++] = s instanceof IntSeries is ? is.getInt(i) : ((LongSeries) s).getLong(i);
                }
            }
            return Series.ofLong(all);
        }
        if (parts.stream().allMatch(s -> s instanceof IntSeries || s instanceof LongSeries || s instanceof DoubleSeries)) {
            double[] all = new double[total]; // some parts double: double, as Java widens
            int at = 0;
            for (Series<?> s : parts) {
                for (int i = 0; i < s.size(); i++) {
                    all[at++] = s instanceof IntSeries is ? is.getInt(i) : s instanceof LongSeries ls ? ls.getLong(i)
                            : ((DoubleSeries) s).getDouble(i);
                }
            }
            return Series.ofDouble(all);
        }
        if (parts.stream().allMatch(s -> s instanceof BooleanSeries)) {
            boolean[] all = new boolean[total];
            int at = 0;
            for (Series<?> s : parts) {
                BooleanSeries b = (BooleanSeries) s;
                for (int i = 0; i < b.size(); i++) {
                    all[at++] = b.getBool(i);
                }
            }
            return Series.ofBool(all);
        }
        Object[] all = new Object[total];
        int at = 0;
        for (Series<?> s : parts) {
            for (int i = 0; i < s.size(); i++) {
                all[at++] = s.get(i);
            }
        }
        return Series.of(all);
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
