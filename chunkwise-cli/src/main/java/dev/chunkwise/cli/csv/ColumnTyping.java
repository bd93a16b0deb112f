package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static dev.chunkwise.cli.csv.ColumnValues.BOOLEAN;
import static dev.chunkwise.cli.csv.ColumnValues.DOUBLE;
import static dev.chunkwise.cli.csv.ColumnValues.EMPTY;
import static dev.chunkwise.cli.csv.ColumnValues.INT;
import static dev.chunkwise.cli.csv.ColumnValues.LONG;
import static dev.chunkwise.cli.csv.ColumnValues.TEXT;

/**
 * Chooses a column's type from the kinds of all its values, so that the choice does not depend on the order of the
 * rows. Two rules, for two purposes:
 * <ul>
 *   <li>{@link #forExpressions}: for a column an expression reads. Numbers are numbers however they are written
 *   ({@code 08123}, {@code +5}, {@code 1.50}); integers with empty fields are doubles (an empty field is NaN, as
 *   pandas reads it); a column of true/false is boolean. A column whose values are mostly numbers but not all is an
 *   error that names the first value that is not one: read as text, the expression would silently mean something
 *   else ({@code D + 1} would join strings).</li>
 *   <li>{@link #lossless}: for a column that is written back from a typed frame (a class given by {@code --apply},
 *   Parquet output). A column is a number only if every value is written exactly as chunkwise writes numbers, so that
 *   a value passed through comes out as it came in; anything else is text.</li>
 * </ul>
 */
final class ColumnTyping {

    private ColumnTyping() {
    }

    /** The counts of each kind of value over the whole column, and where the first of each is. */
    record Census(long[] counts, long[] firstRow, boolean canonical) {

        static Census of(List<Chunk> chunks, int slot) {
            long[] counts = new long[ColumnValues.KINDS];
            long[] first = new long[ColumnValues.KINDS];
            Arrays.fill(first, -1);
            boolean canonical = true;
            for (Chunk c : chunks) {
                ColumnValues v = c.values[slot];
                for (int k = 0; k < ColumnValues.KINDS; k++) {
                    counts[k] += v.counts[k];
                    if (first[k] < 0 && v.firstRow[k] >= 0) {
                        first[k] = c.firstRow + v.firstRow[k];
                    }
                }
                canonical &= v.canonical;
            }
            return new Census(counts, first, canonical);
        }

        long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }

        long numbers() {
            return counts[INT] + counts[LONG] + counts[DOUBLE];
        }

        long nonEmpty() {
            return total() - counts[EMPTY];
        }

