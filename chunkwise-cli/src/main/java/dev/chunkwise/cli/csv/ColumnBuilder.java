package dev.chunkwise.cli.csv;

import org.dflib.Series;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The values of one column in one chunk of a CSV file, parsed straight from bytes into a primitive array of the
 * column's current type. A value that does not fit widens the array (int → long → double); one that needs text asks
 * the chunk to be parsed again with the column as text, since the earlier values' original text is gone.
 */
final class ColumnBuilder {

    /** Thrown (without a stack trace) when column {@link #column} must be read as text. */
    static final class NeedsText extends RuntimeException {
        final int column;
        final String value;

        NeedsText(int column, String value) {
            super(null, null, false, false);
            this.column = column;
            this.value = value;
        }
    }

    private final int column;
    ColumnType type;
    int size;
    int[] ints;
    long[] longs;
    double[] doubles;
    boolean[] bools;
    String[] strings;

    ColumnBuilder(int column, ColumnType type, int capacity) {
        this.column = column;
        this.type = type;
        int c = Math.max(16, capacity);
        switch (type) {
            case INT -> ints = new int[c];
            case LONG -> longs = new long[c];
            case DOUBLE -> doubles = new double[c];
            case BOOLEAN -> bools = new boolean[c];
            default -> strings = new String[c];
        }
    }

    void add(byte[] b, int from, int to) {
        switch (type) {
            case INT -> addInt(b, from, to);
            case LONG -> addLong(b, from, to);
            case DOUBLE -> addDouble(b, from, to);
            case BOOLEAN -> addBoolean(b, from, to);
            default -> addString(b, from, to);
        }
    }

    private void addInt(byte[] b, int from, int to) {
        long v = parseLong(b, from, to);
        if (v == NOT_A_LONG || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            widenTo(v != NOT_A_LONG ? ColumnType.LONG : ColumnType.DOUBLE);
            add(b, from, to);
            return;
        }
        if (size == ints.length) {
            ints = Arrays.copyOf(ints, size * 2);
        }
        ints[size++] = (int) v;
    }

    /** Appends an int already parsed; the column's type must be INT. */
    void addInt(int v) {
        if (size == ints.length) {
            ints = Arrays.copyOf(ints, size * 2);
        }
        ints[size++] = v;
    }

    private void addLong(byte[] b, int from, int to) {
        long v = parseLong(b, from, to);
        if (v == NOT_A_LONG) {
            widenTo(ColumnType.DOUBLE);
            add(b, from, to);
            return;
        }
        if (size == longs.length) {
            longs = Arrays.copyOf(longs, size * 2);
        }
        longs[size++] = v;
    }

    private void addDouble(byte[] b, int from, int to) {
        double v = parseDouble(b, from, to);
        if (size == doubles.length) {
            doubles = Arrays.copyOf(doubles, size * 2);
        }
        doubles[size++] = v;
    }

    private void addBoolean(byte[] b, int from, int to) {
        Boolean v = parseBoolean(b, from, to);
        if (v == null) {
            throw new NeedsText(column, new String(b, from, to - from, StandardCharsets.UTF_8));
        }
        if (size == bools.length) {
            bools = Arrays.copyOf(bools, size * 2);
        }
        bools[size++] = v;
    }

    private void addString(byte[] b, int from, int to) {
        if (size == strings.length) {
            strings = Arrays.copyOf(strings, size * 2);
        }
        strings[size++] = new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Widens the numbers read so far; {@code to} is LONG or DOUBLE. */
    void widenTo(ColumnType to) {
        if (to == type) {
            return;
        }
        if (to == ColumnType.STRING || type == ColumnType.BOOLEAN) {
            throw new NeedsText(column, "");
        }
        int c = Math.max(16, capacity());
        if (to == ColumnType.LONG) {
            longs = new long[c];
            for (int i = 0; i < size; i++) {
                longs[i] = ints[i];
            }
            ints = null;
        } else {
            doubles = new double[c];
            for (int i = 0; i < size; i++) {
                doubles[i] = type == ColumnType.INT ? ints[i] : (double) longs[i];
            }
            ints = null;
            longs = null;
        }
        type = to;
    }

    private int capacity() {
        return switch (type) {
            case INT -> ints.length;
            case LONG -> longs.length;
            case DOUBLE -> doubles.length;
            case BOOLEAN -> bools.length;
            default -> strings.length;
        };
    }

    /** Returns the values as a DFLib series (primitive for numbers and booleans). */
    Series<?> toSeries() {
        return switch (type) {
            case INT -> Series.ofInt(Arrays.copyOf(ints, size));
            case LONG -> Series.ofLong(Arrays.copyOf(longs, size));
            case DOUBLE -> Series.ofDouble(Arrays.copyOf(doubles, size));
            case BOOLEAN -> Series.ofBool(Arrays.copyOf(bools, size));
            default -> Series.of(Arrays.copyOf(strings, size));
        };
    }

    // Parsing straight from bytes.

    static final long NOT_A_LONG = Long.MIN_VALUE;

    /** Returns the integer in {@code b[from, to)}, or {@link #NOT_A_LONG} (also for an empty field or overflow). */
    static long parseLong(byte[] b, int from, int to) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && b[to - 1] == ' ') {
            to--;
        }
        if (from == to) {
            return NOT_A_LONG;
        }
        boolean negative = false;
        if (b[from] == '-' || b[from] == '+') {
            negative = b[from] == '-';
            from++;
            if (from == to) {
                return NOT_A_LONG;
            }
        }
        if (to - from > 18) {
            return slowParseLong(b, from, to, negative);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_LONG;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private static long slowParseLong(byte[] b, int from, int to, boolean negative) {
        try {
            long v = Long.parseLong((negative ? "-" : "") + new String(b, from, to - from, StandardCharsets.ISO_8859_1));
            return v == NOT_A_LONG ? NOT_A_LONG : v;
        } catch (NumberFormatException e) {
            return NOT_A_LONG;
        }
    }

    /** Returns the number in {@code b[from, to)}; an empty field is NaN (as pandas reads it), blanks are text. */
    double parseDouble(byte[] b, int from, int to) {
        if (from == to) {
            return Double.NaN;
        }
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1).strip();
        if (s.isEmpty() || !looksNumeric(s)) {
            throw new NeedsText(column, new String(b, from, to - from, StandardCharsets.UTF_8));
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new NeedsText(column, new String(b, from, to - from, StandardCharsets.UTF_8));
        }
    }

    /** Excludes Java-only spellings such as {@code 1d}, {@code 0x1p3} or {@code 1f}, which are text in CSV. */
    private static boolean looksNumeric(String s) {
        char last = s.charAt(s.length() - 1);
        if (Character.isLetter(last) && !s.endsWith("NaN") && !s.endsWith("Infinity")) {
            return false;
        }
        return s.indexOf('x') < 0 && s.indexOf('X') < 0;
    }

    static Boolean parseBoolean(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 4 && (b[from] | 0x20) == 't' && (b[from + 1] | 0x20) == 'r' && (b[from + 2] | 0x20) == 'u'
                && (b[from + 3] | 0x20) == 'e') {
            return Boolean.TRUE;
        }
        if (n == 5 && (b[from] | 0x20) == 'f' && (b[from + 1] | 0x20) == 'a' && (b[from + 2] | 0x20) == 'l'
                && (b[from + 3] | 0x20) == 's' && (b[from + 4] | 0x20) == 'e') {
            return Boolean.FALSE;
        }
        return null;
    }
}
