package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code apply} does to the columns and bytes it does not compute: nothing. And how the columns it reads are
 * typed: from all their values, or as {@code --type} says, with an error rather than a silent change of meaning.
 */
@Timeout(120)
class Apply_PassThroughTest {

    @TempDir
    Path dir;

    CliRun apply(byte[] input, String... args) throws IOException {
        Path in = Files.write(dir.resolve("in.csv"), input);
        String[] all = new String[args.length + 4];
        all[0] = "apply";
        all[1] = in.toString();
        all[2] = "-o";
        all[3] = dir.resolve("out.csv").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.of(all);
    }

    byte[] output() throws IOException {
        return Files.readAllBytes(dir.resolve("out.csv"));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "processes"})
    void columnsNoExpressionReads_areWrittenByteForByte(String backend) throws IOException {
        String in = "id, barks,zip,phone,price,flag,n,big,huge,min,nan,quoted\n"
                + "1, a,08123,+318855443322,1.50,True,42,82544000000000707.52,12345678901234567890,"
                + "-9223372036854775808,NaN,\"x\"\n"
                + "2,b ,030151360,+1,2.00,false,,1e3,1,0,nan,\"y,\"\"z\"\"\"\n";

        CliRun run = apply(utf8(in), "--with", "K = id * 2", "--backend", backend, "--workers", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new String(output(), StandardCharsets.UTF_8)).isEqualTo(
                "id, barks,zip,phone,price,flag,n,big,huge,min,nan,quoted,K\n"
                        + "1, a,08123,+318855443322,1.50,True,42,82544000000000707.52,12345678901234567890,"
                        + "-9223372036854775808,NaN,\"x\",2\n"
                        + "2,b ,030151360,+1,2.00,false,,1e3,1,0,nan,\"y,\"\"z\"\"\",4\n");
    }

    @Test
    void aReplacedColumn_changesOnlyItsOwnFields() throws IOException {
        CliRun run = apply(utf8("A,B,C\r\n1,\"q,q\",007\r\n2,,008\r\n"), "--with", "B = A + 10");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new String(output(), StandardCharsets.UTF_8)).isEqualTo("A,B,C\r\n1,11,007\r\n2,12,008\r\n");
    }

    @Test
    void aColumnOfMostlyNumbers_withTextInIt_failsNamingLineColumnValueAndExpression() throws IOException {
        CliRun run = apply(utf8("D\n5\n7\nn/a\n"), "--with", "K = D + 1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("in.csv:4: column D: \"n/a\" is not a number", "--with 'K = D + 1' reads D",
                "--type D=text");
        assertThat(dir.resolve("out.csv")).doesNotExist();
    }

    @Test
    void typeText_makesTheSameColumnText() throws IOException {
        CliRun run = apply(utf8("D\n5\n7\nn/a\n"), "--with", "K = D + 1", "--type", "D=text");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new String(output(), StandardCharsets.UTF_8)).isEqualTo("D,K\n5,51\n7,71\nn/a,n/a1\n");
    }

    @Test
    void typeDouble_makesIntegerDivisionADoubleOne() throws IOException {
        CliRun run = apply(utf8("A\n1\n3\n"), "--with", "K = A / 2", "--type", "A=double", "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("column A: double (--type A=double)");
        assertThat(new String(output(), StandardCharsets.UTF_8)).isEqualTo("A,K\n1,0.5\n3,1.5\n");
    }

    @Test
    void aColumnOfNumbers_thatTheExpressionUsesAsText_isText_andExplainSaysWhy() throws IOException {
        CliRun run = apply(utf8("S\n007\n12\n"), "--with", "K = S.length()", "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("column S: String (--with 'K = S.length()' uses it as text)");
        assertThat(new String(output(), StandardCharsets.UTF_8)).isEqualTo("S,K\n007,3\n12,2\n");
    }

    @Test
    void typeOfAnUnknownColumn_isAUsageErrorListingTheColumns() throws IOException {
        CliRun run = apply(utf8("A\n1\n"), "--with", "K = A", "--type", "Z=int");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--type Z=…: the file has no column Z (its columns are A)");
    }

    @Test
    void integersWithABlank_areDoublesWithNaN_forTheExpression_butWrittenAsRead() throws IOException {
        CliRun run = apply(utf8("A\n42\n\"\"\n-1\n"), "--with", "K = A * 2", "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("column A: double (2 numbers and 1 empty fields, read as NaN)");
        assertThat(new String(output(), StandardCharsets.UTF_8)).isEqualTo("A,K\n42,84.0\n\"\",\n-1,-2.0\n");
    }

    @Test
    void latin1_withoutEncoding_failsNamingLineAndOffset_andWithIt_isCopiedAsItWas() throws IOException {
        byte[] in = "A,B\n1,caf\u00e9\n2,na\u00efve\n".getBytes(StandardCharsets.ISO_8859_1);

        CliRun refused = apply(in, "--with", "K = A * 2");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("in.csv:2: byte 0xE9 at offset 9 is not valid UTF-8", "--encoding");

        CliRun run = apply(in, "--with", "K = B + \"!\"", "--encoding", "ISO-8859-1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(output()).isEqualTo("A,B,K\n1,caf\u00e9,caf\u00e9!\n2,na\u00efve,na\u00efve!\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void shiftJis_withEncoding_isReadAndWrittenInShiftJis() throws IOException {
        Charset sjis = Charset.forName("Shift_JIS");
        byte[] in = "名前,N\n表示,1\nソ,2\n".getBytes(sjis); // 表 and ソ end with the byte 0x5C, a backslash

        CliRun run = apply(in, "--with", "K = N + \"表\"", "--encoding", "Shift_JIS");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(output()).isEqualTo("名前,N,K\n表示,1,1表\nソ,2,2表\n".getBytes(sjis));
    }

    @Test
    void utf16_isRefusedAsAnEncodingWhoseDelimitersAreNotAscii() throws IOException {
        CliRun run = apply(utf8("A\n1\n"), "--with", "K = A", "--encoding", "UTF-16");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--encoding UTF-16: not supported");
    }

    @Test
    void loneCrLineEnds_areRowsNotOneLongRow_andTheOutputKeepsThem() throws IOException {
        CliRun run = apply(utf8("A,B\r1,x\r2,\"y\rz\"\r"), "--with", "K = A * 2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new String(output(), StandardCharsets.UTF_8)).isEqualTo("A,B,K\r1,x,2\r2,\"y\rz\",4\r");
    }

    @Test
    void blankLinesBeforeTheHeader_areSkipped_andABomIsKept() throws IOException {
        CliRun run = apply(utf8("\uFEFF" + "\n".repeat(5000) + "A\n1\n\n2\n"), "--with", "K = A * 2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new String(output(), StandardCharsets.UTF_8)).isEqualTo("\uFEFFA,K\n1,2\n2,4\n");
    }

    @Test
    void anUnclosedQuoteInAHugeHeader_isReportedWithTheHeaderCutShort() throws IOException {
        CliRun run = apply(utf8("\"" + "x".repeat(1_000_000)), "--with", "K = 1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("in.csv:1: a quoted name in the header is never closed", "…");
        assertThat(run.err().length()).isLessThan(500);
    }

    @Test
    void aDuplicateHeaderName_passesThrough_butAnExpressionThatReadsItFails() throws IOException {
        assertThat(apply(utf8("A,B,A\n1,2,3\n"), "--with", "K = B * 2").exitCode()).isZero();
        assertThat(new String(output(), StandardCharsets.UTF_8)).isEqualTo("A,B,A,K\n1,2,3,4\n");

        CliRun run = apply(utf8("A,B,A\n1,2,3\n"), "--with", "K = A * 2");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("in.csv:1: the header names column A twice (columns 1 and 3)");
    }

    @Test
    void gzipByAnyCaseOfItsExtension_isReadAndWrittenCompressed() throws IOException {
        Path in = dir.resolve("IN.CSV.GZ");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(in))) {
            gz.write(utf8("A\n1\n2\n"));
        }
        Path out = dir.resolve("OUT.CSV.GZ");

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var gz = new java.util.zip.GZIPInputStream(Files.newInputStream(out))) {
            assertThat(new String(gz.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("A,K\n1,2\n2,4\n");
        }
    }
}
