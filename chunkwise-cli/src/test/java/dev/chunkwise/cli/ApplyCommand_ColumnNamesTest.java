package dev.chunkwise.cli;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every header can be named in an expression: bare where it is a Java identifier, else in backticks. */
@Timeout(120)
class ApplyCommand_ColumnNamesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"serial", "processes"})
    void headersThatAreNotJavaIdentifiers_orHideJavaNames_canAllBeUsed(String backend) throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"),
                "unit price,x-y,class,名前,Math,i,String,\"it`s\"\n4,1,2,3,9.0,5,ab,7\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("apply", in.toString(),
                "--with", "`unit price x2` = `unit price` * 2",
                "--with", "D = `x-y` + `class` + 名前",
                "--with", "R = Math.sqrt(Math) + i",
                "--with", "T = String.valueOf(`it``s`) + String",
                "--with", "L = { int s = 0; for (int i = 0; i < 3; i++) s += i; return s + `i`; }",
                "-o", out.toString(), "--backend", backend, "--workers", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(
                "unit price,x-y,class,名前,Math,i,String,\"it`s\",unit price x2,D,R,T,L\n4,1,2,3,9.0,5,ab,7,8,6,8.0,7ab,8\n");
    }
}
