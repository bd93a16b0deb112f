package dev.chunkwise.cli;

/**
 * Says where two byte arrays first differ, with a little of each around that place, control bytes and non-ASCII
 * written as escapes: so that a failed byte-for-byte comparison of a 10 MB file prints a line, not the file.
 */
final class ByteDiff {

    private static final int CONTEXT = 40;

    private ByteDiff() {
    }

    /** Returns {@code null} when the two are equal, else where and how they first differ. */
    static String firstDifference(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        int i = 0;
        while (i < n && expected[i] == actual[i]) {
            i++;
        }
        if (i == n && expected.length == actual.length) {
            return null;
        }
        int from = Math.max(0, i - CONTEXT);
        return "first difference at byte " + i + " (line " + lineAt(expected, i) + " of the expected output; lengths "
                + expected.length + " expected, " + actual.length + " actual)\n  expected: "
                + escape(expected, from, Math.min(expected.length, i + CONTEXT))
                + "\n  actual:   " + escape(actual, from, Math.min(actual.length, i + CONTEXT));
    }

    /** Writes {@code bytes[from, to)} as ASCII, with \n, \r, \t, \" and \xHH for the rest, between quotes. */
    static String escape(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (b < 0x20 || b >= 0x7F) {
                        sb.append(String.format("\\x%02X", b));
                    } else {
                        sb.append((char) b);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static long lineAt(byte[] data, int offset) {
        long line = 1;
        for (int i = 0; i < Math.min(offset, data.length); i++) {
            if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= data.length || data[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
