package dev.chunkwise.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random tables of random cell texts (any Unicode, commas, quotes, CR, LF, empty, numbers with leading zeros and
 * signs), written as valid RFC 4180 CSV with random quoting, random line ends (LF, CRLF, lone CR, also mixed), blank
 * lines, a BOM or not and a final line end or not, through {@code apply --with 'NEWCOL = 1'}: the output is the
 * input's rows with {@code ,1} added, byte for byte, each ended by the header's line end. The quoting is drawn too:
 * double quotes doubled (RFC 4180), double quotes escaped with {@code \}, single quotes doubled or escaped, or none
 * ({@code --quote none}, the cells then without commas and line ends).
 */
class ApplyCommand_PassThroughPropertyTest {

    static Path dir;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("chunkwise-passthrough-test");
    }

    @AfterContainer
    static void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A CSV file made from cells, and what apply must write for it. */
    record Csv(byte[] bytes, byte[] expected, List<List<String>> cells, Quote quote) {
        @Override
        public String toString() {
            return quote.options() + " " + ByteDiff.escape(bytes, 0, bytes.length);
        }
    }

    /**
     * How the file quotes: its quote character (0 for none) and escape character (0 for doubled quotes), and the
     * options that say so.
     */
    record Quote(char quote, char escape) {
        static final Quote RFC_4180 = new Quote('"', (char) 0);

        List<String> options() {
            List<String> o = new ArrayList<>();
            if (quote != '"') {
                o.addAll(List.of("--quote", quote == 0 ? "none" : String.valueOf(quote)));
            }
            if (escape != 0) {
                o.addAll(List.of("--escape", String.valueOf(escape)));
            }
            return o;
        }

        /** Returns {@code t} as a cell can hold it: without a comma or line end when nothing is quoted. */
        String fit(String t) {
            return quote != 0 ? t : t.replace(",", "_").replace("\r", "r").replace("\n", "n");
        }
    }

    /** How one cell is written: its text, and whether it is quoted when it need not be. */
    record Cell(String text, boolean quoted) {
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> anyUnicode = Arbitraries.integers().between(1, 0x10FFFF)
                .filter(cp -> (cp < 0xD800 || cp > 0xDFFF) && cp != 0xFEFF)
                .list().ofMaxSize(6)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        Arbitrary<String> awkward = Arbitraries.strings().withChars(",\"'\\\r\n ab\u00e9\u20ac".toCharArray()).ofMaxLength(6);
        Arbitrary<String> numbers = Arbitraries.of("007", "08123", "030151360", "-0", "+12", "1.50", "-1.5e3", "00",
                "+318855443322", "-9223372036854775808", "12345678901234567890", "82544000000000707.52", "True", "NaN", "");
        return Arbitraries.frequencyOf(Tuple.of(3, anyUnicode), Tuple.of(4, awkward), Tuple.of(3, numbers));
    }

    @Provide
    Arbitrary<Csv> files() {
        Arbitrary<Integer> width = Arbitraries.integers().between(1, 5);
        return width.flatMap(w -> {
            Arbitrary<List<Cell>> header = cell().list().ofSize(w).filter(ApplyCommand_PassThroughPropertyTest::namesAreDistinct);
            Arbitrary<List<List<Cell>>> rows = cell().list().ofSize(w).list().ofMaxSize(8);
            Arbitrary<List<String>> ends = Arbitraries.of("\n", "\r\n", "\r").list().ofSize(10);
            Arbitrary<List<Integer>> blanks = Arbitraries.integers().between(0, 2).withDistribution(RandomDistribution.biased()).list().ofSize(10);
            Arbitrary<Quote> quotes = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Quote.RFC_4180)),
                    Tuple.of(1, Arbitraries.just(new Quote('"', '\\'))), Tuple.of(1, Arbitraries.just(new Quote('\'', (char) 0))),
                    Tuple.of(1, Arbitraries.just(new Quote('\'', '\\'))), Tuple.of(1, Arbitraries.just(new Quote((char) 0, (char) 0))));
            return Combinators.combine(header, rows, ends, blanks, Arbitraries.of(true, false), Arbitraries.of(true, false),
                    quotes).as(ApplyCommand_PassThroughPropertyTest::write);
        });
    }

    private Arbitrary<Cell> cell() {
        return Combinators.combine(texts(), Arbitraries.of(true, false)).as(Cell::new);
    }

    @Property(tries = 120, shrinking = ShrinkingMode.BOUNDED)
    void apply_withNewColumn_keepsEveryInputByte_andAddsTheColumn(@ForAll("files") Csv csv) throws IOException {
        check(csv, List.of());
    }

    /** The same, the input read as a stream of blocks of a random size: block ends fall inside and beside any row. */
    @Property(tries = 120, shrinking = ShrinkingMode.BOUNDED)
    void apply_readAsAStream_keepsEveryInputByte_andAddsTheColumn(@ForAll("files") Csv csv,
                                                                  @ForAll @IntRange(min = 1, max = 300) int block)
            throws IOException {
        check(csv, List.of("--stream", "--block-size", Integer.toString(block)));
    }

    private static void check(Csv csv, List<String> options) throws IOException {
        Path run = Files.createTempDirectory(dir, "run");
        Path in = Files.write(run.resolve("in.csv"), csv.bytes());
        Path outDir = Files.createDirectory(run.resolve("out"));
        // The test's own reader reads what was written as the cells it was written from, and expects the same output.
        // (It reads RFC 4180 only.)
        if (csv.quote().equals(Quote.RFC_4180)) {
            CsvOracle.Table t = CsvOracle.read(csv.bytes());
            assertThat(t.records().stream().map(r -> t.values(r, StandardCharsets.UTF_8)).toList()).isEqualTo(csv.cells());
            assertThat(CsvOracle.withNewColumn(t, "NEWCOL", "1")).isEqualTo(csv.expected());
        }
        List<String> all = new ArrayList<>(options);
        all.addAll(csv.quote().options());

        CorpusRun result = CorpusRun.apply(in, "NEWCOL = 1", all, outDir);

        result.assertNoCrash();
        result.assertSucceeded();
        String diff = ByteDiff.firstDifference(csv.expected(), result.outputBytes());
        if (diff != null) {
            fail("the output is not the input's records with ,1 added, byte for byte: " + diff);
        }
    }

    /**
     * Writes the header and rows: each record ended by the next of {@code ends} (the last maybe by none), followed by
     * as many blank lines of that same line end as {@code blanks} says (so that no blank line joins with the line end
     * before it into a CRLF), blank lines before the header too.
     */
    static Csv write(List<Cell> header, List<List<Cell>> rows, List<String> ends, List<Integer> blanks,
                     boolean bom, boolean finalLineEnd, Quote quote) {
        List<List<Cell>> records = new ArrayList<>();
        records.add(header);
        records.addAll(rows);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            in.writeBytes(CsvOracle.UTF8_BOM);
            out.writeBytes(CsvOracle.UTF8_BOM);
        }
        in.writeBytes(utf8(ends.get(9).repeat(blanks.get(9))));
        // A header with no line end (a header-only file with no final line end) is ended by LF in the output.
        String headerEnd = records.size() == 1 && !finalLineEnd ? "\n" : ends.get(0);
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String record = record(records.get(i), quote);
            cells.add(records.get(i).stream().map(c -> quote.fit(c.text())).toList());
            String end = ends.get(i % 9);
            boolean last = i == records.size() - 1;
            in.writeBytes(utf8(record));
            if (!last || finalLineEnd) {
                in.writeBytes(utf8(end + end.repeat(blanks.get(i % 9))));
            }
            out.writeBytes(utf8(record + "," + (i == 0 ? "NEWCOL" : "1") + headerEnd));
        }
        return new Csv(in.toByteArray(), out.toByteArray(), cells, quote);
    }

    /**
     * Writes one record: a cell is quoted when it must be, or when it asks to be; a record is never zero bytes. With
     * no quoting, an empty cell alone on its row is written {@code -}.
     */
    static String record(List<Cell> cells, Quote quote) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String t = quote.fit(cells.get(c).text());
            if (c > 0) {
                sb.append(',');
            }
            if (quote.quote() == 0) {
                sb.append(cells.size() == 1 && t.isEmpty() ? "-" : t);
                continue;
            }
            String q = String.valueOf(quote.quote());
            boolean must = t.contains(",") || t.contains(q) || t.contains("\r") || t.contains("\n")
                    || (cells.size() == 1 && t.isEmpty());
            if (!must && !cells.get(c).quoted()) {
                sb.append(t);
                continue;
            }
            String inside = quote.escape() == 0 ? t.replace(q, q + q)
                    : t.replace(String.valueOf(quote.escape()), "" + quote.escape() + quote.escape())
                    .replace(q, quote.escape() + q);
            sb.append(q).append(inside).append(q);
        }
        return sb.toString();
    }

    private static boolean namesAreDistinct(List<Cell> names) {
        return names.stream().map(Cell::text).distinct().count() == names.size()
                && names.stream().noneMatch(n -> n.text().equals("NEWCOL"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
