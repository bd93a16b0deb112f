package dev.chunkwise.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CSV corpus of {@code apply}'s round-trip tests: the vendored files under {@code corpus/} on the test class path,
 * and the {@code generated/} ones, too large or too repetitive to vendor, whose bytes are written here.
 */
final class CorpusFiles {

    static final String GENERATED = "generated/";

    private static final int MIB = 1 << 20;

    /** The generated files by name, each with its bytes. Every one is listed in expect.tsv. */
    static final Map<String, Supplier<byte[]>> GENERATED_FILES = Map.ofEntries(
            // A quoted field of 10 MiB with commas, doubled quotes, LF and CRLF in it: far larger than a read range.
            Map.entry("ten-megabyte-field.csv", () -> ascii("A,B,C\n1,\"" + repeatTo(10 * MIB,
                    "lorem, ipsum \"\"quoted\"\"\nnext line\r\n") + "\",3\n4,y,6\n")),
            // A header of about 1 MiB (some 110,000 columns) and nothing else, not even a line end.
            Map.entry("megabyte-header-no-newline.csv", () -> ascii(columns(MIB))),
            // A quote opened in the header and never closed: the message must not print the megabyte after it.
            Map.entry("megabyte-header-unclosed-quote.csv", () -> ascii("A,\"" + "h".repeat(MIB))),
            // Two column names of 512 KiB each, the same: the message names both columns, cut short.
            Map.entry("megabyte-duplicate-header.csv", () -> ascii("N".repeat(MIB / 2) + "," + "N".repeat(MIB / 2) + "\n1,2\n")),
            // Five numbers, then a 1 MiB value that is not one, on line 7.
            Map.entry("long-non-number.csv", () -> ascii("D\n1\n2\n3\n4\n5\n" + "x".repeat(MIB) + "\n")),
            // 20,000 ints (past any sample of the first 64 KiB) and then, on line 20002, a word.
            Map.entry("late-non-number.csv", () -> ascii(ints(20_000) + "oops\n")),
            // 20,000 ints and then 2.5: the column is double for every row, not int for the first ones.
            Map.entry("late-double.csv", () -> ascii(ints(20_000) + "2.5\n")),
            // About 3 MiB of rows whose quoted fields hold line ends, so that byte ranges cut inside quotes.
            Map.entry("multiline-across-seams.csv", CorpusFiles::multiline),
            // About 2 MiB with CRLF line ends, and CRLF inside quoted fields.
            Map.entry("crlf-large.csv", CorpusFiles::crlfLarge),
            // 100,000 blank lines before the header and thousands between rows.
            Map.entry("blank-lines-large.csv", CorpusFiles::blankLinesLarge),
            // 100,000 rows of 34 bytes, then on line 100002 a row of one field.
            Map.entry("late-ragged.csv", () -> ascii(fixedRows() + "1\n")),
            // The same rows, then on line 100002 the byte 0xFF, at offset 4 + 3,400,000 + 2 = 3,400,006.
            Map.entry("late-invalid-utf8.csv", () -> concat(ascii(fixedRows() + "1,"), new byte[]{(byte) 0xFF, '\n'})));

    private CorpusFiles() {
    }

    /** Returns the corpus folder (the one holding expect.tsv) on the test class path. */
    static Path corpus() {
        URL url = CorpusFiles.class.getResource("/corpus/expect.tsv");
        if (url == null) {
            throw new IllegalStateException("corpus/expect.tsv is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns the path of {@code file} (relative to the corpus folder): the vendored file, or for a generated one the
     * file written into {@code generatedDir} (written on first use).
     */
    static Path path(String file, Path generatedDir) throws IOException {
        if (!file.startsWith(GENERATED)) {
            return corpus().resolve(file);
        }
        String name = file.substring(GENERATED.length());
        Supplier<byte[]> bytes = GENERATED_FILES.get(name);
        if (bytes == null) {
            throw new IllegalArgumentException("no generated corpus file " + name);
        }
        Path p = generatedDir.resolve(name);
        if (!Files.exists(p)) {
            Files.write(p, bytes.get());
        }
        return p;
    }

    private static String ints(int n) {
        StringBuilder sb = new StringBuilder("A\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append('\n');
        }
        return sb.toString();
    }

    private static String fixedRows() {
        StringBuilder sb = new StringBuilder("A,B\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append(String.format("%06d", i)).append(",abcdefghijklmnopqrstuvwxyz\n");
        }
        return sb.toString();
    }

    private static String columns(int bytes) {
        StringBuilder sb = new StringBuilder("C0");
        for (int i = 1; sb.length() < bytes; i++) {
            sb.append(",C").append(i);
        }
        return sb.toString();
    }

    private static byte[] multiline() {
        StringBuilder sb = new StringBuilder("A,B,C\n");
        for (int i = 0; sb.length() < 3 * MIB; i++) {
            sb.append(i).append(",\"row ").append(i).append(",\n").append("\"\"quoted\"\" line\n".repeat(i % 7))
                    .append("end\",").append(i % 13).append('\n');
        }
        return ascii(sb.toString());
    }

    private static byte[] crlfLarge() {
        StringBuilder sb = new StringBuilder("A,B\r\n");
        for (int i = 0; sb.length() < 2 * MIB; i++) {
            sb.append(i).append(i % 3 == 0 ? ",\"two\r\nlines\"" : ",plain").append("\r\n");
        }
        return ascii(sb.toString());
    }

    private static byte[] blankLinesLarge() {
        StringBuilder sb = new StringBuilder("\n".repeat(100_000)).append("A,B\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append(",x").append(i).append('\n').append("\n".repeat(i % 4));
        }
        return ascii(sb.toString());
    }

    private static String repeatTo(int bytes, String unit) {
        return unit.repeat(bytes / unit.length() + 1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
