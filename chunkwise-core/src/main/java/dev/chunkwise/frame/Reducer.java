package dev.chunkwise.frame;

import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.Exp;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.NumExp;
import org.dflib.Series;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.dflib.Exp.$col;
import static org.dflib.Exp.$double;
import static org.dflib.Exp.$int;
import static org.dflib.Exp.$long;

/**
 * An {@link Aggregate} bound to the type of its column in the frame, as it travels to the workers: it reduces a whole
 * group with DFLib's expression of the same meaning, or a piece of one to a {@link Partial}, and turns merged partials
 * into the value DFLib's expression gives.
 *
 * @param kind   what it computes
 * @param column the column reduced, or null for a count
 * @param name   the result column's name
 * @param type   the column's values: what DFLib expression reads it ({@code $int}, {@code $long}, {@code $double})
 */
record Reducer(Aggregate.Kind kind, String column, String name, ValueType type) implements Serializable {

    /** The values of a column as a numeric aggregate reads them. */
    enum ValueType {
        INT, LONG, DOUBLE,
        /** Any values: for count, first and last, which do not read them as numbers. */
        ANY
    }

    /**
     * Binds {@code a} to its column of {@code df}.
     *
     * @throws IllegalArgumentException naming the aggregate if its column is missing, or holds values it cannot
     *                                  reduce
     */
    static Reducer bind(Aggregate a, DataFrame df) {
        if (a.column() != null && !df.getColumnsIndex().contains(a.column())) {
            throw new IllegalArgumentException(a + ": no column " + a.column() + " in the frame (expected one of "
                    + List.of(df.getColumnsIndex().toArray()) + ")");
        }
        ValueType type = a.kind().numeric() ? numericType(a, df.getColumn(a.column())) : ValueType.ANY;
        return new Reducer(a.kind(), a.column(), a.name(), type);
    }

    private static ValueType numericType(Aggregate a, Series<?> s) {
        if (s instanceof IntSeries) {
            return ValueType.INT;
        }
        if (s instanceof LongSeries) {
            return ValueType.LONG;
        }
        if (s instanceof DoubleSeries) {
            return ValueType.DOUBLE;
        }
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (int i = 0; i < s.size(); i++) {
            Object v = s.get(i);
            if (v != null) {
                classes.add(v.getClass());
            }
        }
        if (classes.isEmpty() || classes.equals(Set.of(Double.class))) {
            return ValueType.DOUBLE; // a column of nulls only reads as doubles, as in pandas
        }
        if (classes.equals(Set.of(Integer.class))) {
            return ValueType.INT;
        }
        if (classes.equals(Set.of(Long.class))) {
            return ValueType.LONG;
        }
        throw new IllegalArgumentException(a + ": the column " + a.column() + " holds "
                + classes.stream().map(Class::getSimpleName).toList() + " values (expected: int, long or double "
                + "values, one type in the column, for " + a.kind().label() + "; count, first and last take any "
                + "column)");
    }

    /** Returns DFLib's expression that computes this aggregate over a whole group. */
    Exp<?> exp() {
        return switch (kind) {
            case COUNT -> Exp.count();
            case FIRST -> $col(column).first();
            case LAST -> $col(column).last();
            default -> {
                NumExp<?> n = switch (type) {
                    case INT -> $int(column);
                    case LONG -> $long(column);
                    default -> $double(column);
                };
                yield switch (kind) {
                    case SUM -> n.sum();
                    case MEAN -> n.avg();
                    case MIN -> n.min();
                    case MAX -> n.max();
                    case VAR -> n.variance(false);
                    default -> n.stdDev(false);
                };
            }
        };
    }

