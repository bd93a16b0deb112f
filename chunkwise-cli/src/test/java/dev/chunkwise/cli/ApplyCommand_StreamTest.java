package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apply} with the input read as a stream of blocks gives what it gives with the file read whole: the same
 * output byte for byte, or the same error, however the blocks fall — when the types the first rows suggest are not
 * the whole file's, when an expression fails in a later block, on every backend — and reads and writes standard input
 * and output.
 */
@Timeout(180)
class ApplyCommand_StreamTest {

    @TempDir
    Path dir;

    /** A file of a header {@code A,B,S} and {@code rows} rows, row {@code r} (from 1) as {@code row} says. */
    Path file(String name, int rows, IntFunction<String> row) throws IOException {
        StringBuilder csv = new StringBuilder("A,B,S\n");
        for (int r = 1; r <= rows; r++) {
            csv.append(row.apply(r)).append('\n');
        }
        return Files.writeString(dir.resolve(name), csv, StandardCharsets.UTF_8);
    }

    /** Runs apply on {@code in} into {@code out} with {@code options} and the expression {@code with}. */
    CliRun apply(Path in, Path out, String with, String... options) {
        List<String> args = new ArrayList<>(List.of("apply", in.toString(), "--with", with, "-o", out.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Asserts the streamed run and the whole-file run of {@code in} end alike, and returns the streamed one. */
    CliRun assertSameAsWholeFile(Path in, String with, String... options) throws IOException {
        Path whole = dir.resolve("whole.csv");
        Path streamed = dir.resolve("streamed.csv");
        List<String> wholeOptions = new ArrayList<>(List.of(options));
        wholeOptions.add("--no-stream");
        List<String> streamOptions = new ArrayList<>(List.of(options));
        streamOptions.addAll(List.of("--stream", "--block-size", "50"));
        CliRun w = apply(in, whole, with, wholeOptions.toArray(String[]::new));
        CliRun s = apply(in, streamed, with, streamOptions.toArray(String[]::new));

        assertThat(s.exitCode()).as(s.err()).isEqualTo(w.exitCode());
        assertThat(s.err()).isEqualTo(w.err());
        if (w.exitCode() == 0) {
            assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(whole));
        } else {
            assertThat(streamed).doesNotExist();
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1.5 on the last row: A is double",
            "3000000000 on the last row: A is long",
            "an empty A on the last row: A is double (NaN)",
            "n/a on the last row: an error naming the line",
            "text on most rows after the first: A is text",
            "true/false, then an empty field: an error naming the line"})
    void typesThatOnlyLaterRowsDecide_giveTheWholeFileResult(String shape) throws IOException {
        int rows = 200;
        IntFunction<String> a = switch (shape.substring(0, 4)) {
            case "1.5 " -> r -> r == rows ? "1.5" : Integer.toString(r);
            case "3000" -> r -> r == rows ? "3000000000" : Integer.toString(r);
            case "an e" -> r -> r == rows ? "" : Integer.toString(r);
            case "n/a " -> r -> r == rows ? "n/a" : Integer.toString(r);
            case "text" -> r -> r <= 3 ? Integer.toString(r) : "t" + r;
            default -> r -> r == rows ? "" : r % 2 == 0 ? "true" : "false";
        };
        Path in = file("in.csv", rows, r -> a.apply(r) + "," + r + ",s" + r);

        CliRun run = assertSameAsWholeFile(in, shape.startsWith("true") ? "K = A ? 1 : 0" : "K = A + A");

        if (shape.contains("error")) {
            assertThat(run.err()).contains(":" + (rows + 1) + ": column A");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"K = A.length()", "K = Integer.parseInt(A)"})
    void aColumnOfNumbersUsedAsText_withOneValueThatIsNot_endsAsInTheWholeFile(String with) throws IOException {
        // Read as text, since the expression uses it as text: the odd value is no misfit (length() runs; parseInt
        // fails on it, naming the expression and its line, as the whole file does).
        Path in = file("in.csv", 200, r -> (r == 150 ? "oops" : Integer.toString(r)) + "," + r + ",s");

        CliRun run = assertSameAsWholeFile(in, with);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(with.contains("length") ? 0 : 1);
        if (run.exitCode() == 0) {
            CliRun explained = apply(in, dir.resolve("explained.csv"), with, "--stream", "--block-size", "50", "--explain");
            assertThat(explained.err()).contains("column A: String (--with '" + with + "' uses it as text)");
        }
    }

    @Test
    void aDivisionByAnIntZero_whereALaterRowMakesTheColumnDouble_isNoFailure_asInTheWholeFile() throws IOException {
        // B = 0 on row 50 fails A / B as ints; a 0.5 on the last row makes B double, and A / 0.0 is Infinity.
        Path in = file("in.csv", 300, r -> r + "," + (r == 50 ? "0" : r == 300 ? "0.5" : "1") + ",s");

        CliRun run = assertSameAsWholeFile(in, "K = A / B");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes"})
    void anExpressionThatFailsInALaterBlock_namesItsLineAndDataRow(String backend) throws IOException {
        Path in = file("in.csv", 300, r -> r + "," + (r == 250 ? 0 : 1) + ",s" + r);

        CliRun run = assertSameAsWholeFile(in, "K = A / B", "--backend", backend, "--workers", "2");

        assertThat(run.err()).contains("failed on line 251 of " + in + ", data row 250 (A=250, B=0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"all integers", "B written 0100 on row 100"})
    void aClassGivenByApply_writesEveryColumnAsTheWholeFileRunDoes(String shape) throws IOException {
        Path jar = UserJar.of(dir, "Triple", UserJar.triple());
        Path in = file("in.csv", 120, r -> r + "," + (r == 100 && shape.contains("0100") ? "0" + r : r) + ",s" + r);
        List<String> args = List.of("--apply", "com.example.Triple", "--jar", jar.toString());
        Path whole = dir.resolve("whole.csv");
        Path streamed = dir.resolve("streamed.csv");

        CliRun w = CliRun.of(concat(List.of("apply", in.toString(), "-o", whole.toString(), "--no-stream"), args));
        CliRun s = CliRun.of(concat(List.of("apply", in.toString(), "-o", streamed.toString(), "--stream",
                "--block-size", "64"), args));

        assertThat(w.exitCode()).as(w.err()).isZero();
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(whole));
        assertThat(Files.readAllLines(streamed).get(100)).startsWith(shape.contains("0100") ? "100,0100," : "100,100,");
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    @Test
    void standardInputToStandardOutput_givesTheFileResult() throws IOException {
        Path in = file("in.csv", 500, r -> r + "," + r % 7 + ",\"s,\"\"" + r + "\"\"\"");
        CliRun whole = apply(in, dir.resolve("whole.csv"), "K = A * B", "--no-stream");
        assertThat(whole.exitCode()).as(whole.err()).isZero();

        byte[] out = withStandardStreams(new ByteArrayInputStream(Files.readAllBytes(in)), () -> {
            CliRun run = CliRun.of("apply", "-", "--with", "K = A * B", "-o", "-", "--block-size", "100");
            assertThat(run.exitCode()).as(run.err()).isZero();
        });

        assertThat(out).isEqualTo(Files.readAllBytes(dir.resolve("whole.csv")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"in.fifo.csv", "in.fifo.csv.gz"})
    void aFifo_plainOrGzip_isReadAsAStream_andGivesTheFileResult(String name) throws Exception {
        Path in = file("in.csv", 2000, r -> r + "," + r % 5 + ",s" + r);
        CliRun whole = apply(in, dir.resolve("whole.csv"), "K = A * B", "--no-stream");
        Path fifo = dir.resolve(name);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        byte[] bytes = name.endsWith(".gz") ? gzip(Files.readAllBytes(in)) : Files.readAllBytes(in);
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();

        CliRun run = apply(fifo, dir.resolve("out.csv"), "K = A * B");
        writer.join();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("out.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("whole.csv")));
        assertThat(whole.exitCode()).isZero();
    }

    @Test
    void gzipOnStandardInput_isRecognisedByItsFirstBytes() throws IOException {
        Path in = file("in.csv", 300, r -> r + ",1,s");
        CliRun whole = apply(in, dir.resolve("whole.csv"), "K = A + B", "--no-stream");
        assertThat(whole.exitCode()).isZero();

        byte[] out = withStandardStreams(new ByteArrayInputStream(gzip(Files.readAllBytes(in))), () -> {
            CliRun run = CliRun.of("apply", "-", "--with", "K = A + B", "-o", "-");
            assertThat(run.exitCode()).as(run.err()).isZero();
        });

        assertThat(out).isEqualTo(Files.readAllBytes(dir.resolve("whole.csv")));
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
            gz.write(bytes);
        }
        return buffer.toByteArray();
    }

    @Test
    void standardInputWhoseTypeChangesLate_failsNamingTheColumnAndTheTypeToGive() throws IOException {
        Path in = file("in.csv", 300, r -> (r == 300 ? "0.5" : Integer.toString(r)) + ",1,s");
        Path out = dir.resolve("out.csv");

        CliRun[] run = new CliRun[1];
        withStandardStreams(Files.newInputStream(in), () -> run[0] = CliRun.of("apply", "-", "--with", "K = A * 2",
                "-o", out.toString(), "--block-size", "100"));

        assertThat(run[0].exitCode()).isEqualTo(1);
        assertThat(run[0].err()).isEqualTo("chunkwise apply: standard input: column A is double over the whole input, "
                + "but its first rows were read as int and their results written already (an input read as a stream "
                + "cannot be read again); give --type A=double" + System.lineSeparator());
        assertThat(out).doesNotExist();
        CliRun again = withTypeGiven(in, out);
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    private CliRun withTypeGiven(Path in, Path out) throws IOException {
        CliRun[] run = new CliRun[1];
        withStandardStreams(Files.newInputStream(in), () -> run[0] = CliRun.of("apply", "-", "--with", "K = A * 2",
                "-o", out.toString(), "--block-size", "100", "--type", "A=double"));
        return run[0];
    }

    @Test
    void parquetAndStandardStreams_orNoStreamWithAPipe_areUsageErrors() {
        CliRun parquet = CliRun.of("apply", "-", "--with", "K = 1", "-o", dir.resolve("o.parquet").toString());
        CliRun noStream = CliRun.of("apply", "-", "--with", "K = 1", "-o", dir.resolve("o.csv").toString(),
                "--no-stream");

        assertThat(parquet.exitCode()).isEqualTo(2);
        assertThat(parquet.err()).startsWith("chunkwise apply: INPUT -: standard input and output are CSV");
        assertThat(noStream.exitCode()).isEqualTo(2);
        assertThat(noStream.err()).startsWith("chunkwise apply: --no-stream: standard input and output");
    }

    /** Runs {@code body} with standard input reading {@code in} and returns what it wrote to standard output. */
    private static byte[] withStandardStreams(InputStream in, Runnable body) throws IOException {
        InputStream stdin = System.in;
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (in) {
            System.setIn(in);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            body.run();
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
        }
        return captured.toByteArray();
    }
}
