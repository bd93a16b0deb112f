package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class ApplyCommandTest {

    @TempDir
    Path dir;

    Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Asserts that the run failed with {@code code}, said {@code message}, and left no file but the input(s). */
    void assertFailedCleanly(CliRun run, int code, String... message) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err()).contains(message).doesNotContain("\tat ");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("files after a failed run").noneMatch(n -> n.startsWith("out") || n.startsWith(".out"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes", "spark", "auto"})
    void apply_everyBackend_addsTheColumnInOrder(String backend) throws IOException {
        Path in = write("in.csv", "A,B\n1,x\n2,y\n3,\"z,z\"\n");
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", out.toString(),
                "--backend", backend, "--workers", "2", "--partitions", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo("A,B,K\n1,x,2\n2,y,4\n3,\"z,z\",6\n");
    }

    @Test
    void apply_generatedMillionRows_matchesAPlainComputation() throws IOException {
        Path in = dir.resolve("data.csv");
        Path out = dir.resolve("out.csv");
        assertThat(CliRun.of("generate", "--rows", "200000", "--seed", "7", "-o", in.toString()).exitCode()).isZero();

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "--with", "L = K + B", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> input = Files.readAllLines(in);
        List<String> output = Files.readAllLines(out);
        assertThat(output).hasSize(input.size());
        assertThat(output.get(0)).isEqualTo("A,B,C,D,K,L");
        for (int i = 1; i < input.size(); i++) {
            String[] f = input.get(i).split(",");
            int k = Integer.parseInt(f[0]) * 2;
            assertThat(output.get(i)).isEqualTo(input.get(i) + "," + k + "," + (k + Integer.parseInt(f[1])));
        }
    }

    @Test
    void apply_blockAndTypes_inferIntLongDoubleBooleanString() throws IOException {
        Path in = write("in.csv", "A,S\n4,ab\n9,c\n");
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("apply", in.toString(), "-o", out.toString(),
                "--with", "R = Math.sqrt(A)",
                "--with", "L = A * 10000000000L",
                "--with", "E = A % 2 == 0",
                "--with", "T = S + A",
                "--with", "Q = { int s = 0; for (int i = 0; i <= A; i++) s += i; return s; }");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo("A,S,R,L,E,T,Q\n4,ab,2.0,40000000000,true,ab4,10\n9,c,3.0,90000000000,false,c9,45\n");
    }

    @Test
    void apply_gzipInAndOut_roundTrips() throws IOException {
        Path plain = write("in.csv", "A\n1\n2\n");
        Path gz = dir.resolve("in.csv.gz");
        Path out = dir.resolve("out.csv.gz");
        try (var o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(plain));
        }

        CliRun run = CliRun.of("apply", gz.toString(), "--with", "B = A + 1", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (InputStream i = new GZIPInputStream(Files.newInputStream(out))) {
            assertThat(new String(i.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("A,B\n1,2\n2,3\n");
        }
    }

    @Test
    void apply_oneFractionAnywhere_typesTheColumnDoubleFromTheFirstRow_andExplainSaysSo() throws IOException {
        StringBuilder csv = new StringBuilder("A\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append('\n');
        }
        csv.append("2.5\n");
        Path in = write("in.csv", csv.toString());
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A / 2", "-o", out.toString(), "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("column A: double (all 20,001 values are numbers, some with a fraction)");
        // A / 2 is a double division on every row, not an int one before the fraction; A itself is written as read.
        assertThat(read(out)).startsWith("A,K\n0,0.0\n1,0.5\n").endsWith("\n2.5,1.25\n");
    }

    @Test
    void apply_keepsTheReplacedFilesPermissions_andNewFilesAreReadable() throws IOException {
        Path in = write("in.csv", "A\n1\n");
        Path out = dir.resolve("out.csv");

        assertThat(CliRun.of("apply", in.toString(), "--with", "K = A", "-o", out.toString()).exitCode()).isZero();

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-r--r--");
    }

    // Bad input: a clear message, the right exit code, and no output file.

    @Test
    void missingInput_exits1NamingTheFile() throws IOException {
        assertFailedCleanly(CliRun.of("apply", dir.resolve("nope.csv").toString(), "--with", "K = A", "-o",
                dir.resolve("out.csv").toString()), 1, "nope.csv: no such file");
    }

    @Test
    void unknownExtension_exits2() throws IOException {
        Path in = write("in.txt", "A\n1\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = A", "-o", dir.resolve("out.csv").toString()),
                2, "unknown extension '.txt' (expected .csv, .csv.gz, .csv.zst or .parquet)");
    }

    @Test
    void raggedRow_exits1NamingFileAndLine() throws IOException {
        Path in = write("in.csv", "A,B\n1,2\n3,4\n5\n6,7\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = A", "-o", dir.resolve("out.csv").toString()),
                1, "in.csv:4: this row has 1 field but the header has 2");
    }

    @Test
    void unclosedQuote_exits1NamingFileAndLine() throws IOException {
        Path in = write("in.csv", "A,B\n1,2\n3,\"four\n5,6\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = A", "-o", dir.resolve("out.csv").toString()),
                1, "in.csv:3: a quoted field in column 2 starts on this line and is never closed");
    }

    @Test
    void emptyFile_exits1() throws IOException {
        Path in = write("in.csv", "");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = A", "-o", dir.resolve("out.csv").toString()),
                1, "in.csv: the file is empty");
    }

    @Test
    void headerOnly_givesTheHeaderWithTheNewColumns() throws IOException {
        Path in = write("in.csv", "A,B\r\n");
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo("A,B,K\r\n");
    }

    @Test
    void textInANumericExpression_exits2SayingTheTypes() throws IOException {
        Path in = write("in.csv", "A,B\n1,x\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = B * 2", "-o", dir.resolve("out.csv").toString()),
                2, "--with 'K = B * 2'", "String");
    }

    @Test
    void syntaxError_exits2PointingAtThePosition() throws IOException {
        Path in = write("in.csv", "A\n1\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = A * * 2", "-o", dir.resolve("out.csv").toString()),
                2, "--with 'K = A * * 2': at position ");
    }

    @Test
    void unknownColumn_exits2ListingTheColumns() throws IOException {
        Path in = write("in.csv", "A,B\n1,2\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = Z * 2", "-o", dir.resolve("out.csv").toString()),
                2, "\"Z\"", "(the columns are A, B)");
    }

    @Test
    void notAnAssignment_exits2() throws IOException {
        Path in = write("in.csv", "A\n1\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "A * 2", "-o", dir.resolve("out.csv").toString()),
                2, "expected NAME = EXPRESSION");
    }

    @Test
    void expressionThrows_exits1() throws IOException {
        Path in = write("in.csv", "A\n0\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = 1 / A", "-o", dir.resolve("out.csv").toString()),
                1, "--with 'K = 1 / A' failed on line 2 of " + dir.resolve("in.csv") + ", data row 1 (A=0): java.lang.ArithmeticException: / by zero");
    }

    @Test
    void outputIsADirectory_exits1() throws IOException {
        Path in = write("in.csv", "A\n1\n");
        Path outDir = Files.createDirectory(dir.resolve("out.csv"));
        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A", "-o", outDir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("out.csv: is a directory");
    }

    @Test
    void outputDirectoryMissing_exits1() throws IOException {
        Path in = write("in.csv", "A\n1\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = A", "-o", dir.resolve("no/out.csv").toString()),
                1, "does not exist");
    }

    @Test
    void failedRun_leavesAnExistingOutputUntouched() throws IOException {
        Path in = write("in.csv", "A\n1\n2,3\n");
        Path out = write("keep.csv", "precious\n");

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A", "-o", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(read(out)).isEqualTo("precious\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.csv", "keep.csv");
        }
    }

    @Test
    void aBackendGiven_withoutPartitions_computesInThePlannersPieces_andWithThem_inThoseGiven() throws Exception {
        Path in = dir.resolve("small.csv");
        assertThat(CliRun.of("generate", "--rows", "50", "-o", in.toString()).exitCode()).isZero();

        CliRun planned = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", dir.resolve("p.csv").toString(),
                "--backend", "threads", "--workers", "2", "--no-stream", "--explain");
        CliRun given = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", dir.resolve("g.csv").toString(),
                "--backend", "threads", "--workers", "2", "--partitions", "5", "--no-stream", "--explain");

        // The chosen pieces are the fastest the planner weighed for threads (alternatives are listed fastest first), not
        // the fixed 4 a worker (8) of before, which on 50 cheap rows costs more dispatch than fewer pieces.
        assertThat(planned.exitCode()).as(planned.err()).isZero();
        String fastestThreads = planned.err().lines()
                .filter(l -> l.startsWith("  ") && l.contains("threads(2 workers, ")).findFirst().orElseThrow();
        assertThat(fastestThreads).as(planned.err()).startsWith("  * ");
        assertThat(planned.err()).contains("plan: " + fastestThreads.substring(4, fastestThreads.indexOf(':')) + ",");
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(given.err()).contains("plan: threads(2 workers, 5 partitions)");
        assertThat(Files.readString(dir.resolve("p.csv"))).isEqualTo(Files.readString(dir.resolve("g.csv")));
    }

    @Test
    void explainTraceAndTimeline_showThePlanAndWriteBothFiles() throws Exception {
        Path in = dir.resolve("data.csv");
        assertThat(CliRun.of("generate", "--rows", "50000", "-o", in.toString()).exitCode()).isZero();
        Path out = dir.resolve("out.csv");
        Path trace = dir.resolve("run.json");
        Path timeline = dir.resolve("run.svg");

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", out.toString(), "--explain",
                "--trace", trace.toString(), "--timeline", timeline.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("plan: ", "why: ", "alternatives:", "serial: ", "threads(", "read ", "write ");
        var events = new com.fasterxml.jackson.databind.ObjectMapper().readTree(trace.toFile()).get("traceEvents");
        assertThat(events.findValuesAsText("name")).contains("read", "compile", "write");
        var svg = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(timeline.toFile());
        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
    }

    @Test
    void explain_afterAnEarlierRun_predictsReadingAndWritingFromWhatThatRunTook() throws IOException {
        Path in = dir.resolve("data.csv");
        assertThat(CliRun.of("generate", "--rows", "20000", "-o", in.toString()).exitCode()).isZero();
        Path out = dir.resolve("out.csv");
        assertThat(CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", out.toString()).exitCode()).isZero();

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", out.toString(), "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("read [0-9.]+ [nµm]?s \\(predicted [0-9.]+ [nµm]?s\\)")
                .containsPattern("write [0-9.]+ [nµm]?s \\(predicted [0-9.]+ [nµm]?s\\)");
    }

    @Test
    void explain_withACacheThatCannotBeWritten_stillRuns_andSaysThereIsNothingToPredictFrom() throws IOException {
        Path in = write("in.csv", "A\n1\n2\n");
        Path out = dir.resolve("out.csv");
        Path notADirectory = write("cache", "a file where the cache directory would be");
        CliRun run = CliRun.withCacheDir(notADirectory.resolve("sub"),
                "apply", in.toString(), "--with", "K = A * 2", "-o", out.toString(), "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("read ", "(no earlier run of this size to predict from)");
        assertThat(read(out)).isEqualTo("A,K\n1,2\n2,4\n");
    }

    @Test
    void apply_textInANumberColumnPastTheSample_failsNamingFileLineColumnValueAndExpression() throws IOException {
        StringBuilder csv = new StringBuilder("A\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append('\n');
        }
        csv.append("oops\n");
        Path in = write("in.csv", csv.toString());

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A + 1", "-o", dir.resolve("out.csv").toString());

        assertFailedCleanly(run, 1, in + ":20002: column A: \"oops\" is not a number, but 20,000 of the column's "
                + "20,001 values are, so A is read as a number; correct the value, or give --type A=text to read A as "
                + "text (--with 'K = A + 1' reads A)");
    }

    @Test
    void parquet_generateApplyAndBackToCsv_givesTheSameNumbers() throws IOException {
        Path data = dir.resolve("data.parquet");
        Path withK = dir.resolve("withK.parquet");
        Path csv = dir.resolve("out.csv");
        assertThat(CliRun.of("generate", "--rows", "5000", "--seed", "3", "-o", data.toString()).exitCode()).isZero();

        CliRun run = CliRun.of("apply", data.toString(), "--with", "K = A * 2", "-o", withK.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        CliRun back = CliRun.of("apply", withK.toString(), "--with", "Z = K - 2 * A", "-o", csv.toString());
        assertThat(back.exitCode()).as(back.err()).isZero();

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(5001);
        assertThat(lines.get(0)).isEqualTo("A,B,C,D,K,Z");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.endsWith(",0"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data.parquet", "withK.parquet", "out.csv");
        }
    }

    @Test
    void notAParquetFile_exits1NamingIt_andWritesNothing() throws IOException {
        Path in = write("in.parquet", "A,B\n1,2\n");
        assertFailedCleanly(CliRun.of("apply", in.toString(), "--with", "K = A", "-o", dir.resolve("out.csv").toString()),
                1, "in.parquet: cannot be read as Parquet");
    }

    @Test
    void applyClassFromAJar_runsTheUsersOwnPartitionFunction() throws Exception {
        Path jar = UserJar.of(dir, "Triple", UserJar.triple());
        Path in = write("in.csv", "A\n1\n2\n");
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("apply", in.toString(), "--apply", "com.example.Triple", "--jar", jar.toString(), "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo("A,T\n1,3\n2,6\n");
        CliRun missing = CliRun.of("apply", in.toString(), "--apply", "com.example.Nope", "--jar", jar.toString(),
                "-o", dir.resolve("out2.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--apply com.example.Nope: no such class in " + jar);
    }
}
