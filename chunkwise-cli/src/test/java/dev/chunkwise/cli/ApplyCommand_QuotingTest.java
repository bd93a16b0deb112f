package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real files in the dialects users have ({@code src/test/resources/dialects/}): a MySQL export escaped with
 * {@code \}, a file quoted with {@code '}, a header below three title lines, a Latin-1 file with {@code ;}. Each runs
 * whole and streamed in blocks of a few rows; the output keeps every field no expression reads byte for byte, quotes a
 * computed text with the input's quote and escape, and reads back with the same options.
 */
@Timeout(120)
class ApplyCommand_QuotingTest {

    /** The ways each file is read: whole, and as a stream of blocks of about 1, 7 and 40 bytes. */
    private static final List<List<String>> MODES = List.of(List.of("--no-stream"),
            List.of("--stream", "--block-size", "1"), List.of("--stream", "--block-size", "7"),
            List.of("--stream", "--block-size", "40"));

    @TempDir
    Path dir;

    @Test
    void mysqlExport_escapedWithABackslash_isReadAndWrittenWithTheEscape() throws IOException {
        Path in = resource("mysql-escaped.csv");
        String expected = """
                id,name,note,amount,K,L,T,N
                1,"O\\"Brien","said \\"hi\\", left",10,20,7,"O\\"Brien!",15
                2,"back\\\\slash","line one\\
                line two",20,40,10,"back\\\\slash!",17
                3,"plain",\\N,30,60,5,plain!,0
                4,"a \\"\\"doubled\\"\\" one","",40,80,17,"a \\"\\"doubled\\"\\" one!",0
                """;
        for (List<String> mode : MODES) {
            Path out = run(in, mode, StandardCharsets.UTF_8, expected, "--escape", "\\", "--null", "\\N",
                    "--with", "K = amount * 2", "--with", "L = name.length()", "--with", "T = name + \"!\"",
                    "--with", "N = note.length()");

            // The output reads back with the same options: T's texts are the names and a "!".
            Path again = dir.resolve("again.csv");
            CliRun back = CliRun.of("apply", out.toString(), "--escape", "\\", "--with", "M = T.length()", "-o",
                    again.toString());
            assertThat(back.exitCode()).as(back.err()).isZero();
            assertThat(Files.readString(again)).isEqualTo(expected.replace("T,N\n", "T,N,M\n")
                    .replace("15\n", "15,8\n").replace(",17\n", ",17,11\n").replace(",0\n4", ",0,6\n4")
                    .replace("one!\",0\n", "one!\",0,18\n"));
        }
    }

    @Test
    void singleQuotes_quoteTheFields_andADoubleQuoteIsAnOrdinaryCharacter() throws IOException {
        Path in = resource("single-quoted.csv");
        String expected = """
                id,city,remark,K,L,C
                1,'Saint-Jean, Québec','it''s ok',10,7,'Saint-Jean, Québec|'
                2,'"Big" Apple',plain,20,5,"Big" Apple|
                3,Paris,'two
                lines',30,9,Paris|
                """;
        for (List<String> mode : MODES) {
            run(in, mode, StandardCharsets.UTF_8, expected, "--quote", "'", "--with", "K = id * 10",
                    "--with", "L = remark.length()", "--with", "C = city + \"|\"");
        }
    }

    @Test
    void csvMdExample_aComputedTextIsQuotedWithTheInputsQuote() throws IOException {
        Path in = Files.writeString(dir.resolve("q.csv"), "id,city\n1,'Saint-Jean, Québec'\n2,'\"Big\" Apple'\n");
        for (List<String> mode : MODES) {
            run(in, mode, StandardCharsets.UTF_8, "id,city,C\n1,'Saint-Jean, Québec','Saint-Jean, Québec,'\n"
                    + "2,'\"Big\" Apple','\"Big\" Apple,'\n", "--quote", "'", "--with", "C = city + \",\"");
        }
    }

    @Test
    void singleQuotes_groupByAQuotedKey_wholeAndStreamed() throws IOException {
        Path in = resource("single-quoted.csv");
        String expected = """
                id,city,remark,N
                1,'Saint-Jean, Québec','it''s ok',1
                2,'"Big" Apple',plain,1
                3,Paris,'two
                lines',1
                """;
        for (List<String> mode : MODES) {
            run(in, mode, StandardCharsets.UTF_8, expected, "--quote", "'", "--group-by", "city",
                    "--with", "N = count()");
        }
    }

    @Test
    void headerRow_skipsTheTitleLinesAbove_andDoesNotWriteThem() throws IOException {
        Path in = resource("title-lines.csv");
        String expected = """
                region,units,price,K
                north,10,1.50,20
                south,"20",2.00,40
                east,30,"3,5",60
                """;
        for (List<String> mode : MODES) {
            run(in, mode, StandardCharsets.UTF_8, expected, "--header-row", "4", "--with", "K = units * 2");
        }
    }

    @Test
    void headerRow_withGroupBy_andSchema() throws IOException {
        Path in = resource("title-lines.csv");
        for (List<String> mode : MODES) {
            run(in, mode, StandardCharsets.UTF_8, """
                    region,units,price,S
                    north,10,1.50,10
                    south,"20",2.00,20
                    east,30,"3,5",30
                    """, "--header-row", "4", "--group-by", "region", "--with", "S = max(units)");
        }
        CliRun schema = CliRun.of("schema", in.toString(), "--header-row", "4");
        assertThat(schema.exitCode()).as(schema.err()).isZero();
        assertThat(schema.out()).contains("region").contains("units   int      10, 20, 30");
    }

    @Test
    void headerRow_aBadRowIsNamedByItsLineInTheFile() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "title\n\"quoted, title\n\nA,B\n1,2\n3\n");
        for (List<String> mode : MODES) {
            CliRun run = apply(in, mode, "--header-row", "4", "--with", "K = A");

            assertThat(run.exitCode()).as(mode.toString()).isEqualTo(1);
            assertThat(run.err()).as(mode.toString()).contains("in.csv:6: this row has 1 field but the header has 2");
        }
    }

    @Test
    void latin1WithSemicolons_isWrittenInLatin1_quotesDoubled() throws IOException {
        Path in = resource("latin1-semicolon.csv");
        String expected = """
                Name;Stadt;Menge;K;S
                "Müller; A.";Köln;3;6;Köln!
                Größe;"Düssel""dorf";4;8;"Düssel""dorf!"
                Ärger;Zürich;5;10;Zürich!
                """;
        for (List<String> mode : MODES) {
            run(in, mode, StandardCharsets.ISO_8859_1, expected, "--encoding", "ISO-8859-1",
                    "--with", "K = Menge * 2", "--with", "S = Stadt + \"!\"");
        }
    }

    @Test
    void quoteNone_makesAQuoteAnOrdinaryCharacter() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "A,B\n\"1,5\" x\n\"2,\"\n");
        for (List<String> mode : MODES) {
            run(in, mode, StandardCharsets.UTF_8, "A,B,K\n\"1,5\" x,2\n\"2,\",2\n", "--quote", "none",
                    "--with", "K = A.length()");
        }
    }

    @Test
    void quoteNone_aComputedTextThatNeedsQuotes_isAnErrorNamingIt() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "A\nx\n");

        CliRun run = apply(in, List.of("--no-stream"), "--quote", "none", "--with", "K = A + \",\"");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the text \"x,\" holds the delimiter ',' or a line end, so it cannot be one "
                + "field of a file without quotes (--quote none)");
    }

    @Test
    void anUnclosedQuote_namesTheLineWhereTheFieldBegan() throws IOException {
        // The row starts on line 2; its third field, quoted with ', starts on line 3 and is never closed.
        Path in = Files.writeString(dir.resolve("in.csv"), "a,b,c\n1,'x\ny','open\nz\n");
        for (List<String> mode : MODES) {
            CliRun run = apply(in, mode, "--quote", "'", "--with", "K = a");

            assertThat(run.exitCode()).as(mode.toString()).isEqualTo(1);
            assertThat(run.err()).as(mode.toString()).contains("in.csv:3: a quoted field in column 3 starts on this "
                    + "line and is never closed (a ' is missing)");
        }
    }

    @Test
    void anEscapeBeforeTheLastQuote_leavesTheFieldUnclosed() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "a,b\n1,\"x\\\"\n");
        for (List<String> mode : MODES) {
            CliRun run = apply(in, mode, "--escape", "\\", "--with", "K = a");

            assertThat(run.exitCode()).as(mode.toString()).isEqualTo(1);
            assertThat(run.err()).as(mode.toString()).contains("in.csv:2: a quoted field in column 2 starts on this "
                    + "line and is never closed (a \" is missing)");
        }
    }

    @Test
    void badOptions_areUsageErrorsNamingTheOptionAndTheValue() {
        assertUsage("--quote 'ab': must be one ASCII character other than a line end", "--quote", "ab");
        assertUsage("--escape '\\\\': must be one ASCII character", "--escape", "\\\\");
        assertUsage("--quote ';' is the delimiter too (--delimiter ';')", "--quote", ";", "--delimiter", ";");
        assertUsage("--escape ',' is the delimiter too (--delimiter ',')", "--escape", ",", "--delimiter", ",");
        assertUsage("--escape \\ with --quote none: there are no quoted fields", "--quote", "none", "--escape", "\\");
        assertUsage("--header-row 3 and --no-header: a file without a header has no header row", "--header-row", "3",
                "--no-header");
        assertUsage("--header-row 0: expected the 1-based line the header is on", "--header-row", "0");
    }

    @Test
    void headerRowPastTheEnd_isAnErrorNamingIt() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "A\n1\n");
        for (List<String> mode : MODES) {
            CliRun run = apply(in, mode, "--header-row", "5", "--with", "K = A");

            assertThat(run.exitCode()).as(mode.toString()).isEqualTo(1);
            assertThat(run.err()).as(mode.toString()).contains("in.csv: --header-row 5: the file has fewer lines");
        }
    }

    private void assertUsage(String message, String... options) {
        List<String> args = new ArrayList<>(List.of("apply", "in.csv", "--with", "K = 1", "-o", "out.csv"));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }

    /** Runs apply on {@code in} the {@code mode} way and checks that it writes {@code expected}; returns the output. */
    private Path run(Path in, List<String> mode, Charset charset, String expected, String... options)
            throws IOException {
        CliRun run = apply(in, mode, options);

        assertThat(run.exitCode()).as(mode + ": " + run.err()).isZero();
        Path out = dir.resolve("out.csv");
        assertThat(Files.readString(out, charset)).as(mode.toString()).isEqualTo(expected);
        return out;
    }

    private CliRun apply(Path in, List<String> mode, String... options) {
        List<String> args = new ArrayList<>(List.of("apply", in.toString(), "-o", dir.resolve("out.csv").toString()));
        args.addAll(mode);
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path resource(String name) throws IOException {
        try (InputStream s = getClass().getResourceAsStream("/dialects/" + name)) {
            assertThat(s).as(name).isNotNull();
            return Files.write(dir.resolve(name), s.readAllBytes());
        }
    }
}
