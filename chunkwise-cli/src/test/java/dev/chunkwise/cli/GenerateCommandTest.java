package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void generate_writesRandomIntsInRange_sameSeedSameFile() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");

        assertThat(CliRun.of("generate", "--rows", "1000", "--columns", "X,Y", "--low", "5", "--high", "9",
                "--seed", "3", "-o", a.toString()).exitCode()).isZero();
        assertThat(CliRun.of("generate", "--rows", "1000", "--columns", "X,Y", "--low", "5", "--high", "9",
                "--seed", "3", "-o", b.toString()).exitCode()).isZero();

        List<String> lines = Files.readAllLines(a);
        assertThat(lines).hasSize(1001);
        assertThat(lines.get(0)).isEqualTo("X,Y");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.matches("[5-8],[5-8]"));
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void generate_highNotAboveLow_exits2() {
        CliRun run = CliRun.of("generate", "--rows", "10", "--low", "5", "--high", "5", "-o", dir.resolve("x.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--high: 5 (expected: > --low, which is 5)");
    }
}
