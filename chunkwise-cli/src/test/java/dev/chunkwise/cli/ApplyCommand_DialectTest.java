package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files whose fields are separated by semicolons, tabs or pipes, as much real data is (spreadsheets saved in
 * European locales, TSV exports, database dumps): the delimiter is detected from the first lines, or given by
 * {@code --delimiter}, and the output keeps it, every field it does not compute byte for byte, whole or streamed.
 */
@Timeout(120)
class ApplyCommand_DialectTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '!', value = {
            // A spreadsheet saved in a German locale: decimal commas are text, a quoted name holds the delimiter.
            "semicolon!Name;Menge;Preis\\n\"Müller; A.\";3;1,50\\nSchmidt;4;2,25\\n!K = Menge * 2"
                    + "!Name;Menge;Preis;K\\n\"Müller; A.\";3;1,50;6\\nSchmidt;4;2,25;8\\n",
            // A TSV export: commas inside fields are text.
            "tab!id\\ttitle\\tyear\\ntt01\\tHello, World\\t1999\\ntt02\\t\"Tab\\there\"\\t2001\\n!K = year + 1"
                    + "!id\\ttitle\\tyear\\tK\\ntt01\\tHello, World\\t1999\\t2000\\ntt02\\t\"Tab\\there\"\\t2001\\t2002\\n",
            // A database dump with pipes and CRLF line ends.
            "pipe!a|b\\r\\n1|x,y\\r\\n2|\\r\\n!K = a * 10!a|b|K\\r\\n1|x,y|10\\r\\n2||20\\r\\n"})
    void aDelimiterOtherThanAComma_isDetected_andKeptInTheOutput(String name, String in, String with, String out)
            throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".csv"), unescape(in), Charset.forName("UTF-8"));

        for (String mode : new String[]{"--no-stream", "--stream"}) {
            Path o = dir.resolve(name + mode + ".out.csv");
            CliRun run = CliRun.of("apply", file.toString(), "--with", with, "-o", o.toString(), mode,
                    "--block-size", mode.equals("--stream") ? "20" : "1", "--explain");
            if (mode.equals("--no-stream")) {
                run = CliRun.of("apply", file.toString(), "--with", with, "-o", o.toString(), mode, "--explain");
            }
            assertThat(run.exitCode()).as(mode + ": " + run.err()).isZero();
            assertThat(Files.readString(o)).as(mode).isEqualTo(unescape(out));
            assertThat(run.err()).contains("delimiter " + (name.equals("tab") ? "tab" : name.equals("pipe") ? "'|'" : "';'")
                    + " (detected from the first lines)");
        }
    }

    @Test
    void noHeader_namesTheColumnsC1C2_andWritesNoHeader_wholeAndStreamed() throws IOException {
        // A database dump: no header, semicolons, a quoted field with a line break.
        Path file = Files.writeString(dir.resolve("dump.csv"), "7;\"a\nb\";x\n8;c;y\n");

        for (String mode : new String[]{"--no-stream", "--stream"}) {
            Path out = dir.resolve("out" + mode + ".csv");
            CliRun run = CliRun.of("apply", file.toString(), "--no-header", "--with", "K = c1 * 2", "-o",
                    out.toString(), mode);

            assertThat(run.exitCode()).as(mode + ": " + run.err()).isZero();
            assertThat(Files.readString(out)).as(mode).isEqualTo("7;\"a\nb\";x;14\n8;c;y;16\n");
        }
        CliRun schema = CliRun.of("schema", file.toString(), "--no-header");
        assertThat(schema.out()).contains("c1      int      7, 8");
    }

    @Test
    void noHeader_withAnApplyClass_writesNoHeader_wholeAndStreamed() throws Exception {
        Path jar = UserJar.of(dir, "Triple", UserJar.triple().replace("\"A\"", "\"c1\""));
        Path file = Files.writeString(dir.resolve("ints.csv"), "1\n2\n");

        for (String mode : new String[]{"--no-stream", "--stream"}) {
            Path out = dir.resolve("triple" + mode + ".csv");
            CliRun run = CliRun.of("apply", file.toString(), "--no-header", "--apply", "com.example.Triple", "--jar",
                    jar.toString(), "-o", out.toString(), mode);

            assertThat(run.exitCode()).as(mode + ": " + run.err()).isZero();
            assertThat(Files.readString(out)).as(mode).isEqualTo("1,3\n2,6\n");
        }
    }

    @Test
    void outputsFormattedFromAFrame_keepTheInputsDelimiter_wholeAndStreamed() throws Exception {
        // --apply's and --agg's outputs are formatted from the result frame, not copied: they too keep ';'.
        Path jar = UserJar.of(dir, "Triple", UserJar.triple());
        Path file = Files.writeString(dir.resolve("semi.csv"), "G;A\n\"x;y\";1\nz;2\n\"x;y\";3\n");

        for (String mode : new String[]{"--no-stream", "--stream"}) {
            Path out = dir.resolve("triple" + mode + ".csv");
            CliRun run = CliRun.of("apply", file.toString(), "--apply", "com.example.Triple", "--jar", jar.toString(),
                    "-o", out.toString(), mode);
            assertThat(run.exitCode()).as(mode + ": " + run.err()).isZero();
            assertThat(Files.readString(out)).as(mode).isEqualTo("G;A;T\n\"x;y\";1;3\nz;2;6\n\"x;y\";3;9\n");
        }
        Path agg = dir.resolve("agg.csv");
        CliRun run = CliRun.of("apply", file.toString(), "--group-by", "G", "--agg", "S = sum(A)", "-o", agg.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(agg)).isEqualTo("G;S\n\"x;y\";4\nz;2\n");
        CliRun comma = CliRun.of("apply", file.toString(), "--group-by", "G", "--agg", "S = sum(A)",
                "--output-delimiter", ",", "-o", dir.resolve("agg-comma.csv").toString());
        assertThat(comma.exitCode()).as(comma.err()).isZero();
        assertThat(Files.readString(dir.resolve("agg-comma.csv"))).isEqualTo("G,S\nx;y,4\nz,2\n");
    }

    @Test
    void nullText_isAMissingValueInAColumnAnExpressionReads_andIsWrittenForAMissingResult() throws IOException {
        // An R export: NA for a missing number and a missing text; a quoted "NA" is the text NA.
        Path file = Files.writeString(dir.resolve("r.csv"), "A,B,S\n1,NA,x\n2,3,NA\n3,4,\"NA\"\n");

        for (String mode : new String[]{"--no-stream", "--stream"}) {
            Path out = dir.resolve("out" + mode + ".csv");
            CliRun run = CliRun.of("apply", file.toString(), "--null", "NA", "--with", "K = B * 2",
                    "--with", "L = S.length()", "-o", out.toString(), mode, "--explain");

            assertThat(run.exitCode()).as(mode + ": " + run.err()).isZero();
            assertThat(Files.readString(out)).as(mode)
                    .isEqualTo("A,B,S,K,L\n1,NA,x,NA,1\n2,3,NA,6.0,0\n3,4,\"NA\",8.0,2\n");
            assertThat(run.err()).as(mode).contains("column B: double");
        }
    }

    @Test
    void outputDelimiter_writesTheOtherDelimiter_quotingTheFieldsThatHoldIt() throws IOException {
        // TSV to CSV: a field with a comma is quoted; one with a quote inside as well, its quotes doubled; a quoted
        // field stays as it was.
        Path file = Files.writeString(dir.resolve("in.tsv.csv"),
                "id\ttitle\tyear\ntt01\tHello, World\t1999\ntt02\t5\" x, 3\"\t2001\ntt03\t\"Tab\there\"\t2002\n");

        for (String mode : new String[]{"--no-stream", "--stream"}) {
            Path out = dir.resolve("out" + mode + ".csv");
            CliRun run = CliRun.of("apply", file.toString(), "--with", "K = year + 1", "--output-delimiter", ",",
                    "-o", out.toString(), mode);

            assertThat(run.exitCode()).as(mode + ": " + run.err()).isZero();
            assertThat(Files.readString(out)).as(mode).isEqualTo("id,title,year,K\ntt01,\"Hello, World\",1999,2000\n"
                    + "tt02,\"5\"\" x, 3\"\"\",2001,2002\ntt03,\"Tab\there\",2002,2003\n");
        }
    }

    @Test
    void nullTextWithAQuote_isAUsageError() {
        CliRun run = CliRun.of("apply", "in.csv", "--with", "K = 1", "--null", "\"x", "-o", "out.csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--null '\"x': expected a non-empty text without quotes or line ends");
    }

    @Test
    void delimiterOption_overridesTheDetection() throws IOException {
        // Each line has one semicolon and no comma: detection says ';', the user says these are one column.
        Path file = Files.writeString(dir.resolve("in.csv"), "A;B\n1;2\n3;4\n");
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("apply", file.toString(), "--with", "K = `A;B`.length()", "--delimiter", ",", "-o",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo("A;B,K\n1;2,3\n3;4,3\n");
    }

    @Test
    void aRowWithFewerFields_isAnErrorNamingItsLine_withTheDetectedDelimiter() throws IOException {
        Path file = Files.writeString(dir.resolve("in.csv"), "A;B;C\n1;2;3\n4;5;6\n7;8\n");

        CliRun run = CliRun.of("apply", file.toString(), "--with", "K = A", "-o", dir.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("in.csv:4: this row has 2 fields but the header has 3");
    }

    @Test
    void aDelimiterThatIsAQuote_isAUsageError() {
        CliRun run = CliRun.of("apply", "in.csv", "--with", "K = 1", "--delimiter", "\"", "-o", "out.csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--delimiter \": expected one ASCII character other than a quote or a line end");
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }
}
