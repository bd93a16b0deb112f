package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chunkwise schema FILE} says a file's dialect and, for each column, the type {@code apply}'s expressions would
 * see with a few values, from its first rows; a column an expression could not read as it is says where and why.
 */
class SchemaCommandTest {

    @TempDir
    Path dir;

    @Test
    void semicolonFileWithCrlfAndABom_namesTheDialect_theTypes_andSampleValues() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path file = dir.resolve("de.csv");
        Files.write(file, bom);
        Files.writeString(file, "Name;Menge;Preis;aktiv\r\n\"Müller; A.\";3;1,50;true\r\nSchmidt;4;2,25;FALSE\r\n"
                + "Weber;12;0,99;true\r\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        CliRun run = CliRun.of("schema", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "delimiter ';', line end CRLF, UTF-8 byte-order mark; 3 rows (the whole file)",
                "column  type     values, and why the type",
                "Name    text     Müller; A., Schmidt, Weber (3 of 3 values are not numbers)",
                "Menge   int      3, 4, 12 (all 3 values are integers)",
                "Preis   text     1,50, 2,25, 0,99 (3 of 3 values are not numbers)",
                "aktiv   boolean  true, FALSE (all 3 values are true or false)");
    }

    @Test
    void theQuotingOptions_areSaidOnTheFirstLine() throws IOException {
        Path file = Files.writeString(dir.resolve("mysql.csv"), "an export\nid,name\n1,'O\\'Brien'\n2,'x'\n");

        CliRun run = CliRun.of("schema", file.toString(), "--quote", "'", "--escape", "\\", "--header-row", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow())
                .isEqualTo("delimiter ',', line end LF, quote ''', escape '\\', header on line 2; 2 rows (the whole file)");
        Path plain = Files.writeString(dir.resolve("plain.csv"), "1,\"2\n3,4\n");
        assertThat(CliRun.of("schema", plain.toString(), "--no-header", "--quote", "none").out())
                .startsWith("delimiter ',', line end LF, no quoting, no header; ");
    }

    @Test
    void aMostlyNumericColumnWithText_isMixed_namingTheLineAndValue() throws IOException {
        Path file = Files.writeString(dir.resolve("x.csv"), "D\n5\n7\nn/a\n");

        CliRun run = CliRun.of("schema", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("D       mixed    5, 7, n/a (line 4: \"n/a\" is not a number, but 2 of the "
                + "column's 3 values are");
    }

    @Test
    void aFileLargerThanTheSample_saysTheRowsAreSampled() throws IOException {
        StringBuilder csv = new StringBuilder("A,B\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(',').append(i % 3).append('\n');
        }
        Path file = Files.writeString(dir.resolve("big.csv"), csv);

        CliRun run = CliRun.of("schema", file.toString(), "--sample-bytes", "4096");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow()).startsWith("delimiter ',', line end LF; ")
                .endsWith(" rows sampled (the file's first rows)");
    }

    @Test
    void aMissingFile_orAParquetFile_isAClearError() {
        CliRun missing = CliRun.of("schema", dir.resolve("nope.csv").toString());
        CliRun parquet = CliRun.of("schema", dir.resolve("x.parquet").toString());

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.csv: no such file");
        assertThat(parquet.exitCode()).isEqualTo(2);
        assertThat(parquet.err()).contains("schema reads CSV files");
    }
}
