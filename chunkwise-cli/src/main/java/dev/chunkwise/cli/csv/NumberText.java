package dev.chunkwise.cli.csv;

import java.nio.charset.StandardCharsets;

/**
 * How the text of a CSV field spells a number or a boolean, read straight from its bytes: an integer that fits a
 * {@code long}, a decimal number as CSV files write them, {@code true}/{@code false} in any case, and whether an
 * integer is written exactly as chunkwise writes it (so that writing it back gives the same text).
 */
final class NumberText {

    private NumberText() {
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

    static boolean isBoolean(byte[] b, int from, int to) {
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
}
