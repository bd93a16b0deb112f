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
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only a streamed {@code --group-by} can get wrong, each beside {@code --no-stream}: a value that does not fit
 * its column, or a malformed row, in a later block than the first gives the same error (file, line, column, value,
 * argument); a column whose first blocks are numbers and whose later ones make it text is text, as on the whole
 * file; gzip input; standard input for {@code --agg} and {@code --with} (copied to a temporary file, which is
 * removed), standard output; and what {@code --explain} says.
 */
@Timeout(180)
class ApplyCommand_GroupByStreamTest {

    @TempDir
    Path dir;

    /** Runs {@code apply IN --group-by G ...} streamed in blocks of 64 bytes and whole; returns both runs. */
    List<CliRun> both(Path in, String... computation) {
        List<CliRun> runs = new ArrayList<>();
        for (String[] path : new String[][]{{"--block-size", "64"}, {"--no-stream"}}) {
            List<String> args = new ArrayList<>(List.of("apply", in.toString(), "--group-by", "G", "-o",
                    dir.resolve(path[0].equals("--no-stream") ? "whole.csv" : "streamed.csv").toString()));
            args.addAll(List.of(computation));
            args.addAll(List.of(path));
            runs.add(CliRun.of(args.toArray(String[]::new)));
        }
        return runs;
    }

    /** A file of {@code rows} rows {@code k<i % 3>,<i>}, then {@code tail}. */
    Path numbers(int rows, String tail) throws IOException {
        StringBuilder sb = new StringBuilder("G,D\n");
        for (int i = 0; i < rows; i++) {
            sb.append('k').append(i % 3).append(',').append(i).append('\n');
        }
        return Files.writeString(dir.resolve("in.csv"), sb + tail, StandardCharsets.UTF_8);
    }

    void assertSameFailure(List<CliRun> runs, int code, String message) throws IOException {
        for (CliRun r : runs) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
            assertThat(r.err()).contains(message).doesNotContain("\tat ");
        }
        assertThat(runs.get(0).err()).isEqualTo(runs.get(1).err());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("streamed")
                    || n.contains("whole"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--agg", "--with"})
    void misfitInALaterBlock_failsAsTheWholeFileDoes(String kind) throws IOException {
        Path in = numbers(200, "k1,n/a\n");
        String computation = kind.equals("--agg") ? "S = sum(D)" : "Z = D - mean(D)";

        List<CliRun> runs = both(in, kind, computation);

        assertSameFailure(runs, 1, in + ":202: column D: \"n/a\" is not a number, but 200 of the column's 201 values "
                + "are, so D is read as a number");
    }

    @Test
    void keyNotFittingItsTypeInALaterBlock_failsAsTheWholeFileDoes() throws IOException {
        Path in = numbers(200, "x,5\n");

        List<CliRun> runs = both(in, "--agg", "N = count()", "--type", "G=int");
        List<CliRun> text = both(numbers(200, ""), "--agg", "N = count()", "--type", "G=int");

        assertSameFailure(runs, 1, in + ":2: column G: \"k0\" is not an int, as --type G=int says it must be");
        assertThat(text.get(0).exitCode()).isEqualTo(1);
    }

    @Test
    void malformedRowInALaterBlock_failsAsTheWholeFileDoes() throws IOException {
        Path in = numbers(200, "k1,\"unclosed\n");

        List<CliRun> runs = both(in, "--agg", "S = sum(D)");

        assertThat(runs.get(0).exitCode()).as(runs.get(0).err()).isEqualTo(1);
        assertSameFailure(runs, 1, in + ":202");
    }

    @Test
    void numbersFirstTextLater_isTextAsOnTheWholeFile() throws IOException {
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            tail.append("k2,t").append(i).append('\n');
        }
        Path in = numbers(200, tail.toString());

        List<CliRun> sum = both(in, "--agg", "S = sum(D)");
        assertSameFailure(sum, 2, "--agg 'S = sum(D)': sum needs numbers, but D is read as text (300 of 500 values are "
                + "not numbers)");

        List<CliRun> firsts = both(in, "--agg", "F = first(D)", "--agg", "L = last(D)", "--agg", "N = count()");

        assertThat(firsts.get(0).exitCode()).as(firsts.get(0).err()).isZero();
        assertThat(firsts.get(1).exitCode()).as(firsts.get(1).err()).isZero();
        assertThat(read("streamed.csv")).isEqualTo(read("whole.csv"))
                .isEqualTo("G,F,L,N\nk0,0,198,67\nk1,1,199,67\nk2,2,t299,366\n");
    }

