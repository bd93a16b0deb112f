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
        if (b > a && data[a] == scratch.quoting.quote()) {
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
        long v = NumberText.integer(text, a, b);
        if (v != NumberText.NOT_AN_INTEGER || NumberText.isLongMin(text, a, b)) {
            canonical &= text == data && a == from && b == to && NumberText.isCanonicalInteger(text, a, b);
            add(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? INT : LONG, v, from, to);
            return;
        }
        if (NumberText.isBoolean(text, a, b)) {
            boolean value = (text[a] | 0x20) == 't';
            canonical &= text == data && a == from && b == to
                    && new String(text, a, b - a, StandardCharsets.ISO_8859_1).equals(value ? "true" : "false");
            add(BOOLEAN, value ? 1 : 0, from, to);
            return;
        }
        if (NumberText.looksDecimal(text, a, b)) {
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

    /** A per-thread buffer for unescaping quoted fields, by the file's quoting. */
    static final class Scratch {
        final Quoting quoting;
        byte[] bytes = new byte[64];

        Scratch(Quoting quoting) {
            this.quoting = quoting;
        }

        /** Unescapes the quoted field {@code data[from, to)} into {@link #bytes}; returns its length. */
        int unquote(byte[] data, int from, int to) {
            if (bytes.length < to - from) {
                bytes = new byte[Math.max(bytes.length * 2, to - from)];
            }
            return quoting.unquote(data, from, to, bytes);
        }
    }
}
