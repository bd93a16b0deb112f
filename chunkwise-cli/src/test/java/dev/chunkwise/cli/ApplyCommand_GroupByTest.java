package dev.chunkwise.cli;

import org.dflib.DataFrame;
import org.dflib.parquet.Parquet;
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
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apply --group-by}: {@code --agg} (one row per group, keys as read, groups in order of first appearance) and
 * {@code --with} with group aggregates (every row kept, every other byte as it was), against values worked out by
 * hand; and what each bad argument says.
 */
@Timeout(180)
class ApplyCommand_GroupByTest {

    /**
     * Keys that differ only as text ({@code 08123}, {@code 8123}), a quoted key with a comma, an empty key; B with a
     * missing value (so it is read as doubles) and a group ({@code m}) whose B values are all missing; S text.
     */
    static final String INPUT = "G,A,B,S\n08123,1,10,x\nx,2,20,y\n08123,3,,z\n\"a,b\",4,40,w\n,5,50,v\n8123,6,60,u\n"
            + "x,7,2.5,t\nm,8,,s\n";

    static final String[] AGGREGATES = {"--agg", "N = count()", "--agg", "S = sum(B)", "--agg", "M = mean(A)",
            "--agg", "LO = min(B)", "--agg", "HI = max(A)", "--agg", "V = var(A)", "--agg", "SD = std(B)",
            "--agg", "F = first(S)", "--agg", "L = last(B)"};

    /**
     * Worked out by hand: 08123's B sums 10 (its missing B skipped), its std of one B value is NaN (empty) and its
     * last B is missing; x's var(A) of 2 and 7 is 12.5, its std(B) of 20 and 2.5 is √153.125; m has no B at all: a sum
     * of 0, a min that is missing, not 0.
     */
    static final String EXPECTED = "G,N,S,M,LO,HI,V,SD,F,L\n"
            + "08123,2,10.0,2.0,10.0,3,2.0,,x,\n"
            + "x,2,22.5,4.5,2.5,7,12.5,12.374368670764582,y,2.5\n"
            + "\"a,b\",1,40.0,4.0,40.0,4,,,w,40.0\n"
            + ",1,50.0,5.0,50.0,5,,,v,50.0\n"
            + "8123,1,60.0,6.0,60.0,6,,,u,60.0\n"
            + "m,1,0.0,8.0,,8,,,s,\n";

    @TempDir
    Path dir;

    Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** The options that choose the path: none here (a CSV input is read as a stream); {@code --no-stream} in a subclass. */
    String[] pathArgs() {
        return new String[0];
    }

    boolean streamed() {
        return pathArgs().length == 0;
    }

    CliRun cli(String... args) {
        return CliRun.of(args(args, pathArgs()));
    }

