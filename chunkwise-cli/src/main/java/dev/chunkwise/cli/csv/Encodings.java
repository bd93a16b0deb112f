package dev.chunkwise.cli.csv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checks the bytes of a CSV file against its encoding: which encodings the reader can split without decoding
 * (commas, quotes and line breaks must be single ASCII bytes), and the first byte of a range that is not valid in the
 * file's encoding, with its line, for the error message.
 */
final class Encodings {

    private Encodings() {
    }

    /** Returns whether {@code data[0, length)} starts with a UTF-8 byte-order mark ({@code EF BB BF}). */
    static boolean startsWithUtf8Bom(byte[] data, int length) {
        return length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF;
    }

    /**
     * Refuses an encoding in which commas, quotes and line breaks are not single ASCII bytes.
     *
     * @throws IllegalArgumentException naming the encoding and the ones that are read
     */
    static void checkAsciiCompatible(Charset charset) {
        String n = charset.name().toUpperCase(Locale.ROOT);
        byte[] probe = ",\"\r\nA0".getBytes(charset);
        if (!Arrays.equals(probe, ",\"\r\nA0".getBytes(StandardCharsets.US_ASCII)) || n.startsWith("ISO-2022")
                || n.startsWith("UTF-7") || n.startsWith("X-UTF-16") || n.startsWith("UTF-16") || n.startsWith("UTF-32")) {
            throw new IllegalArgumentException("--encoding " + charset.name() + ": not supported: chunkwise reads "
                    + "encodings in which commas, quotes and line breaks are single ASCII bytes (UTF-8, ISO-8859-1, "
                    + "windows-1252, Shift_JIS, EUC-JP, GB18030, Big5 and the like)");
        }
    }

    /** Throws, naming the line and the byte offset in the file ({@code data} starts at {@code origin}), if {@code data[from, to)} is not valid in {@code charset}. */
    static void checkEncoding(byte[] data, int from, int to, Charset charset, String name, Origin origin) {
        int bad;
        if (charset.equals(StandardCharsets.UTF_8)) {
            bad = Utf8.firstInvalid(data, from, to);
        } else if (charset.equals(StandardCharsets.ISO_8859_1)) {
            bad = -1; // every byte is a character
        } else {
            bad = firstInvalid(data, from, to, charset);
        }
        if (bad >= 0) {
            String advice = charset.equals(StandardCharsets.UTF_8)
                    ? "if the file is in another encoding, say which with --encoding NAME (such as ISO-8859-1, "
                    + "windows-1252 or Shift_JIS)"
                    : "check the file's encoding and give it with --encoding NAME";
            throw new CsvFormatException(name, origin.lineOf(data, bad), "byte " + Messages.printable(data[bad])
                    + " at offset " + (origin.offset() + bad) + " is not valid " + charset.name() + "; " + advice);
        }
    }

    private static int firstInvalid(byte[] data, int from, int to, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data, from, to - from);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                r = decoder.flush(out);
                return r.isError() ? in.position() : -1;
            }
            out.clear();
        }
    }
}
