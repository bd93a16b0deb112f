package dev.chunkwise.frame;

import java.io.Serializable;

/**
 * The partial result of one aggregate over one piece of a group, which merges with the next piece's: what lets a
 * group too large for one task be reduced in parallel. Each kind keeps what its final value needs and follows DFLib's
 * rules (nulls skipped; for doubles, the first value decides whether a min or max is NaN), so that the merged result
 * is the one-pass result: exactly for counts, int and long sums, mins, maxes, firsts and lasts and the mean of an int
 * column (whose sum is exact in a long); to rounding (the order of summation differs) for a double sum, the mean of a
 * long or double column, and variance.
 */
sealed interface Partial extends Serializable {

    /** Returns this piece merged with the piece that follows it in row order. */
    Partial merge(Partial next);

    /** The number of rows. */
    record Rows(long n) implements Partial {
        @Override
        public Partial merge(Partial next) {
            return new Rows(n + ((Rows) next).n);
        }
    }

    /** The sum of int or long values, exact (in two's complement, as a one-pass long sum wraps). */
    record LongSum(long sum) implements Partial {
        @Override
        public Partial merge(Partial next) {
            return new LongSum(sum + ((LongSum) next).sum);
        }
    }

    /** The sum of double values. */
    record DoubleSum(double sum) implements Partial {
        @Override
        public Partial merge(Partial next) {
            return new DoubleSum(sum + ((DoubleSum) next).sum);
        }
    }

    /**
     * The count and sum of non-null values, for a mean: the sum in a long for int columns (exact, so the mean equals
     * the one-pass mean while the sum fits a double's 53 bits), in a double otherwise.
     */
    record Mean(long n, long longSum, double doubleSum) implements Partial {
        @Override
        public Partial merge(Partial next) {
            Mean m = (Mean) next;
            return new Mean(n + m.n, longSum + m.longSum, doubleSum + m.doubleSum);
        }
    }

    /**
     * The count, mean and sum of squared deviations of non-null values, for a variance, merged by Chan, Golub and
     * LeVeque's formula (each piece's own are computed in two passes, as DFLib does).
     */
    record Moments(long n, double mean, double m2) implements Partial {
        @Override
        public Partial merge(Partial next) {
            Moments b = (Moments) next;
            if (n == 0) {
                return b;
            }
            if (b.n == 0) {
                return this;
            }
            long total = n + b.n;
            double delta = b.mean - mean;
            return new Moments(total, mean + delta * b.n / total, m2 + b.m2 + delta * delta * n / total * b.n);
        }
    }

    /**
     * The least or greatest of int or long values; {@code seen} is false while every value was null.
     */
    record LongExtreme(boolean max, boolean seen, long value) implements Partial {
        @Override
        public Partial merge(Partial next) {
            LongExtreme b = (LongExtreme) next;
            if (!seen || !b.seen) {
                return seen ? this : b;
            }
            return (max ? b.value > value : b.value < value) ? b : this;
        }
    }

    /**
     * The least or greatest of double values as DFLib finds it: it starts from the first non-null value and takes a
     * later one only if strictly less (greater), so a NaN first makes the result NaN and a NaN later is passed over.
     * Hence: whether any value was seen, whether the first was NaN, and the extreme of the values that are not NaN.
     */
    record DoubleExtreme(boolean max, boolean seen, boolean firstNaN, boolean seenNumber, double value)
            implements Partial {
        @Override
        public Partial merge(Partial next) {
            DoubleExtreme b = (DoubleExtreme) next;
            if (!seen || !b.seen) {
                return seen ? this : b;
            }
            boolean takeNext = !seenNumber || b.seenNumber && (max ? b.value > value : b.value < value);
            return new DoubleExtreme(max, true, firstNaN, seenNumber || b.seenNumber, takeNext ? b.value : value);
        }
    }

    /** The values of the first and the last row. */
    record Ends(Object first, Object last) implements Partial {
        @Override
        public Partial merge(Partial next) {
            return new Ends(first, ((Ends) next).last);
        }
    }
}
