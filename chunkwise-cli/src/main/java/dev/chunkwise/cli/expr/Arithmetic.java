package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;

import java.util.Arrays;

/**
 * The arithmetic of one Java number type ({@code int}, {@code long}, {@code double}) for {@link ArithmeticKernel}:
 * {@code + - * / %} and unary minus over whole columns (primitive arrays) and over single values, exactly as Java
 * computes them (overflow wraps, an integer {@code / 0} throws, {@code -0.0} keeps its sign).
 *
 * <p>A value is either an array of a number type over the rows or a boxed constant; {@link #array} widens either to
 * this type, as Java's binary numeric promotion does.
 */
enum Arithmetic {

    INT(ColumnType.INT) {
        @Override
        Object array(Object v, int rows) {
            if (v instanceof int[] a) {
                return a;
            }
            int[] r = new int[rows];
            Arrays.fill(r, ((Number) v).intValue());
            return r;
        }

        @Override
        Object negate(Object v, int rows) {
            if (v instanceof Number x) {
                return -x.intValue();
            }
            int[] a = (int[]) v;
            int[] r = new int[rows];
            for (int i = 0; i < rows; i++) {
                r[i] = -a[i];
            }
            return r;
        }

        @Override
        Object apply(char op, Object x, Object y, int n) {
            int[] a = (int[]) array(x, n);
            int[] b = (int[]) array(y, n);
            int[] r = new int[n];
            switch (op) {
                case '+' -> { for (int i = 0; i < n; i++) r[i] = a[i] + b[i]; }
                case '-' -> { for (int i = 0; i < n; i++) r[i] = a[i] - b[i]; }
                case '*' -> { for (int i = 0; i < n; i++) r[i] = a[i] * b[i]; }
                case '/' -> { for (int i = 0; i < n; i++) r[i] = a[i] / b[i]; }
                default -> { for (int i = 0; i < n; i++) r[i] = a[i] % b[i]; }
            }
            return r;
        }

        @Override
        Number apply(char op, Number x, Number y) {
            int a = x.intValue();
            int b = y.intValue();
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                default -> a % b;
            };
        }
    },

    LONG(ColumnType.LONG) {
        @Override
        Object array(Object v, int rows) {
            if (v instanceof long[] a) {
                return a;
            }
            long[] r = new long[rows];
            if (v instanceof int[] a) {
                for (int i = 0; i < rows; i++) {
                    r[i] = a[i];
                }
            } else {
                Arrays.fill(r, ((Number) v).longValue());
            }
            return r;
        }

        @Override
        Object negate(Object v, int rows) {
            if (v instanceof Number x) {
                return -x.longValue();
            }
            long[] a = (long[]) v;
            long[] r = new long[rows];
            for (int i = 0; i < rows; i++) {
                r[i] = -a[i];
            }
            return r;
        }

        @Override
        Object apply(char op, Object x, Object y, int n) {
            long[] a = (long[]) array(x, n);
            long[] b = (long[]) array(y, n);
            long[] r = new long[n];
            switch (op) {
                case '+' -> { for (int i = 0; i < n; i++) r[i] = a[i] + b[i]; }
                case '-' -> { for (int i = 0; i < n; i++) r[i] = a[i] - b[i]; }
                case '*' -> { for (int i = 0; i < n; i++) r[i] = a[i] * b[i]; }
                case '/' -> { for (int i = 0; i < n; i++) r[i] = a[i] / b[i]; }
                default -> { for (int i = 0; i < n; i++) r[i] = a[i] % b[i]; }
            }
            return r;
        }

        @Override
        Number apply(char op, Number x, Number y) {
            long a = x.longValue();
            long b = y.longValue();
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                default -> a % b;
            };
        }
    },

    DOUBLE(ColumnType.DOUBLE) {
        @Override
        Object array(Object v, int rows) {
            if (v instanceof double[] a) {
                return a;
            }
            double[] r = new double[rows];
            if (v instanceof int[] a) {
                for (int i = 0; i < rows; i++) {
                    r[i] = a[i];
                }
            } else if (v instanceof long[] a) {
                for (int i = 0; i < rows; i++) {
                    r[i] = a[i];
                }
            } else {
                Arrays.fill(r, ((Number) v).doubleValue());
            }
            return r;
        }

        @Override
        Object negate(Object v, int rows) {
            if (v instanceof Number x) {
                return -x.doubleValue();
            }
            double[] a = (double[]) v;
            double[] r = new double[rows];
            for (int i = 0; i < rows; i++) {
                r[i] = -a[i];
            }
            return r;
        }

        @Override
        Object apply(char op, Object x, Object y, int n) {
            double[] a = (double[]) array(x, n);
            double[] b = (double[]) array(y, n);
            double[] r = new double[n];
            switch (op) {
                case '+' -> { for (int i = 0; i < n; i++) r[i] = a[i] + b[i]; }
                case '-' -> { for (int i = 0; i < n; i++) r[i] = a[i] - b[i]; }
                case '*' -> { for (int i = 0; i < n; i++) r[i] = a[i] * b[i]; }
                case '/' -> { for (int i = 0; i < n; i++) r[i] = a[i] / b[i]; }
                default -> { for (int i = 0; i < n; i++) r[i] = a[i] % b[i]; }
            }
            return r;
        }

        @Override
        Number apply(char op, Number x, Number y) {
            double a = x.doubleValue();
            double b = y.doubleValue();
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                default -> a % b;
            };
        }
    };

    private final ColumnType type;

    Arithmetic(ColumnType type) {
        this.type = type;
    }

    /** Returns the column type of this arithmetic's values. */
    ColumnType type() {
        return type;
    }

    /** Returns the arithmetic of {@code t}, or null if {@code t} is not a number type. */
    static Arithmetic of(ColumnType t) {
        return switch (t) {
            case INT -> INT;
            case LONG -> LONG;
            case DOUBLE -> DOUBLE;
            default -> null;
        };
    }

    /** Returns the arithmetic a binary operator on {@code a} and {@code b} uses: Java's binary numeric promotion. */
    static Arithmetic promoted(Arithmetic a, Arithmetic b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** Returns {@code v} (an array of this type or a narrower one, or a constant) as an array of this type. */
    abstract Object array(Object v, int rows);

    /** Returns {@code -v} for {@code v} of this type: a boxed constant for a constant, else an array. */
    abstract Object negate(Object v, int rows);

    /** Returns {@code x op y} over {@code n} rows, each an array of this type or a narrower one, or a constant. */
    abstract Object apply(char op, Object x, Object y, int n);

    /** Returns {@code x op y} for two values, computed in this type. */
    abstract Number apply(char op, Number x, Number y);
}
