package dev.chunkwise.cli.csv;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.cli.work.LocalThreads;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dflib.DataFrame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parallel reader gives exactly what the sequential reader gives, and what was written, for CSV text with
 * quotes, doubled quotes, commas and newlines inside fields, LF, CRLF or CR line ends, empty fields and blank lines, at
 * every partition count, quoted with {@code "} or {@code '}, doubled or escaped with {@code \}; and the file written
 * back without changes is the file without its blank lines.
 */
class CsvReader_ParallelTest {

    static LocalThreads pool;
    static Path dir;

    @BeforeContainer
    static void open() throws IOException {
        pool = LocalThreads.start(3);
        dir = Files.createTempDirectory("chunkwise-csv-test");
    }

    @AfterContainer
    static void close() throws IOException {
        pool.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab ,\"'\\\n\r€").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5));
    }

    @Property(tries = 200)
    void parallelRead_equalsSequentialRead_theCellsWritten_andWritesBackByteForByte(
            @ForAll("tables") List<List<String>> rows,
            @ForAll @IntRange(min = 1, max = 16) int partitions,
            @ForAll("lineEnds") String nl,
            @ForAll("quotings") Quoting quoting,
            @ForAll long seed) throws IOException {
        String q = String.valueOf((char) quoting.quote());
        String e = quoting.escape() == Quoting.NONE ? null : String.valueOf((char) quoting.escape());
        int width = rows.get(0).size();
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder();
        StringBuilder withoutBlankLines = new StringBuilder();
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < width; c++) {
            header.append(c > 0 ? "," : "").append("c").append(c);
        }
        csv.append(header).append(nl);
        withoutBlankLines.append(header).append(nl);
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < width; c++) {
                String cell = row.get(c);
                boolean mustQuote = cell.contains(",") || cell.contains(q) || cell.contains("\n") || cell.contains("\r");
                line.append(c > 0 ? "," : "");
                String inside = e == null ? cell.replace(q, q + q) : cell.replace(e, e + e).replace(q, e + q);
                line.append(mustQuote || random.nextInt(4) == 0 ? q + inside + q : cell);
            }
            csv.append(line).append(nl);
            withoutBlankLines.append(line).append(nl);
            if (random.nextInt(10) == 0) {
                csv.append(nl); // a blank line, skipped
            }
        }
        Path file = Files.writeString(dir.resolve("t" + seed + ".csv"), csv, StandardCharsets.UTF_8);
        int[] all = IntStream.range(0, width).toArray();

        CsvFile sequential = read(file, Runnable::run, 1, all, quoting);
        CsvFile parallel = read(file, pool, partitions, all, quoting);
        DataFrame seqFrame = sequential.typedFrame(null, null, Runnable::run).frame();
        DataFrame parFrame = parallel.typedFrame(null, null, pool).frame();

        assertThat(Frames.contentEquals(parFrame, seqFrame)).as(csv.toString()).isTrue();
        assertThat(seqFrame.height()).isEqualTo(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < width; c++) {
                assertThat(String.valueOf(seqFrame.get(c, r))).as("row %d column %d", r, c).isEqualTo(rows.get(r).get(c));
            }
        }
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        parallel.write(back, List.of(), List.of(), pool);
        assertThat(back.toString(StandardCharsets.UTF_8)).isEqualTo(withoutBlankLines.toString());
        Files.delete(file);
    }

    @Provide
    Arbitrary<Quoting> quotings() {
        return Arbitraries.of(Quoting.RFC_4180, new Quoting('"', '\\'), new Quoting('\'', Quoting.NONE),
                new Quoting('\'', '\\'));
    }

    @Provide
    Arbitrary<String> lineEnds() {
        return Arbitraries.of("\n", "\r\n", "\r");
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        return Arbitraries.integers().between(1, 4).flatMap(width ->
                cells().list().ofSize(width).list().ofMinSize(1).ofMaxSize(60)
                        .filter(rows -> rows.stream().allMatch(r -> !r.get(0).isEmpty())));
    }

    @Property(tries = 30)
    void parallelRead_numbers_givePrimitiveColumnsEqualToSequential(
            @ForAll @IntRange(min = 1, max = 3000) int rows,
            @ForAll @IntRange(min = 1, max = 16) int partitions,
            @ForAll boolean crlf,
            @ForAll long seed) throws IOException {
        DataFrame df = Frames.randomInts(rows, -1_000_000, 1_000_000, seed, "A", "B", "C");
        Path file = dir.resolve("n" + seed + ".csv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter.write(df, bytes, Runnable::run, 3);
        String text = bytes.toString(StandardCharsets.UTF_8);
        Files.writeString(file, crlf ? text.replace("\n", "\r\n") : text);

        CsvFile read = read(file, pool, partitions, new int[]{0, 1, 2}, Quoting.RFC_4180);
        DataFrame back = read.typedFrame(null, new String[]{"x", "x", "x"}, pool).frame();

        assertThat(Frames.contentEquals(back, df)).isTrue();
        Files.delete(file);
    }

    static CsvFile read(Path file, Executor pool, int partitions, int[] typed, Quoting quoting) {
        CsvDialect dialect = new CsvDialect(null, true, null, null, quoting, 1);
        return CsvReader.open(file, StandardCharsets.UTF_8, Compression.NONE, dialect).read(typed, pool, partitions, 1);
    }
}