        /** The first row holding a value of any of {@code kinds}, or -1. */
        long firstOf(int... kinds) {
            long row = -1;
            for (int k : kinds) {
                if (firstRow[k] >= 0 && (row < 0 || firstRow[k] < row)) {
                    row = firstRow[k];
                }
            }
            return row;
        }
    }

    /**
     * A value that cannot be the column's type: the row it is on and what to say about it. The reader adds the file,
     * the line and the value.
     */
    record Misfit(long row, String why) {
    }

    /** The choice, or the first value that does not fit it. */
    record Outcome(TypeChoice choice, Misfit misfit) {
    }

    /** Where a value is in the file, and its text: what a message about a misfit names. */
    record Place(long line, String text) {
    }

    /** Finds the place of the {@code slot}-th typed column's value on a row (counting from 0, the header not counted). */
    interface Places {
        Place of(int slot, long row);
    }

    /**
     * Returns the type {@link #decide} gives each typed column, without failing on a value that does not fit it.
     */
    static ColumnType[] chosenTypes(List<String> columns, int[] typed, Census[] census, ColumnType[] forced,
                                    String[] readers) {
        ColumnType[] types = new ColumnType[typed.length];
        for (int i = 0; i < typed.length; i++) {
            String column = columns.get(typed[i]);
            types[i] = readers == null || readers[i] == null ? lossless(column, census[i]).type()
                    : forExpressions(column, census[i], forced == null ? null : forced[i]).choice().type();
        }
        return types;
    }

    /**
     * Chooses the type of each typed column (indexes {@code typed} into {@code columns}) from its census: by
     * {@link #forExpressions} where {@code readers[i]} names the expression that reads it, as {@code forced[i]} says
     * where that is given, else {@link #lossless}.
     *
     * @throws CsvFormatException naming the file, line, column and value for the first value that cannot be its
     *                            column's type
     */
    static List<TypeChoice> decide(String file, List<String> columns, int[] typed, Census[] census,
                                   ColumnType[] forced, String[] readers, Places places) {
        List<TypeChoice> choices = new ArrayList<>(typed.length);
        for (int i = 0; i < typed.length; i++) {
            String column = columns.get(typed[i]);
            String reader = readers == null ? null : readers[i];
            if (reader == null) {
                choices.add(lossless(column, census[i]));
                continue;
            }
            Outcome o = forExpressions(column, census[i], forced == null ? null : forced[i]);
            if (o.misfit() != null) {
                Place p = places.of(i, o.misfit().row());
                throw new CsvFormatException(file, p.line(), "column " + column + ": \""
                        + Messages.abbreviate(p.text()) + "\" " + o.misfit().why() + " (" + reader + " reads "
                        + column + ")");
            }
            choices.add(o.choice());
        }
        return choices;
    }

    /** Chooses the type of a column that an expression reads; {@code forced} is {@code --type}'s, or null. */
    static Outcome forExpressions(String column, Census c, ColumnType forced) {
        if (forced != null) {
            return forced(column, c, forced);
        }
        long nonEmpty = c.nonEmpty();
        long numbers = c.numbers();
        if (nonEmpty == 0) {
            String why = c.total() == 0 ? "the file has no rows" : "all " + count(c.total()) + " fields are empty (NaN)";
            return ok(column, ColumnType.DOUBLE, why);
        }
        if (c.counts[BOOLEAN] == nonEmpty) {
            if (c.counts[EMPTY] > 0) {
                return new Outcome(new TypeChoice(column, ColumnType.BOOLEAN, "true and false values"),
                        new Misfit(c.firstRow[EMPTY], "is empty, and a column of true/false values cannot hold a "
                                + "missing value; give --type " + column + "=text to read " + column + " as text"));
            }
            return ok(column, ColumnType.BOOLEAN, "all " + count(nonEmpty) + " values are true or false");
        }
        if (numbers * 2 > nonEmpty) {
            ColumnType t = numberType(c);
            TypeChoice choice = new TypeChoice(column, t, numberReason(c, t));
            if (numbers < nonEmpty) {
                return new Outcome(choice, new Misfit(c.firstOf(TEXT, BOOLEAN), "is not a number, but "
                        + count(numbers) + " of the column's " + count(nonEmpty) + " values are, so " + column
                        + " is read as a number; correct the value, or give --type " + column + "=text to read "
                        + column + " as text"));
            }
            return new Outcome(choice, null);
        }
        return ok(column, ColumnType.STRING, count(nonEmpty - numbers) + " of " + count(nonEmpty)
                + " values are not numbers");
    }

    /** Chooses the type of a column that is written back from a typed frame: see the class comment. */
    static TypeChoice lossless(String column, Census c) {
        long nonEmpty = c.nonEmpty();
        if (nonEmpty > 0 && c.canonical) {
            if (c.counts[INT] == c.total()) {
                return new TypeChoice(column, ColumnType.INT, "all values are integers");
            }
            if (c.counts[INT] + c.counts[LONG] == c.total()) {
                return new TypeChoice(column, ColumnType.LONG, "all values are integers");
            }
            if (c.counts[DOUBLE] == nonEmpty) {
                return new TypeChoice(column, ColumnType.DOUBLE, "all values are decimal numbers");
            }
            if (c.counts[BOOLEAN] == c.total()) {
                return new TypeChoice(column, ColumnType.BOOLEAN, "all values are true or false");
            }
        }
        return new TypeChoice(column, ColumnType.STRING, "text, kept as written");
    }

    /** Returns whether every value {@code c} counts can be read as {@code t} by a column an expression reads. */
    static boolean accepts(ColumnType t, Census c) {
        long[] n = c.counts();
        return switch (t) {
            case INT -> n[LONG] + n[DOUBLE] + n[BOOLEAN] + n[TEXT] + n[EMPTY] == 0;
            case LONG -> n[DOUBLE] + n[BOOLEAN] + n[TEXT] + n[EMPTY] == 0;
            case DOUBLE -> n[BOOLEAN] + n[TEXT] == 0;
            case BOOLEAN -> n[INT] + n[LONG] + n[DOUBLE] + n[TEXT] + n[EMPTY] == 0;
            case STRING -> true;
        };
    }

    /**
     * Returns whether every value {@code c} counts can be read as {@code t} and written back from it as it came in,
     * by the rule of {@link #lossless}.
     */
    static boolean keeps(ColumnType t, Census c) {
        long[] n = c.counts();
        return t == ColumnType.STRING || c.canonical() && switch (t) {
            case INT -> n[LONG] + n[DOUBLE] + n[BOOLEAN] + n[TEXT] + n[EMPTY] == 0;
            case LONG -> n[DOUBLE] + n[BOOLEAN] + n[TEXT] + n[EMPTY] == 0;
            case DOUBLE -> n[INT] + n[LONG] + n[BOOLEAN] + n[TEXT] == 0;
            case BOOLEAN -> n[INT] + n[LONG] + n[DOUBLE] + n[TEXT] + n[EMPTY] == 0;
            case STRING -> true;
        };
    }

    private static Outcome forced(String column, Census c, ColumnType t) {
        TypeChoice choice = new TypeChoice(column, t, "--type " + column + "=" + word(t));
        long bad = switch (t) {
            case INT -> c.firstOf(LONG, DOUBLE, BOOLEAN, TEXT, EMPTY);
            case LONG -> c.firstOf(DOUBLE, BOOLEAN, TEXT, EMPTY);
            case DOUBLE -> c.firstOf(BOOLEAN, TEXT);
            case BOOLEAN -> c.firstOf(INT, LONG, DOUBLE, TEXT, EMPTY);
            case STRING -> -1;
        };
        if (bad < 0) {
            return new Outcome(choice, null);
        }
        String what = switch (t) {
            case INT -> "an int";
            case LONG -> "a long";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "text";
        };
        return new Outcome(choice, new Misfit(bad, "is not " + what + ", as --type " + column + "=" + word(t)
                + " says it must be"));
    }

    /** The word {@code --type} takes for {@code t}. */
    private static String word(ColumnType t) {
        return t == ColumnType.STRING ? "text" : t.javaName();
    }

    private static ColumnType numberType(Census c) {
        if (c.counts[DOUBLE] > 0 || c.counts[EMPTY] > 0) {
            return ColumnType.DOUBLE;
        }
        return c.counts[LONG] > 0 ? ColumnType.LONG : ColumnType.INT;
    }

    private static String numberReason(Census c, ColumnType t) {
        long numbers = c.numbers();
        return switch (t) {
            case INT -> "all " + count(numbers) + " values are integers";
            case LONG -> "all " + count(numbers) + " values are integers, some past an int";
            default -> c.counts[EMPTY] > 0 ? count(numbers) + " numbers and " + count(c.counts[EMPTY])
                    + " empty fields, read as NaN" : "all " + count(numbers) + " values are numbers, some with a fraction";
        };
    }

    private static Outcome ok(String column, ColumnType t, String why) {
        return new Outcome(new TypeChoice(column, t, why), null);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