    @Test
    void integersFirstDecimalsLater_sumAsDoublesAsOnTheWholeFile() throws IOException {
        Path in = numbers(200, "k1,0.5\n");

        List<CliRun> runs = both(in, "--agg", "S = sum(D)", "--agg", "LO = min(D)", "--agg", "F = first(D)");

        assertThat(runs).allSatisfy(r -> assertThat(r.exitCode()).as(r.err()).isZero());
        assertThat(read("streamed.csv")).isEqualTo(read("whole.csv"))
                .isEqualTo("G,S,LO,F\nk0,6633.0,0.0,0.0\nk1,6700.5,0.5,1.0\nk2,6567.0,2.0,2.0\n");
    }

    @Test
    void gzipInput_andExplain_sayItStreamed() throws IOException {
        Path plain = numbers(500, "");
        Path gz = dir.resolve("in.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }

        CliRun run = CliRun.of("apply", gz.toString(), "--group-by", "G", "--agg", "S = sum(D)", "-o",
                dir.resolve("streamed.csv").toString(), "--block-size", "256", "--explain");
        CliRun whole = CliRun.of("apply", plain.toString(), "--group-by", "G", "--agg", "S = sum(D)", "-o",
                dir.resolve("whole.csv").toString(), "--no-stream");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        assertThat(read("streamed.csv")).isEqualTo(read("whole.csv"));
        assertThat(run.err()).containsPattern("plan: streamed --group-by: 500 rows in \\d\\d blocks of about 256 "
                + "bytes, up to \\d+ in flight on \\d+ threads; 3 groups")
                .contains("column G: String (a --group-by key, read as text)", "in the threads: scan ", ", group ",
                        "; merge ", ", write ", ", total ");
    }

    @Test
    void standardInput_aggAndWith_equalTheFilesResult_andTheSpoolIsRemoved() throws IOException {
        Path in = numbers(300, "");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long spoolsBefore = spools(tmp);

        byte[] agg = withStandardStreams(new ByteArrayInputStream(Files.readAllBytes(in)), () -> assertThat(
                CliRun.of("apply", "-", "--group-by", "G", "--agg", "S = sum(D)", "-o", "-", "--block-size", "100")
                        .exitCode()).isZero());
        byte[] with = withStandardStreams(new ByteArrayInputStream(Files.readAllBytes(in)), () -> assertThat(
                CliRun.of("apply", "-", "--group-by", "G", "--with", "Z = D - min(D)", "-o",
                        dir.resolve("streamed.csv").toString(), "--block-size", "100").exitCode()).isZero());
        CliRun wholeAgg = CliRun.of("apply", in.toString(), "--group-by", "G", "--agg", "S = sum(D)", "-o",
                dir.resolve("whole-agg.csv").toString(), "--no-stream");
        CliRun wholeWith = CliRun.of("apply", in.toString(), "--group-by", "G", "--with", "Z = D - min(D)", "-o",
                dir.resolve("whole.csv").toString(), "--no-stream");

        assertThat(wholeAgg.exitCode()).isZero();
        assertThat(wholeWith.exitCode()).isZero();
        assertThat(new String(agg, StandardCharsets.UTF_8)).isEqualTo(read("whole-agg.csv"));
        assertThat(with).isEmpty();
        assertThat(read("streamed.csv")).isEqualTo(read("whole.csv")).startsWith("G,D,Z\nk0,0,0\nk1,1,0\nk2,2,0\n");
        assertThat(spools(tmp)).as("temporary copies of standard input left in " + tmp).isEqualTo(spoolsBefore);
    }

    @Test
    void noStreamWithStandardInput_saysToLetItStream() {
        CliRun run = CliRun.of("apply", "-", "--group-by", "G", "--agg", "N = count()", "-o", "x.csv", "--no-stream");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-stream: --group-by reads a whole file then, so standard input and output "
                + "cannot be used");
    }

    private static long spools(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("chunkwise-stdin-")).count();
        }
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
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
