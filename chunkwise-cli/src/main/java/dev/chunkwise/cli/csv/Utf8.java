package dev.chunkwise.cli.csv;

/**
 * Checks that bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF), as fast as a
 * loop over ASCII allows. Written here rather than with a {@link java.nio.charset.CharsetDecoder} because the reader
 * only needs the answer and the offset of the first bad byte, not the decoded text, and a decoder would copy every
 * byte of a large file into chars.
 */
final class Utf8 {

    private Utf8() {
    }

    /** Returns the offset of the first byte in {@code [from, to)} that is not part of valid UTF-8, or -1. */
    static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + n >= to) {
                return i; // fewer bytes left than the sequence needs
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int t = b[i + k] & 0xFF;
                if ((t & 0xC0) != 0x80) {
                    return i;
                }
                cp = cp << 6 | t & 0x3F;
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                return i;
            }
            i += n + 1;
        }
        return -1;
    }
}