    /** Returns the partial result of this aggregate over {@code piece}, a run of consecutive rows of one group. */
    Partial partial(DataFrame piece) {
        if (kind == Aggregate.Kind.COUNT) {
            return new Partial.Rows(piece.height());
        }
        Series<?> s = piece.getColumn(column);
        return switch (kind) {
            case FIRST, LAST -> new Partial.Ends(s.get(0), s.get(s.size() - 1));
            case SUM -> type == ValueType.DOUBLE ? new Partial.DoubleSum(doubleSum(s)) : new Partial.LongSum(longSum(s));
            case MEAN -> type == ValueType.INT ? new Partial.Mean(nonNull(s), longSum(s), 0)
                    : new Partial.Mean(nonNull(s), 0, doubleSum(s));
            case VAR, STD -> moments(s);
            default -> type == ValueType.DOUBLE ? doubleExtreme(s) : longExtreme(s);
        };
    }

    /** Returns the value of this aggregate from the merged partials of all of a group's pieces. */
    Object finish(Partial p) {
        if (p instanceof Partial.Rows r) {
            return (int) r.n();
        }
        if (p instanceof Partial.Ends e) {
            return kind == Aggregate.Kind.FIRST ? e.first() : e.last();
        }
        if (p instanceof Partial.LongSum l) {
            return l.sum();
        }
        if (p instanceof Partial.DoubleSum d) {
            return d.sum();
        }
        if (p instanceof Partial.Mean m) {
            return m.n() == 0 ? Double.NaN : (type == ValueType.INT ? (double) m.longSum() : m.doubleSum()) / m.n();
        }
        if (p instanceof Partial.Moments m) {
            double variance = m.n() < 2 ? Double.NaN : m.m2() / (m.n() - 1);
            return kind == Aggregate.Kind.STD ? Math.sqrt(variance) : variance;
        }
        if (p instanceof Partial.LongExtreme x) {
            long v = x.seen() ? x.value() : 0;
            return type == ValueType.INT ? (Object) (int) v : (Object) v;
        }
        Partial.DoubleExtreme x = (Partial.DoubleExtreme) p;
        return !x.seen() ? 0.0 : x.firstNaN() ? Double.NaN : x.value();
    }

    private static int nonNull(Series<?> s) {
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            n += s.get(i) == null ? 0 : 1;
        }
        return n;
    }

    private static long longSum(Series<?> s) {
        long sum = 0;
        for (int i = 0; i < s.size(); i++) {
            Object v = s.get(i);
            sum += v == null ? 0 : ((Number) v).longValue();
        }
        return sum;
    }

    private static double doubleSum(Series<?> s) {
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            Object v = s.get(i);
            if (v != null) {
                sum += ((Number) v).doubleValue();
            }
        }
        return sum;
    }

    private static Partial moments(Series<?> s) {
        int n = nonNull(s);
        if (n == 0) {
            return new Partial.Moments(0, 0, 0);
        }
        double mean = doubleSum(s) / n;
        double m2 = 0;
        for (int i = 0; i < s.size(); i++) {
            Object v = s.get(i);
            if (v != null) {
                double d = ((Number) v).doubleValue() - mean;
                m2 += d * d;
            }
        }
        return new Partial.Moments(n, mean, m2);
    }

    private Partial longExtreme(Series<?> s) {
        boolean max = kind == Aggregate.Kind.MAX;
        boolean seen = false;
        long value = 0;
        for (int i = 0; i < s.size(); i++) {
            Object v = s.get(i);
            if (v != null) {
                long x = ((Number) v).longValue();
                if (!seen || (max ? x > value : x < value)) {
                    value = x;
                    seen = true;
                }
            }
        }
        return new Partial.LongExtreme(max, seen, value);
    }

    private Partial doubleExtreme(Series<?> s) {
        boolean max = kind == Aggregate.Kind.MAX;
        boolean seen = false;
        boolean firstNaN = false;
        boolean seenNumber = false;
        double value = 0;
        for (int i = 0; i < s.size(); i++) {
            Object v = s.get(i);
            if (v == null) {
                continue;
            }
            double x = ((Number) v).doubleValue();
            if (!seen) {
                seen = true;
                firstNaN = Double.isNaN(x);
            }
            if (!Double.isNaN(x) && (!seenNumber || (max ? x > value : x < value))) {
                value = x;
                seenNumber = true;
            }
        }
        return new Partial.DoubleExtreme(max, seen, firstNaN, seenNumber, value);
    }
}
