package dev.chunkwise.frame;

import dev.chunkwise.util.Checks;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One reduction of a group's rows to a value, for {@link ParallelGroupBy#agg(Aggregate...)}: {@code count()},
 * {@code sum("B")}, {@code mean("B")}, {@code min}, {@code max}, {@code var}, {@code std}, {@code first},
 * {@code last}, named with {@link #as(String)}. An aggregate is a serializable value, so that it can travel to worker
 * processes and Spark executors (DFLib's own {@code Exp} cannot); each is computed there with DFLib's expression of
 * the same meaning, shown by {@link #toString()}.
 *
 * <h2>What each means</h2>
 * As DFLib's aggregating expressions compute them, with the column's type ({@code $int}, {@code $long} or
 * {@code $double}):
 * <ul>
 *   <li>{@code count()}: the group's rows ({@code Exp.count()}), an int;</li>
 *   <li>{@code sum}: of the non-null values; a long for int and long columns, a double for double ones; 0 if none;</li>
 *   <li>{@code mean}: of the non-null values, a double ({@code avg()}); NaN if none;</li>
 *   <li>{@code min}, {@code max}: of the non-null values, of the column's type; 0 if none (DFLib's rule);</li>
 *   <li>{@code var}, {@code std}: the sample variance and standard deviation (divided by n − 1, as pandas does;
 *   DFLib's {@code variance(false)}, {@code stdDev(false)}); NaN for fewer than two values;</li>
 *   <li>{@code first}, {@code last}: the value of the group's first or last row, null included, of any type.</li>
 * </ul>
 * Every one of these is decomposable: a group too large for one task is reduced in pieces, in parallel, and the
 * pieces merged (see {@link ParallelGroupBy#agg(Aggregate...)} for which results can differ in the last bits then).
 */
public final class Aggregate implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kinds of reduction, each decomposable into partial results that merge. */
    enum Kind {
        COUNT, SUM, MEAN, MIN, MAX, VAR, STD, FIRST, LAST;

        /** Returns the name as aggregates and the CLI write it: {@code sum}, {@code mean}... */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Returns whether the kind takes numbers only (all but count, first and last). */
        boolean numeric() {
            return this != COUNT && this != FIRST && this != LAST;
        }
    }

    private final Kind kind;
    private final String column;
    private final String name;

    private Aggregate(Kind kind, String column, String name) {
        this.kind = kind;
        this.column = column;
        this.name = name;
    }

    private static Aggregate of(Kind kind, String column) {
        Checks.notNull(column, "column");
        return new Aggregate(kind, column, kind.label() + "(" + column + ")");
    }

    /** Returns the number of rows of each group, named {@code count}. */
    public static Aggregate count() {
        return new Aggregate(Kind.COUNT, null, "count");
    }

    /** Returns the sum of {@code column}'s non-null values, named {@code sum(column)}. */
    public static Aggregate sum(String column) {
        return of(Kind.SUM, column);
    }

    /** Returns the mean of {@code column}'s non-null values, named {@code mean(column)}. */
    public static Aggregate mean(String column) {
        return of(Kind.MEAN, column);
    }

    /** Returns the least of {@code column}'s non-null values, named {@code min(column)}. */
    public static Aggregate min(String column) {
        return of(Kind.MIN, column);
    }

    /** Returns the greatest of {@code column}'s non-null values, named {@code max(column)}. */
    public static Aggregate max(String column) {
        return of(Kind.MAX, column);
    }

    /** Returns the sample variance (n − 1) of {@code column}'s non-null values, named {@code var(column)}. */
    public static Aggregate var(String column) {
        return of(Kind.VAR, column);
    }

    /** Returns the sample standard deviation (n − 1) of {@code column}'s non-null values, named {@code std(column)}. */
    public static Aggregate std(String column) {
        return of(Kind.STD, column);
    }

    /** Returns {@code column}'s value in each group's first row, named {@code first(column)}. */
    public static Aggregate first(String column) {
        return of(Kind.FIRST, column);
    }

    /** Returns {@code column}'s value in each group's last row, named {@code last(column)}. */
    public static Aggregate last(String column) {
        return of(Kind.LAST, column);
    }

    /**
     * Returns the aggregate that {@code function} names ({@code count}, {@code sum}, {@code mean}, {@code min},
     * {@code max}, {@code var}, {@code std}, {@code first}, {@code last}) over {@code column}: what a command line's
     * {@code S = sum(B)} means. {@code count} takes no column.
     *
     * @param column the column, or null for {@code count}
     * @throws IllegalArgumentException naming the function if it is not one of these, or if a column is missing or
     *                                  given to {@code count}
     */
    public static Aggregate of(String function, String column) {
        Checks.notNull(function, "function");
        Kind kind = null;
        for (Kind k : Kind.values()) {
            kind = k.label().equals(function) ? k : kind;
        }
        if (kind == null) {
            throw new IllegalArgumentException("aggregate: " + function + " (expected one of count, sum, mean, min, "
                    + "max, var, std, first, last)");
        }
        if (kind == Kind.COUNT) {
            if (column != null) {
                throw new IllegalArgumentException("count(" + column + "): count takes no column (expected: count(), "
                        + "the group's rows)");
            }
            return count();
        }
        if (column == null) {
            throw new IllegalArgumentException(function + "(): no column (expected: " + function + "(COLUMN))");
        }
        return of(kind, column);
    }

    /**
     * Returns this aggregate with its result column named {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public Aggregate as(String name) {
        Checks.notNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: \"\" (expected: a column name for " + this + ")");
        }
        return new Aggregate(kind, column, name);
    }

    /** Returns the name of the result column. */
    public String name() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    /** Returns the column reduced, or null for {@code count()}. */
    String column() {
        return column;
    }

    /** Returns e.g. {@code sum(B) as S}, or {@code count}. */
    @Override
    public String toString() {
        String plain = kind == Kind.COUNT ? "count" : kind.label() + "(" + column + ")";
        return plain.equals(name) ? plain : plain + " as " + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Aggregate a && a.kind == kind && Objects.equals(a.column, column)
                && a.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, column, name);
    }
}
