package dev.chunkwise.cli.data;

import org.dflib.BooleanSeries;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

/**
 * The type a column's values have for an expression ({@code int}, {@code long}, {@code double}, {@code boolean} or
 * text), and how values of that type are held: each type knows its primitive array, the series that wraps one, and
 * how to turn any series into one. CSV, Parquet and the expressions all name types with it.
 *
 * <p>The conversions are loops over primitive arrays, one per type, so that a column is converted without boxing
 * where its series holds primitives already.
 */
public enum ColumnType {

    /** 32-bit integers, held in an {@code int[]}. */
    INT("int") {
        @Override
        public Object newArray(int n) {
            return new int[n];
        }

        @Override
        public Series<?> series(Object array) {
            return Series.ofInt((int[]) array);
        }

        @Override
        public Object array(Series<?> s) {
            int n = s.size();
            int[] a = new int[n];
            if (s instanceof IntSeries is) {
                is.copyToInt(a, 0, 0, n);
            } else {
                for (int i = 0; i < n; i++) {
                    a[i] = ((Number) s.get(i)).intValue();
                }
            }
            return a;
        }
    },

    /** 64-bit integers, held in a {@code long[]}. */
    LONG("long") {
        @Override
        public Object newArray(int n) {
            return new long[n];
        }

        @Override
        public Series<?> series(Object array) {
            return Series.ofLong((long[]) array);
        }

        @Override
        public Object array(Series<?> s) {
            int n = s.size();
            long[] a = new long[n];
            if (s instanceof LongSeries ls) {
                ls.copyToLong(a, 0, 0, n);
            } else {
                for (int i = 0; i < n; i++) {
                    a[i] = ((Number) s.get(i)).longValue();
                }
            }
            return a;
        }
    },

    /** Double-precision numbers, held in a {@code double[]}; a missing value is NaN. */
    DOUBLE("double") {
        @Override
        public Object newArray(int n) {
            return new double[n];
        }

        @Override
        public Series<?> series(Object array) {
            return Series.ofDouble((double[]) array);
        }

        @Override
        public Object array(Series<?> s) {
            int n = s.size();
            double[] a = new double[n];
            if (s instanceof DoubleSeries ds) {
                ds.copyToDouble(a, 0, 0, n);
            } else {
                for (int i = 0; i < n; i++) {
                    Object v = s.get(i);
                    a[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
                }
            }
            return a;
        }
    },

    /** {@code true} or {@code false}, held in a {@code boolean[]}. */
    BOOLEAN("boolean") {
        @Override
        public Object newArray(int n) {
            return new boolean[n];
        }

        @Override
        public Series<?> series(Object array) {
            return Series.ofBool((boolean[]) array);
        }

        @Override
        public Object array(Series<?> s) {
            int n = s.size();
            boolean[] a = new boolean[n];
            if (s instanceof BooleanSeries bs) {
                for (int i = 0; i < n; i++) {
                    a[i] = bs.getBool(i);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    a[i] = Boolean.TRUE.equals(s.get(i));
                }
            }
            return a;
        }
    },

    /** Text, held in a {@code String[]}; a missing value is null. */
    STRING("String") {
        @Override
        public Object newArray(int n) {
            return new String[n];
        }

        @Override
        public Series<?> series(Object array) {
            return Series.of((String[]) array);
        }

        @Override
        public Object array(Series<?> s) {
            int n = s.size();
            String[] a = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = s.get(i);
                a[i] = v == null ? null : v.toString();
            }
            return a;
        }
    };

    private final String javaName;

    ColumnType(String javaName) {
        this.javaName = javaName;
    }

    /** Returns the Java type name used in expressions: {@code int}, {@code long}, {@code double}, {@code boolean}, {@code String}. */
    public String javaName() {
        return javaName;
    }

    /** Returns a new array of {@code n} values of this type, all zero, false or null. */
    public abstract Object newArray(int n);

    /** Returns the series that holds {@code array}, an array of this type (as {@link #newArray} makes), without copying it. */
    public abstract Series<?> series(Object array);

    /**
     * Returns the values of {@code s} as a new array of this type: copied where {@code s} holds this type's
     * primitives, else converted value by value (a number to this number type, a missing number to NaN for
     * {@link #DOUBLE}, anything to its text for {@link #STRING}).
     *
     * @throws ClassCastException if a value cannot be this type (text for a number type)
     */
    public abstract Object array(Series<?> s);

    /**
     * Returns the type an expression sees for a column of a frame read from a file that has types of its own
     * (Parquet): a series of primitives is their type; a series of boxed values is the type they all have, a number
     * with missing values being a {@link #DOUBLE} (NaN); anything else, or a mix, is {@link #STRING}.
     */
    public static ColumnType of(Series<?> s) {
        if (s instanceof IntSeries) {
            return INT;
        } else if (s instanceof LongSeries) {
            return LONG;
        } else if (s instanceof DoubleSeries) {
            return DOUBLE;
        } else if (s instanceof BooleanSeries) {
            return BOOLEAN;
        }
        boolean nulls = false;
        Class<?> common = null;
        for (int i = 0; i < s.size(); i++) {
            Object v = s.get(i);
            if (v == null) {
                nulls = true;
            } else if (common == null) {
                common = v.getClass();
            } else if (common != v.getClass()) {
                return STRING;
            }
        }
        if (common == Integer.class) {
            return nulls ? DOUBLE : INT;
        } else if (common == Long.class) {
            return nulls ? DOUBLE : LONG;
        } else if (common == Double.class || common == Float.class) {
            return DOUBLE;
        } else if (common == Boolean.class && !nulls) {
            return BOOLEAN;
        }
        return STRING;
    }
}
