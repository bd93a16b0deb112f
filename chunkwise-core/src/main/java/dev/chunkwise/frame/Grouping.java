package dev.chunkwise.frame;

import org.dflib.DataFrame;
import org.dflib.Series;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The groups of a frame by the values of its key columns: which rows each group holds, in row order, and the groups
 * in the order of their first row (or by key). A null key value is a group of its own, unlike DFLib's
 * {@code group()}, which leaves such rows out. Rows are indexed once and never copied here.
 */
final class Grouping {

    private final String[] keys;
    private final DataFrame df;
    /** The rows of group {@code g}, in row order: {@code rows[start[g]] .. rows[start[g + 1] - 1]}. */
    private final int[] rows;
    private final int[] start;
    /** The group of every row. */
    private final int[] groupOfRow;
    /** The groups in output order: first appearance, or ascending keys. */
    private final int[] order;

    private Grouping(DataFrame df, String[] keys, int[] rows, int[] start, int[] groupOfRow, int[] order) {
        this.df = df;
        this.keys = keys;
        this.rows = rows;
        this.start = start;
        this.groupOfRow = groupOfRow;
        this.order = order;
    }

    /**
     * Groups {@code df} by {@code keys}; groups are numbered, and come out, in the order of their first row.
     *
     * @throws IllegalArgumentException naming the key if it is not a column of {@code df}
     */
    static Grouping of(DataFrame df, String[] keys) {
        checkKeys(df, keys);
        Series<?>[] keyColumns = new Series<?>[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keyColumns[k] = df.getColumn(keys[k]);
        }
        int height = df.height();
        int[] groupOfRow = new int[height];
        Map<Object, Integer> ids = new HashMap<>();
        int[] counts = new int[16];
        int groups = 0;
        for (int r = 0; r < height; r++) {
            Object key = keyColumns.length == 1 ? keyColumns[0].get(r) : compositeKey(keyColumns, r);
            Integer id = ids.get(key);
            if (id == null) {
                id = groups++;
                ids.put(key, id);
                if (groups > counts.length) {
                    counts = Arrays.copyOf(counts, 2 * counts.length);
                }
            }
            counts[id]++;
            groupOfRow[r] = id;
        }
        int[] start = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            start[g + 1] = start[g] + counts[g];
        }
        int[] fill = Arrays.copyOf(start, groups);
        int[] rows = new int[height];
        for (int r = 0; r < height; r++) {
            rows[fill[groupOfRow[r]]++] = r;
        }
        return new Grouping(df, keys, rows, start, groupOfRow, identity(groups));
    }

    /**
     * Checks that every key is a column of {@code df}.
     *
     * @throws IllegalArgumentException naming the first key that is not
     */
    static void checkKeys(DataFrame df, String[] keys) {
        for (String key : keys) {
            if (!df.getColumnsIndex().contains(key)) {
                throw new IllegalArgumentException("key: " + key + " (expected: a column of the frame, one of "
                        + List.of(df.getColumnsIndex().toArray()) + ")");
            }
        }
    }

    private static List<Object> compositeKey(Series<?>[] keyColumns, int r) {
        Object[] values = new Object[keyColumns.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = keyColumns[k].get(r);
        }
        return Arrays.asList(values); // equal and hashed by value; nulls allowed, unlike List.of
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * Returns these groups in key order, ascending, nulls last; several keys compare by the first, then the next.
     *
     * @throws IllegalArgumentException naming the key and the two values if two keys cannot be compared
     */
    Grouping sortedByKey() {
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Comparator<Integer> byKey = (a, b) -> {
            for (int k = 0; k < keys.length; k++) {
                int c = compareKeyValues(keys[k], keyValue(a, k), keyValue(b, k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        Arrays.sort(boxed, byKey);
        return new Grouping(df, keys, rows, start, groupOfRow, Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeyValues(String key, Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1; // nulls last
        }
        try {
            return ((Comparable) a).compareTo(b);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("sorted(): the key " + key + " holds " + describe(a) + " and "
                    + describe(b) + ", which cannot be compared (expected: key values of one comparable type; leave "
                    + "out sorted() to keep the groups in the order of their first row)", e);
        }
    }

    private static String describe(Object v) {
        return v + " (" + v.getClass().getSimpleName() + ")";
    }

    /** Returns the number of groups. */
    int groups() {
        return start.length - 1;
    }

    /** Returns the frame grouped. */
    DataFrame frame() {
        return df;
    }

    /** Returns the key columns. */
    String[] keys() {
        return keys.clone();
    }

    /** Returns the {@code i}-th group in output order. */
    int inOrder(int i) {
        return order[i];
    }

    /** Returns how many rows group {@code g} holds. */
    int size(int g) {
        return start[g + 1] - start[g];
    }

    /** Returns the rows of group {@code g}, in row order, from its {@code from}-th row, {@code count} of them. */
    int[] rows(int g, int from, int count) {
        return Arrays.copyOfRange(rows, start[g] + from, start[g] + from + count);
    }

    /** Returns the index of the row that starts group {@code g}. */
    int firstRow(int g) {
        return rows[start[g]];
    }

    /** Returns the group of every row (shared, not copied: do not change it). */
    int[] groupOfRow() {
        return groupOfRow;
    }

    /** Returns the value of key column {@code k} for group {@code g}. */
    Object keyValue(int g, int k) {
        return df.getColumn(keys[k]).get(firstRow(g));
    }

    /** Returns the group as messages and plans name it: {@code K=17}, or {@code K1=a, K2=null}. */
    String describe(int g) {
        return describe(keys, df, firstRow(g));
    }

    /** Returns the group of row {@code row} of {@code frame} as messages name it, by its key columns' values. */
    static String describe(String[] keys, DataFrame frame, int row) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < keys.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(keys[k]).append('=').append(frame.getColumn(keys[k]).get(row));
        }
        return sb.toString();
    }

    /** Returns a row count as messages write it: {@code 1,234}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
