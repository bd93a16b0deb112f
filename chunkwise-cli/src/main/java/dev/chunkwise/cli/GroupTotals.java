package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.BlockKeys;
import dev.chunkwise.cli.csv.CsvFile;
import dev.chunkwise.cli.csv.FieldValue;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.frame.Frames;
import org.dflib.Series;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The partial aggregates of a streamed {@code --group-by}, one value of each per group in primitive arrays: a block's,
 * made on the block's thread ({@link #ofBlock}), and the file's so far, to which each block's are added in file order
 * ({@link #add}). They are kept so that any type the whole file gives a column can finish them ({@link #series}): a
 * block's numbers both as doubles and, where all are integers, as longs; a group's first and last field as read.
 *
 * <p>Each is the core's partial result ({@code frame/Partial}) of the same name, with its merge, computed as DFLib
 * computes the whole group within a block — sums from 0 in row order, a mean as the sum over the count, a variance
 * about the block's mean in a second pass, the first of equal extremes kept, missing values (NaN) skipped — so that
 * a group within one block has the whole-file path's values to the bit. Blocks merge as the core merges a split hot
 * group: sums added, variances by Chan, Golub and LeVeque's formula.
 */
final class GroupTotals {

    /** The reductions, as {@code AggregateSpec.FUNCTIONS} names them. */
    enum Kind {
        COUNT, SUM, MEAN, MIN, MAX, VAR, STD, FIRST, LAST;

        static Kind of(String function) {
            return valueOf(function.toUpperCase(Locale.ROOT));
        }
    }

    private final Kind[] kinds;
    private int groups;
    private int capacity;
    /** Per aggregate: the values counted (rows for count; values that are not NaN otherwise). */
    private long[][] n;
    private double[][] dsum;
    private long[][] lsum;
    private double[][] dext;
    private long[][] lext;
    private double[][] mean;
    private double[][] m2;
    private FieldValue[][] first;
    private FieldValue[][] last;
    /** Per aggregate: whether a value was missing (NaN) or, for numbers, whether some were not numbers. */
    private final boolean[] sawNaN;
    private final boolean[] notNumbers;
    private final boolean[] notLongs;

    GroupTotals(Kind[] kinds) {
        this.kinds = kinds.clone();
        int a = kinds.length;
        n = new long[a][];
        dsum = new double[a][];
        lsum = new long[a][];
        dext = new double[a][];
        lext = new long[a][];
        mean = new double[a][];
        m2 = new double[a][];
        first = new FieldValue[a][];
        last = new FieldValue[a][];
        sawNaN = new boolean[a];
        notNumbers = new boolean[a];
        notLongs = new boolean[a];
        allocate(16);
    }

    private void allocate(int capacity) {
        this.capacity = capacity;
        for (int a = 0; a < kinds.length; a++) {
            n[a] = grow(n[a], capacity);
            switch (kinds[a]) {
                case SUM -> {
                    dsum[a] = grow(dsum[a], capacity);
                    lsum[a] = grow(lsum[a], capacity);
                }
                case MEAN -> dsum[a] = grow(dsum[a], capacity);
                case MIN, MAX -> {
                    dext[a] = grow(dext[a], capacity);
                    lext[a] = grow(lext[a], capacity);
                }
                case VAR, STD -> {
                    mean[a] = grow(mean[a], capacity);
                    m2[a] = grow(m2[a], capacity);
                }
                case FIRST, LAST -> {
                    first[a] = first[a] == null ? new FieldValue[capacity] : Arrays.copyOf(first[a], capacity);
                    last[a] = last[a] == null ? new FieldValue[capacity] : Arrays.copyOf(last[a], capacity);
                }
                default -> {
                }
            }
        }
    }

    private static long[] grow(long[] a, int capacity) {
        return a == null ? new long[capacity] : Arrays.copyOf(a, capacity);
    }

    private static double[] grow(double[] a, int capacity) {
        return a == null ? new double[capacity] : Arrays.copyOf(a, capacity);
    }

    /** Returns the number of groups. */
    int groups() {
        return groups;
    }

    /**
     * Reduces one block: aggregate {@code a} of {@code kinds} reads the block's typed column {@code slots[a]} (any
     * slot for count), by the groups {@code keys} gives the rows.
     */
    static GroupTotals ofBlock(Kind[] kinds, int[] slots, CsvFile block, BlockKeys keys) {
        GroupTotals t = new GroupTotals(kinds);
        int g = keys.groups();
        if (g > 16) {
            t.allocate(g);
        }
        t.groups = g;
        int[] groupOf = keys.groupOfRow();
        int rows = groupOf.length;
        Map<Integer, double[]> doubles = new HashMap<>();
        Map<Integer, long[]> longs = new HashMap<>();
        for (int a = 0; a < kinds.length; a++) {
            long[] n = t.n[a];
            Kind kind = kinds[a];
            if (kind == Kind.COUNT) {
                for (int r = 0; r < rows; r++) {
                    n[groupOf[r]]++;
                }
                continue;
            }
            int slot = slots[a];
            if (kind == Kind.FIRST || kind == Kind.LAST) {
                int[] firstRow = new int[g];
                int[] lastRow = new int[g];
                Arrays.fill(firstRow, -1);
                for (int r = 0; r < rows; r++) {
                    int x = groupOf[r];
                    if (firstRow[x] < 0) {
                        firstRow[x] = r;
                    }
                    lastRow[x] = r;
                }
                for (int x = 0; x < g; x++) {
                    t.first[a][x] = block.field(slot, firstRow[x]);
                    t.last[a][x] = block.field(slot, lastRow[x]);
                    n[x] = 1;
                }
                continue;
            }
            double[] d = doubles.computeIfAbsent(slot, block::doubles);
            if (d == null) {
                t.notNumbers[a] = true; // the column is text or true/false: the whole file's types say so
                continue;
            }
            long[] l = kind == Kind.SUM || kind == Kind.MIN || kind == Kind.MAX
                    ? longs.computeIfAbsent(slot, block::longs) : null;
            t.notLongs[a] = l == null;
            switch (kind) {
                case SUM -> {
                    double[] s = t.dsum[a];
                    for (int r = 0; r < rows; r++) {
                        double x = d[r];
                        if (x == x) {
                            s[groupOf[r]] += x;
                        } else {
                            t.sawNaN[a] = true;
                        }
                    }
                    if (l != null) {
                        long[] ls = t.lsum[a];
                        for (int r = 0; r < rows; r++) {
                            ls[groupOf[r]] += l[r];
                        }
                    }
                }
                case MEAN -> t.sawNaN[a] |= sumAndCount(d, groupOf, rows, t.dsum[a], n);
                case MIN, MAX -> {
                    boolean max = kind == Kind.MAX;
                    double[] e = t.dext[a];
                    for (int r = 0; r < rows; r++) {
                        double x = d[r];
                        int k = groupOf[r];
                        if (x != x) {
                            t.sawNaN[a] = true;
                        } else if (n[k]++ == 0 || (max ? x > e[k] : x < e[k])) {
                            e[k] = x;
                        }
                    }
                    if (l != null) {
                        long[] le = t.lext[a];
                        boolean[] seen = new boolean[g];
                        for (int r = 0; r < rows; r++) {
                            long x = l[r];
                            int k = groupOf[r];
                            if (!seen[k] || (max ? x > le[k] : x < le[k])) {
                                le[k] = x;
                                seen[k] = true;
                            }
                        }
                    }
                }
                default -> { // VAR, STD: the count and sum, then the squared deviations from the block's mean
                    double[] s = new double[g];
                    t.sawNaN[a] |= sumAndCount(d, groupOf, rows, s, n);
                    double[] m = t.mean[a];
                    for (int k = 0; k < g; k++) {
                        m[k] = n[k] == 0 ? 0 : s[k] / n[k];
                    }
                    double[] q = t.m2[a];
                    for (int r = 0; r < rows; r++) {
                        double x = d[r];
                        if (x == x) {
                            int k = groupOf[r];
                            double dev = x - m[k];
                            q[k] += dev * dev;
                        }
                    }
                }
            }
        }
        return t;
    }

    /**
     * Adds a block's totals, the block after every block added so far: its group {@code g} is this one's group
     * {@code globalOf[g]}, which is new where it is {@link #groups()} or more (groups are numbered in order).
     */
    void add(GroupTotals block, int[] globalOf) {
        int total = groups;
        for (int x : globalOf) {
            total = Math.max(total, x + 1);
        }
        if (total > capacity) {
            allocate(Math.max(total, 2 * capacity));
        }
        int before = groups;
        groups = total;
        for (int a = 0; a < kinds.length; a++) {
            sawNaN[a] |= block.sawNaN[a];
            notNumbers[a] |= block.notNumbers[a];
            notLongs[a] |= block.notLongs[a];
            long[] bn = block.n[a];
            long[] tn = n[a];
            for (int x = 0; x < globalOf.length; x++) {
                int k = globalOf[x];
                switch (kinds[a]) {
                    case SUM -> {
                        dsum[a][k] += block.dsum[a][x];
                        lsum[a][k] += block.lsum[a][x];
                    }
                    case MEAN -> dsum[a][k] += block.dsum[a][x];
                    case MIN, MAX -> {
                        boolean max = kinds[a] == Kind.MAX;
                        if (bn[x] > 0) {
                            double v = block.dext[a][x];
                            if (tn[k] == 0 || (max ? v > dext[a][k] : v < dext[a][k])) {
                                dext[a][k] = v;
                            }
                        }
                        long v = block.lext[a][x];
                        if (k >= before || (max ? v > lext[a][k] : v < lext[a][k])) {
                            lext[a][k] = v;
                        }
                    }
                    case VAR, STD -> {
                        long na = tn[k];
                        long nb = bn[x];
                        if (na == 0) {
                            mean[a][k] = block.mean[a][x];
                            m2[a][k] = block.m2[a][x];
                        } else if (nb > 0) {
                            long both = na + nb;
                            double delta = block.mean[a][x] - mean[a][k];
                            mean[a][k] += delta * nb / both;
                            m2[a][k] += block.m2[a][x] + delta * delta * na / both * nb;
                        }
                    }
                    case FIRST, LAST -> {
                        if (k >= before) {
                            first[a][k] = block.first[a][x];
                        }
                        last[a][k] = block.last[a][x];
                    }
                    default -> {
                    }
                }
                tn[k] += bn[x];
            }
        }
    }

    /**
     * Returns the values of aggregate {@code a}, one per group, over a column whose type is {@code type} over the
     * whole file (null for count), as the whole-file path gives them: the series the core's aggregates make (primitive
     * where every value is one non-null type), a missing number's first or last value null, a min or max of a group
     * with no number NaN.
     */
    Series<?> series(int a, ColumnType type) {
        Object[] values = new Object[groups];
        for (int k = 0; k < groups; k++) {
            long count = n[a][k];
            values[k] = switch (kinds[a]) {
                case COUNT -> (int) count;
                case SUM -> type == ColumnType.DOUBLE ? (Object) dsum[a][k] : (Object) lsum[a][k];
                case MEAN -> count == 0 ? Double.NaN : dsum[a][k] / count;
                case MIN, MAX -> switch (type) {
                    case INT -> (int) lext[a][k];
                    case LONG -> lext[a][k];
                    default -> count == 0 ? 0.0 : dext[a][k];
                };
                case VAR, STD -> {
                    double v = count < 2 ? Double.NaN : m2[a][k] / (count - 1);
                    yield kinds[a] == Kind.STD ? Math.sqrt(v) : v;
                }
                case FIRST, LAST -> {
                    Object v = (kinds[a] == Kind.FIRST ? first[a][k] : last[a][k]).as(type);
                    yield v instanceof Double x && x.isNaN() ? null : v;
                }
            };
        }
        if ((kinds[a] == Kind.MIN || kinds[a] == Kind.MAX) && type == ColumnType.DOUBLE && sawNaN[a]) {
            double[] d = new double[groups];
            for (int k = 0; k < groups; k++) {
                d[k] = n[a][k] == 0 ? Double.NaN : (Double) values[k];
            }
            return Series.ofDouble(d);
        }
        return Frames.column(values);
    }

    /**
     * Adds each of the first {@code rows} values of {@code d} that is a number to its group's sum in {@code s} and
     * count in {@code n}, left to right as DFLib sums a group; returns whether a value was missing (NaN).
     */
    private static boolean sumAndCount(double[] d, int[] groupOf, int rows, double[] s, long[] n) {
        boolean sawNaN = false;
        for (int r = 0; r < rows; r++) {
            double x = d[r];
            if (x == x) {
                s[groupOf[r]] += x;
                n[groupOf[r]]++;
            } else {
                sawNaN = true;
            }
        }
        return sawNaN;
    }
}