    static String[] args(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    CliRun agg(Path in, Path out, String... more) {
        return cli(args(args(new String[]{"apply", in.toString(), "--group-by", "G", "-o", out.toString()},
                AGGREGATES), more));
    }

    /** Asserts that the run failed with {@code code}, said {@code message}, and left no output behind. */
    void assertFailedCleanly(CliRun run, int code, String... message) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err()).contains(message).doesNotContain("\tat ").doesNotContain("null");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("files after a failed run").noneMatch(n -> n.startsWith("out") || n.startsWith(".out"));
        }
    }

    // --agg ----------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes", "spark", "auto"})
    void agg_everyBackend_givesTheHandWorkedValues(String backend) throws IOException {
        Path in = write("in.csv", INPUT);
        Path out = dir.resolve("out.csv");

        CliRun run = agg(in, out, "--backend", backend, "--workers", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo(EXPECTED);
    }

    @Test
    void agg_planned_givesTheHandWorkedValues_andExplainSaysHowTheGroupsRan() throws IOException {
        Path in = write("in.csv", INPUT);
        Path out = dir.resolve("out.csv");

        CliRun run = agg(in, out, "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo(EXPECTED);
        assertThat(run.err()).contains("column G: String (a --group-by key, read as text)",
                "column B: double (6 numbers and 2 empty fields, read as NaN)", "read ", ", write ");
        if (streamed()) {
            assertThat(run.err()).contains("plan: streamed --group-by: 8 rows in 1 blocks of about ", "; 6 groups",
                    "in the threads: scan ", ", group ", "; merge ");
        } else {
            assertThat(run.err()).contains("groups: 6 groups of 8 rows in ",
                    "largest group: G=08123 holds 25 % of the rows", ", group ");
        }
    }

    @Test
    void agg_hotKey_isReportedAndSplit_andEqualsTheSerialResult() throws IOException {
        StringBuilder csv = new StringBuilder("K,A\n");
        for (int i = 0; i < 6000; i++) {
            csv.append(i % 4 == 0 ? "cold" + i % 7 : "hot").append(',').append(i % 101 - 50).append('\n');
        }
        Path in = write("in.csv", csv.toString());
        Path serial = dir.resolve("serial.csv");
        Path threads = dir.resolve("threads.csv");
        String[] aggs = {"--agg", "N = count()", "--agg", "S = sum(A)", "--agg", "M = mean(A)", "--agg", "LO = min(A)",
                "--agg", "F = first(A)", "--agg", "L = last(A)"};

        CliRun one = cli(args(new String[]{"apply", in.toString(), "--group-by", "K", "-o", serial.toString(),
                "--backend", "serial"}, aggs));
        CliRun two = cli(args(new String[]{"apply", in.toString(), "--group-by", "K", "-o", threads.toString(),
                "--backend", "threads", "--workers", "2", "--explain"}, aggs));

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(two.exitCode()).as(two.err()).isZero();
        if (!streamed()) {
            assertThat(two.err()).contains("hot key: group K=hot holds 75 % of the rows: at most 1.3× on 2 workers "
                    + "for apply; agg splits it into ");
        }
        assertThat(read(threads)).isEqualTo(read(serial)).startsWith("K,N,S,M,LO,F,L\ncold0,");
    }

    @Test
    void agg_severalKeys_keysFirstInTheirOrder() throws IOException {
        Path in = write("in.csv", "A,K1,K2\n1,a,x\n2,b,x\n3,a,x\n4,a,y\n");
        Path out = dir.resolve("out.csv");

        CliRun run = cli("apply", in.toString(), "--group-by", "K2,K1", "--agg", "S = sum(A)", "-o",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo("K2,K1,S\nx,a,4\nx,b,2\ny,a,4\n");
    }

    @Test
    void agg_backtickedNamesAndTypeOfAKey_areHonoured() throws IOException {
        Path in = write("in.csv", "customer id,unit price,a,b\n007,1.5,1,1\n7,2.5,1,2\n007,3,2,1\n");
        Path byText = dir.resolve("text.csv");
        Path byNumber = dir.resolve("number.csv");
        Path twoKeys = dir.resolve("two.csv");

        CliRun text = cli("apply", in.toString(), "--group-by", "customer id", "--agg",
                "`total price` = sum(`unit price`)", "-o", byText.toString());
        CliRun number = cli("apply", in.toString(), "--group-by", "customer id", "--type", "customer id=int",
                "--agg", "`total price` = sum(`unit price`)", "-o", byNumber.toString());
        CliRun two = cli("apply", in.toString(), "--group-by", "`a`, b", "--agg", "N = count()", "-o",
                twoKeys.toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(read(byText)).isEqualTo("customer id,total price\n007,4.5\n7,2.5\n");
        assertThat(number.exitCode()).as(number.err()).isZero();
        assertThat(read(byNumber)).isEqualTo("customer id,total price\n7,7.0\n");
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(read(twoKeys)).isEqualTo("a,b,N\n1,1,1\n1,2,1\n2,1,1\n");
    }

    @Test
    void agg_headerOnly_writesTheHeader() throws IOException {
        Path in = write("in.csv", "G,A,B,S\n");
        Path out = dir.resolve("out.csv");

        CliRun run = agg(in, out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo("G,N,S,M,LO,HI,V,SD,F,L\n");
    }

    @Test
    void agg_gzipAndParquetOutputs_holdTheSameValues() throws IOException {
        Path in = write("in.csv", INPUT);
        Path gz = dir.resolve("out.csv.gz");
        Path parquet = dir.resolve("out.parquet");

        CliRun zipped = agg(in, gz);
        CliRun columnar = cli("apply", in.toString(), "--group-by", "G", "--agg", "N = count()", "--agg",
                "S = sum(B)", "--agg", "F = first(S)", "-o", parquet.toString());

        assertThat(zipped.exitCode()).as(zipped.err()).isZero();
        try (InputStream i = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(new String(i.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(EXPECTED);
        }
        assertThat(columnar.exitCode()).as(columnar.err()).isZero();
        DataFrame df = Parquet.load(parquet);
        assertThat(List.of(df.getColumnsIndex().toArray())).containsExactly("G", "N", "S", "F");
        assertThat(df.getColumn("G").toList()).containsExactly("08123", "x", "a,b", "", "8123", "m");
        assertThat(df.getColumn("N").toList()).containsExactly(2, 2, 1, 1, 1, 1);
        assertThat(df.getColumn("S").toList()).containsExactly(10.0, 22.5, 40.0, 50.0, 60.0, 0.0);
    }

    @Test
    void agg_otherEncoding_writesKeysInIt() throws IOException {
        Path in = Files.write(dir.resolve("in.csv"), "G,A\ncafé,1\nthé,2\ncafé,3\n".getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("out.csv");

        CliRun run = cli("apply", in.toString(), "--encoding", "ISO-8859-1", "--group-by", "G", "--agg",
                "`Σ` = sum(A)", "-o", out.toString());

        assertFailedCleanly(run, 1, "the text \"Σ\" cannot be written in ISO-8859-1, the input's encoding");
        CliRun ok = cli("apply", in.toString(), "--encoding", "ISO-8859-1", "--group-by", "G", "--agg",
                "`somme é` = sum(A)", "-o", out.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1))
                .isEqualTo("G,somme é\ncafé,4\nthé,2\n");
    }

    // --with ---------------------------------------------------------------------------------------------------------

    /** Worked out by hand: A minus its group's mean, B over its group's max (missing where B is), the group's rows. */
    static final String EXPECTED_TRANSFORM = "G,A,B,S,Z,R,C\n08123,1,10,x,-1.0,1.0,2\nx,2,20,y,-2.5,1.0,2\n"
            + "08123,3,,z,1.0,,2\n\"a,b\",4,40,w,0.0,1.0,1\n,5,50,v,0.0,1.0,1\n8123,6,60,u,0.0,1.0,1\n"
            + "x,7,2.5,t,2.5,0.125,2\nm,8,,s,0.0,,1\n";

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes", "auto"})
    void with_groupAggregates_keepEveryRowAsItWas(String backend) throws IOException {
        Path in = write("in.csv", INPUT);
        Path out = dir.resolve("out.csv");

        CliRun run = cli("apply", in.toString(), "--group-by", "G", "--with", "Z = A - mean(A)", "--with",
                "R = B / max(B)", "--with", "C = count()", "-o", out.toString(), "--backend", backend, "--workers", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo(EXPECTED_TRANSFORM);
    }

    @Test
    void with_standardScore_isAsComputedByHand_andCRLFAndQuotesKept() throws IOException {
        Path in = write("in.csv", "K,A,note\r\na,1,\"x\"\r\nb,10,y\r\na,3,\"z,z\"\r\na,8,\r\n");
        Path out = dir.resolve("out.csv");

        CliRun run = cli("apply", in.toString(), "--group-by", "K", "--with", "Z = (A - mean(A)) / std(A)",
                "-o", out.toString(), "--explain");

        // Group a: mean 4, sample std √13; b alone: std NaN, so Z is missing.
        double s = Math.sqrt(13);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo("K,A,note,Z\r\na,1,\"x\"," + (-3 / s) + "\r\nb,10,y,\r\na,3,\"z,z\","
                + (-1 / s) + "\r\na,8,," + (4 / s) + "\r\n");
        assertThat(run.err()).contains("column A: int");
        assertThat(run.err()).contains(streamed() ? new String[]{"plan: streamed --group-by, two passes: 4 rows in 1 "
                + "blocks", "; 2 groups", "pass 1 (aggregates) ", "; pass 2 (rows) "}
                : new String[]{"groups: 2 groups of 4 rows", "plan: "});
    }

    @Test
    void with_expressionReadingTheKey_seesItTypedWhileGroupsStayText() throws IOException {
        Path in = write("in.csv", "G,A\n01,1\n1,2\n01,3\n");
        Path out = dir.resolve("out.csv");

        CliRun run = cli("apply", in.toString(), "--group-by", "G", "--with", "T = G * 100 + sum(A)", "-o",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo("G,A,T\n01,1,104\n1,2,102\n01,3,104\n");
    }

    @Test
    void with_noAggregate_notesThatGroupByHasNoEffect() throws IOException {
        Path in = write("in.csv", "G,A\na,1\n");
        Path out = dir.resolve("out.csv");

        CliRun run = cli("apply", in.toString(), "--group-by", "G", "--with", "K = 7", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("note: --group-by G has no effect: no --with uses a group aggregate");
        assertThat(read(out)).isEqualTo("G,A,K\na,1,7\n");
    }

    @Test
    void with_headerOnly_writesTheHeaderWithTheNewColumns() throws IOException {
        Path in = write("in.csv", "G,A\n");
        Path out = dir.resolve("out.csv");

        CliRun run = cli("apply", in.toString(), "--group-by", "G", "--with", "Z = A - mean(A)", "-o",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(out)).isEqualTo("G,A,Z\n");
    }

    @Test
    void with_failingExpression_namesTheLineAndTheAggregatesValue() throws IOException {
        Path in = write("in.csv", "G,A\na,1\nb,0\n");
        Path out = dir.resolve("out.csv");

        CliRun run = cli("apply", in.toString(), "--group-by", "G", "--with", "Z = 10 / (A * count())", "-o",
                out.toString(), "--backend", "threads", "--workers", "2");

        assertFailedCleanly(run, 1, "--with 'Z = 10 / (A * count())' failed on line 3 of " + in + ", data row 2 (A=0, "
                + "`count()`=1): java.lang.ArithmeticException: / by zero");
    }

    // Errors: the argument at fault named, exit 2 for usage and 1 for data, nothing written ---------------------------

    @Test
    void missingKeyColumn_namesTheArgumentAndTheColumns() throws IOException {
        Path in = write("in.csv", INPUT);

        CliRun run = cli("apply", in.toString(), "--group-by", "G,X", "--agg", "N = count()", "-o",
                dir.resolve("out.csv").toString());

        assertFailedCleanly(run, 2, "chunkwise apply: --group-by X: the file has no column X (its columns are G, A, B, S)");
    }

    @Test
    void unknownAggregate_listsTheAggregates() throws IOException {
        Path in = write("in.csv", INPUT);

        CliRun run = cli("apply", in.toString(), "--group-by", "G", "--agg", "S = median(B)", "-o",
                dir.resolve("out.csv").toString());

        assertFailedCleanly(run, 2, "--agg 'S = median(B)': unknown aggregate median; the aggregates are count, sum, "
                + "mean, min, max, var, std, first, last");
    }

    @Test
    void badCombinations_sayWhatToGive() throws IOException {
        Path in = write("in.csv", INPUT);
        String out = dir.resolve("out.csv").toString();

        assertFailedCleanly(cli("apply", in.toString(), "--agg", "S = sum(B)", "-o", out), 2,
                "--agg 'S = sum(B)' needs --group-by KEY[,KEY…]");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--agg", "S = sum(B)", "--with",
                "K = A", "-o", out), 2, "--agg and --with cannot be combined");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "-o", out), 2,
                "--group-by G needs --agg 'NAME = FUNCTION(COLUMN)'");
        assertFailedCleanly(cli("apply", in.toString(), "--with", "Z = A - mean(A)", "-o", out), 2,
                "--with uses mean(A), a group aggregate: give --group-by KEY[,KEY…] to say over which groups");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--agg", "N = count()", "--apply",
                "x.Y", "-o", out), 2, "--apply cannot be combined with --group-by");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G,,B", "--agg", "N = count()", "-o",
                out), 2, "--group-by G,,B: an empty key name");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--with", "Z = A - mean(A)", "-o",
                dir.resolve("out.parquet").toString()), 2, "--group-by with --with writes the input's rows back as CSV");
        assertFailedCleanly(cli("apply", dir.resolve("in.parquet").toString(), "--group-by", "G", "--agg",
                "N = count()", "-o", out), 2, "--group-by reads CSV input (.csv, .csv.gz or .csv.zst) for now");
    }

    @Test
    void resultNames_thatClash_areNamed() throws IOException {
        Path in = write("in.csv", INPUT);
        String out = dir.resolve("out.csv").toString();

        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--agg", "S = sum(B)", "--agg",
                "S = max(B)", "-o", out), 2, "--agg 'S = max(B)': another --agg is named S too ('S = sum(B)')");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--agg", "G = sum(B)", "-o", out),
                2, "--agg 'G = sum(B)': G is a --group-by key, which the output has already");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--agg", "S = sum(G)", "-o", out),
                2, "--agg 'S = sum(G)': G is a --group-by key, which has one value per group");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--agg", "S = sum(Q)", "-o", out),
                2, "--agg 'S = sum(Q)': the file has no column Q (its columns are G, A, B, S)");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--with", "Z = mean(Q)", "-o", out),
                2, "--with 'Z = mean(Q)': at position 5: mean(Q): the file has no column Q (its columns are G, A, B, S)");
    }

    @Test
    void sumOfATextColumn_saysItIsText() throws IOException {
        Path in = write("in.csv", INPUT);
        String out = dir.resolve("out.csv").toString();

        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--agg", "T = sum(S)", "-o", out), 2,
                "--agg 'T = sum(S)': sum needs numbers, but S is read as text (8 of 8 values are not numbers); count, "
                        + "first and last take any column");
        assertFailedCleanly(cli("apply", in.toString(), "--group-by", "G", "--with", "Z = mean(S)", "-o", out),
                2, "--with 'Z = mean(S)': mean needs numbers, but S is read as text");
    }

    @Test
    void nonNumberInASummedColumn_namesFileLineColumnValueAndArgument() throws IOException {
        Path in = write("in.csv", "G,D\na,5\nb,7\na,n/a\n");

        CliRun run = cli("apply", in.toString(), "--group-by", "G", "--agg", "S = sum(D)", "-o",
                dir.resolve("out.csv").toString());

        assertFailedCleanly(run, 1, in + ":4: column D: \"n/a\" is not a number, but 2 of the column's 3 values are, "
                + "so D is read as a number; correct the value, or give --type D=text to read D as text (--agg "
                + "'S = sum(D)' reads D)");
    }

    @Test
    void compileErrorAfterAnAggregate_givesThePositionInTheArgument() throws IOException {
        Path in = write("in.csv", INPUT);
        String with = "Z = mean(A) + Q";

        CliRun run = cli("apply", in.toString(), "--group-by", "G", "--with", with, "-o",
                dir.resolve("out.csv").toString());

        assertFailedCleanly(run, 2, "--with '" + with + "': at position " + (with.indexOf('Q') + 1) + ": ");
    }

    @Test
    void traceWithGroupBy_isRefusedForNow() throws IOException {
        Path in = write("in.csv", INPUT);

        CliRun run = cli("apply", in.toString(), "--group-by", "G", "--agg", "N = count()", "-o",
                dir.resolve("out.csv").toString(), "--trace", dir.resolve("out.json").toString());

        assertFailedCleanly(run, 2, "--trace and --timeline are not drawn for --group-by yet");
    }
}
