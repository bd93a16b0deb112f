package dev.chunkwise.cli.csv;

/** Helpers for error messages that quote the data: values cut short, bytes shown as they can be read. */
final class Messages {

    /** Longest value quoted in a message, in characters. */
    static final int MAX_QUOTED = 40;

    private Messages() {
    }

    /** Returns {@code s} cut to {@value #MAX_QUOTED} characters with {@code …}, and its line breaks shown as \n. */
    static String abbreviate(String s) {
        String one = s.replace("\r", "\\r").replace("\n", "\\n");
        if (one.length() <= MAX_QUOTED) {
            return one;
        }
        int cut = MAX_QUOTED - 1;
        if (Character.isHighSurrogate(one.charAt(cut - 1))) {
            cut--;
        }
        return one.substring(0, cut) + "…";
    }

    /** Returns a byte as it can be printed: the character if ASCII and visible, else its hex value. */
    static String printable(byte b) {
        int v = b & 0xFF;
        return v >= 0x20 && v < 0x7F ? String.valueOf((char) v) : String.format("0x%02X", v);
    }
}
