package dev.chunkwise.cli.csv;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.pool.Pool;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dflib.DataFrame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parallel reader gives exactly what the sequential reader gives, and what was written, for CSV text with
 * quotes, doubled quotes, commas and newlines inside fields, CRLF, empty fields and blank lines, at every partition
 * count.
 */
class CsvReader_ParallelTest {

    static Pool pool;
    static Path dir;

    @BeforeContainer
    static void open() throws IOException {
        pool = Pool.threads(3);
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
                Arbitraries.strings().withChars("ab ,\"\n\r€").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5));
    }

    @Property(tries = 200)
    void parallelRead_equalsSequentialRead_andTheCellsWritten(
            @ForAll("tables") List<List<String>> rows,
            @ForAll @IntRange(min = 1, max = 16) int partitions,
            @ForAll boolean crlf,
            @ForAll long seed) throws IOException {
        int width = rows.get(0).size();
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder();
        String nl = crlf ? "\r\n" : "\n";
        for (int c = 0; c < width; c++) {
            csv.append(c > 0 ? "," : "").append("c").append(c);
        }
        csv.append(nl);
        for (List<String> row : rows) {
            for (int c = 0; c < width; c++) {
                String cell = row.get(c);
                boolean mustQuote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
                csv.append(c > 0 ? "," : "");
                csv.append(mustQuote || random.nextInt(4) == 0 ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
            }
            csv.append(nl);
            if (random.nextInt(10) == 0) {
                csv.append(nl); // a blank line, skipped
            }
        }
        Path file = Files.writeString(dir.resolve("t" + seed + ".csv"), csv, StandardCharsets.UTF_8);

        DataFrame sequential = CsvReader.read(file, Pool.serial(), 1, 1).frame();
        DataFrame parallel = CsvReader.read(file, pool, partitions, 1).frame();

        assertThat(Frames.contentEquals(parallel, sequential)).as(csv.toString()).isTrue();
        assertThat(sequential.height()).isEqualTo(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < width; c++) {
                assertThat(String.valueOf(sequential.get(c, r))).as("row %d column %d", r, c).isEqualTo(rows.get(r).get(c));
            }
        }
        Files.delete(file);
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
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        CsvWriter.write(df, bytes, Pool.serial(), 3);
        String text = bytes.toString(StandardCharsets.UTF_8);
        Files.writeString(file, crlf ? text.replace("\n", "\r\n") : text);

        DataFrame back = CsvReader.read(file, pool, partitions, 1).frame();

        assertThat(Frames.contentEquals(back, df)).isTrue();
        Files.delete(file);
    }
}
