package dev.chunkwise.cli;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
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
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Zstandard-compressed CSV ({@code .csv.zst}) is read and written as {@code .csv.gz} is: by its extension for a file,
 * by its first bytes on standard input; what is written is what the {@code zstd} command reads; a file that is not
 * Zstandard is an error naming it.
 */
@Timeout(120)
class ApplyCommand_CompressionTest {

    @TempDir
    Path dir;

    private Path plain() throws IOException {
        StringBuilder csv = new StringBuilder("A,B,S\n");
        for (int r = 1; r <= 5000; r++) {
            csv.append(r).append(',').append(r % 7).append(",\"s,").append(r).append("\"\n");
        }
        return Files.writeString(dir.resolve("in.csv"), csv);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--no-stream", "--stream"})
    void zstdInAndOut_givesThePlainRunsBytes(String mode) throws IOException {
        Path plain = plain();
        Path zst = dir.resolve("in.csv.zst");
        Files.write(zst, zstd(Files.readAllBytes(plain)));
        CliRun expected = CliRun.of("apply", plain.toString(), "--with", "K = A * B", "-o", dir.resolve("plain.csv").toString());
        assertThat(expected.exitCode()).as(expected.err()).isZero();

        CliRun run = CliRun.of("apply", zst.toString(), "--with", "K = A * B", "-o", dir.resolve("out.csv.zst").toString(),
                mode, "--block-size", "4096");
        if (mode.equals("--no-stream")) {
            run = CliRun.of("apply", zst.toString(), "--with", "K = A * B", "-o", dir.resolve("out.csv.zst").toString(), mode);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(unzstd(Files.readAllBytes(dir.resolve("out.csv.zst")))).isEqualTo(Files.readAllBytes(dir.resolve("plain.csv")));
    }

    @Test
    void zstdOnStandardInput_isRecognisedByItsFirstBytes() throws IOException {
        Path plain = plain();
        CliRun expected = CliRun.of("apply", plain.toString(), "--with", "K = A + B", "-o", dir.resolve("plain.csv").toString());
        assertThat(expected.exitCode()).isZero();
        InputStream stdin = System.in;
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(zstd(Files.readAllBytes(plain))));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CliRun run = CliRun.of("apply", "-", "--with", "K = A + B", "-o", "-");
            assertThat(run.exitCode()).as(run.err()).isZero();
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
        }

        assertThat(captured.toByteArray()).isEqualTo(Files.readAllBytes(dir.resolve("plain.csv")));
    }

    @Test
    void whatIsWritten_isReadByTheZstdCommand() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/zstd"))).as("the zstd command").isTrue();
        Path plain = plain();
        Path out = dir.resolve("out.csv.zst");
        CliRun run = CliRun.of("apply", plain.toString(), "--with", "K = 1", "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        Process p = new ProcessBuilder("/usr/bin/zstd", "-d", "-c", out.toString()).redirectErrorStream(true).start();
        byte[] decoded = p.getInputStream().readAllBytes();

        assertThat(p.waitFor()).isZero();
        assertThat(new String(decoded, StandardCharsets.UTF_8)).startsWith("A,B,S,K\n1,1,\"s,1\",1\n").hasLineCount(5001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not zstd at all", "truncated"})
    void aFileThatIsNotZstandard_isAnErrorNamingIt(String shape) throws IOException {
        byte[] good = zstd(Files.readAllBytes(plain()));
        Path bad = Files.write(dir.resolve("bad.csv.zst"), shape.equals("truncated")
                ? Arrays.copyOf(good, good.length / 2) : shape.getBytes(StandardCharsets.US_ASCII));

        CliRun run = CliRun.of("apply", bad.toString(), "--with", "K = 1", "-o", dir.resolve("o.csv").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("chunkwise apply: " + bad + ": is not a valid Zstandard file (");
        assertThat(dir.resolve("o.csv")).doesNotExist();
    }

    private static byte[] zstd(byte[] bytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(b)) {
            z.write(bytes);
        }
        return b.toByteArray();
    }

    private static byte[] unzstd(byte[] bytes) throws IOException {
        try (InputStream z = new ZstdInputStream(new ByteArrayInputStream(bytes))) {
            return z.readAllBytes();
        }
    }
}
