package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code --with} expression that throws on a row fails the run naming the expression, the data row (counting from
 * 1, the header not counted), the values it read there and the original exception, on every backend.
 */
@Timeout(120)
class ApplyCommand_ExpressionFailureTest {

    @TempDir
    Path dir;

    /**
     * A file of {@code rows} rows: A = the row's number (from 1), B = 1 but 0 on row {@code zeroRow}, S = A as text
     * but "oops" on row {@code oopsRow}.
     */
    Path file(int rows, int zeroRow, int oopsRow) throws IOException {
        StringBuilder csv = new StringBuilder("A,B,S\n");
        for (int r = 1; r <= rows; r++) {
            csv.append(r).append(',').append(r == zeroRow ? 0 : 1).append(',').append(r == oopsRow ? "oops" : r).append('\n');
        }
        return Files.writeString(dir.resolve("in.csv"), csv, StandardCharsets.UTF_8);
    }

    CliRun apply(Path in, String backend, String with) {
        return CliRun.of("apply", in.toString(), "--with", with, "-o", dir.resolve("out.csv").toString(),
                "--backend", backend, "--workers", "2", "--partitions", "3");
    }

    void assertFailedWith(CliRun run, String message) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("chunkwise apply: " + message + System.lineSeparator());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("in.csv");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes", "spark", "auto"})
    void parseIntOfText_namesTheDataRowAndTheValue(String backend) throws IOException {
        // 30 rows in 3 partitions of 10: row 25 is in the third.
        CliRun run = apply(file(30, 0, 25), backend, "K = Integer.parseInt(S)");

        assertFailedWith(run, "--with 'K = Integer.parseInt(S)' failed on line 26 of " + dir.resolve("in.csv") + ", data row 25 (S=\"oops\"): "
                + "java.lang.NumberFormatException: For input string: \"oops\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes"})
    void divisionByZero_inTheArithmeticKernel_namesTheDataRow(String backend) throws IOException {
        CliRun run = apply(file(30, 17, 0), backend, "K = A / B");

        assertFailedWith(run, "--with 'K = A / B' failed on line 18 of " + dir.resolve("in.csv") + ", data row 17 (A=17, B=0): java.lang.ArithmeticException: "
                + "/ by zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes"})
    void divisionByZero_compiled_namesTheDataRow(String backend) throws IOException {
        Path in = file(30, 23, 0);

        assertFailedWith(apply(in, backend, "K = Math.abs(A / B)"), "--with 'K = Math.abs(A / B)' failed on line 24 of " + dir.resolve("in.csv") + ", data row 23 "
                + "(A=23, B=0): java.lang.ArithmeticException: / by zero");
        assertFailedWith(apply(in, backend, "K = { int q = A / B; return q + 1; }"), "--with 'K = { int q = A / B; "
                + "return q + 1; }' failed on line 24 of " + dir.resolve("in.csv") + ", data row 23 (A=23, B=0): java.lang.ArithmeticException: / by zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes"})
    void textThatIsNull_isWrittenAsAnEmptyField(String backend) throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "A,T\n1,a\n2,b\n3,c\n4,d\n", StandardCharsets.UTF_8);

        CliRun run = apply(in, backend, "K = A > 2 ? null : T");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo("A,T,K\n1,a,a\n2,b,b\n3,c,\n4,d,\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "processes"})
    void nullWhereTheValueIsANumber_failsOnItsRow(String backend) throws IOException {
        // null : an int column is an Integer, unboxed to an int column: Java's NullPointerException on that row.
        CliRun run = apply(file(4, 0, 0), backend, "K = A > 2 ? null : B");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("chunkwise apply: --with 'K = A > 2 ? null : B' failed on line 4 of " + dir.resolve("in.csv") + ", data row 3 (A=3, B=1): "
                + "java.lang.NullPointerException");
    }

    @Test
    void secondExpression_namesItselfAndTheColumnTheFirstMade() throws IOException {
        CliRun run = CliRun.of("apply", file(30, 0, 0).toString(), "--with", "K = A - 12", "--with", "L = 100 % K",
                "-o", dir.resolve("out.csv").toString(), "--backend", "threads", "--partitions", "4");

        assertFailedWith(run, "--with 'L = 100 % K' failed on line 13 of " + dir.resolve("in.csv") + ", data row 12 (K=0): java.lang.ArithmeticException: / by zero");
    }
}
