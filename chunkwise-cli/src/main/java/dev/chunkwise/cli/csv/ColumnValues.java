package dev.chunkwise.cli.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of one typed column in one chunk of a CSV file: for every row, what kind of value its text is, the
 * number it holds (when it is one), and where its raw bytes are, so that the column's type can be chosen from all its
 * values before any value is converted, and a text value can be decoded from the file only when text is chosen.
 */
final class ColumnValues {

    /** An empty field (nothing between the delimiters, or {@code ""}). */
    static final byte EMPTY = 0;
    /** An integer that fits an {@code int}; {@link #bits} holds it. */
    static final byte INT = 1;
    /** An integer that fits a {@code long} but not an {@code int}; {@link #bits} holds it. */
    static final byte LONG = 2;
    /** Any other decimal number (a fraction, an exponent, NaN, Infinity); {@link #bits} holds its double bits. */
    static final byte DOUBLE = 3;
    /** {@code true} or {@code false} in any case; {@link #bits} holds 1 or 0. */
    static final byte BOOLEAN = 4;
    /** Anything else, including integers too large for a {@code long}. */
    static final byte TEXT = 5;
    static final int KINDS = 6;

    int size;
    byte[] kinds;
    long[] bits;
    /** The raw bytes of field {@code i}, quotes included: {@code [from[i], to[i])}. */
    int[] from;
    int[] to;
    /** How many fields of each kind, indexed by kind. */
    final long[] counts = new long[KINDS];
    /** The row (in the chunk) of the first field of each kind, or -1. */
    final int[] firstRow = new int[KINDS];
    /** Set when every number so far is written exactly as chunkwise writes it ({@code 12}, not {@code 012}). */
    boolean canonical = true;

    ColumnValues(int capacity) {
        int c = Math.max(16, capacity);
        kinds = new byte[c];
        bits = new long[c];
        from = new int[c];
        to = new int[c];
        Arrays.fill(firstRow, -1);
    }

    void add(byte kind, long value, int fieldFrom, int fieldTo) {
        if (size == kinds.length) {
            int c = size * 2;
            kinds = Arrays.copyOf(kinds, c);
            bits = Arrays.copyOf(bits, c);
            from = Arrays.copyOf(from, c);
            to = Arrays.copyOf(to, c);
        }
        if (firstRow[kind] < 0) {
            firstRow[kind] = size;
        }
        counts[kind]++;
        kinds[size] = kind;
        bits[size] = value;
        from[size] = fieldFrom;
        to[size] = fieldTo;
        size++;
    }

    /**
     * Classifies the field {@code data[from, to)} (its raw bytes; a quoted field's content is unescaped first) and
     * adds it.
     */
    void classify(byte[] data, int from, int to, Scratch scratch) {
        int a = from;
        int b = to;
        byte[] text = data;
        if (b > a && data[a] == '"') {
            int n = scratch.unquote(data, a, b);
            text = scratch.bytes;
            a = 0;
            b = n;
        }
        if (a == b) {
            add(EMPTY, 0, from, to);
            return;
        }
        while (a < b && (text[a] == ' ' || text[a] == '\t')) {
            a++;
        }
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t')) {
            b--;
        }
        if (a == b) {
            add(TEXT, 0, from, to);
            return;
        }
        long v = integer(text, a, b);
        if (v != NOT_AN_INTEGER || isLongMin(text, a, b)) {
            canonical &= text == data && a == from && b == to && isCanonicalInteger(text, a, b);
            add(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? INT : LONG, v, from, to);
            return;
        }
        if (isBoolean(text, a, b)) {
            boolean value = (text[a] | 0x20) == 't';
            canonical &= text == data && a == from && b == to
                    && new String(text, a, b - a, StandardCharsets.ISO_8859_1).equals(value ? "true" : "false");
            add(BOOLEAN, value ? 1 : 0, from, to);
            return;
        }
        if (looksDecimal(text, a, b)) {
            String s = new String(text, a, b - a, StandardCharsets.ISO_8859_1);
            try {
                double d = Double.parseDouble(s);
                canonical &= text == data && a == from && b == to && CsvWriter.formatDouble(d).equals(s);
                add(DOUBLE, Double.doubleToRawLongBits(d), from, to);
                return;
            } catch (NumberFormatException e) {
                // Text after all.
            }
        }
        add(TEXT, 0, from, to);
    }

    /** Adds an int already parsed from the unquoted field {@code [from, to)} (the scanner's fast path). */
    void addInt(int v, int from, int to, boolean canonicalText) {
        canonical &= canonicalText;
        add(INT, v, from, to);
    }

    static final long NOT_AN_INTEGER = Long.MIN_VALUE;

    /**
     * Returns the integer {@code [+-]digits} in {@code b[from, to)}, or {@link #NOT_AN_INTEGER} if it is anything else
     * or does not fit a {@code long}. {@code Long.MIN_VALUE} itself is the marker; {@link #isLongMin} tells it apart.
     */
    static long integer(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        if (i == to) {
            return NOT_AN_INTEGER;
        }
        if (to - i > 18) {
            return slowInteger(b, from, to);
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_AN_INTEGER;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private static long slowInteger(byte[] b, int from, int to) {
        for (int i = from + (b[from] == '-' || b[from] == '+' ? 1 : 0); i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return NOT_AN_INTEGER;
            }
        }
        try {
            return Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            return NOT_AN_INTEGER; // too large for a long: text, not a rounded double
        }
    }

    /** Whether {@code b[from, to)} is {@code -9223372036854775808}, the one long that {@link #integer} cannot return. */
    static boolean isLongMin(byte[] b, int from, int to) {
        return to - from == 20 && new String(b, from, 20, StandardCharsets.ISO_8859_1).equals(String.valueOf(Long.MIN_VALUE));
    }

    /** Whether {@code [-]digits} is written as chunkwise writes it: no sign but a minus, no leading zero, no "-0". */
    static boolean isCanonicalInteger(byte[] b, int from, int to) {
        int i = b[from] == '-' ? from + 1 : from;
        if (b[i] == '+' || b[from] == '+') {
            return false;
        }
        if (b[i] == '0') {
            return to - i == 1 && i == from;
        }
        return true;
    }

    private static boolean isBoolean(byte[] b, int from, int to) {
        int n = to - from;
        return n == 4 && (b[from] | 0x20) == 't' && (b[from + 1] | 0x20) == 'r' && (b[from + 2] | 0x20) == 'u'
                && (b[from + 3] | 0x20) == 'e'
                || n == 5 && (b[from] | 0x20) == 'f' && (b[from + 1] | 0x20) == 'a' && (b[from + 2] | 0x20) == 'l'
                && (b[from + 3] | 0x20) == 's' && (b[from + 4] | 0x20) == 'e';
    }

    /**
     * Whether {@code b[from, to)} is a decimal number as CSV files write them: digits with an optional sign, point and
     * exponent, or {@code NaN} and {@code Infinity}; not Java's other spellings ({@code 1d}, {@code 0x1p3}, {@code 1f}).
     */
    static boolean looksDecimal(byte[] b, int from, int to) {
        int i = from;
        if (b[i] == '-' || b[i] == '+') {
            i++;
        }
        if (i == to) {
            return false;
        }
        if (to - i == 3 && b[i] == 'N' && b[i + 1] == 'a' && b[i + 2] == 'N') {
            return i == from;
        }
        if (to - i == 8 && new String(b, i, 8, StandardCharsets.ISO_8859_1).equals("Infinity")) {
            return true;
        }
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
            digits++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int exponent = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == to;
    }

    /** A per-thread buffer for unescaping quoted fields. */
    static final class Scratch {
        byte[] bytes = new byte[64];

        /** Unescapes the quoted field {@code data[from, to)} into {@link #bytes}; returns its length. */
        int unquote(byte[] data, int from, int to) {
            int n = 0;
            int end = to - 1; // the closing quote
            if (bytes.length < end - from) {
                bytes = new byte[Math.max(bytes.length * 2, end - from)];
            }
            for (int i = from + 1; i < end; i++) {
                byte c = data[i];
                bytes[n++] = c;
                if (c == '"') {
                    i++; // "" is one quote
                }
            }
            return n;
        }
    }
}
