package dev.chunkwise.cli.csv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a {@link SafeOutput} leaves in its directory when it ends normally, and which leftovers it removes. */
class SafeOutput_CleanupTest {

    @TempDir
    Path dir;

    List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void open_namesItsFilesForTheTargetAndThisProcess_andLocksThem() throws IOException {
        try (SafeOutput out = SafeOutput.open(dir.resolve("out.csv"))) {
            String prefix = ".out.csv.chunkwise-" + ProcessHandle.current().pid() + "-";
            assertThat(names()).hasSize(2).allMatch(n -> n.startsWith(prefix))
                    .anyMatch(n -> n.endsWith(".partial")).anyMatch(n -> n.endsWith(".lock"));
            assertThat(out.temporaryFile().getFileName().toString()).matches("\\.out\\.csv\\.chunkwise-[0-9]+-[0-9a-f]{12}\\.partial");
        }
    }

    @Test
    void commit_leavesOnlyTheTarget_andCloseWithoutCommit_leavesNothing() throws IOException {
        try (SafeOutput out = SafeOutput.open(dir.resolve("a.csv"))) {
            out.scratchFile("group-0.parquet");
            out.stream().write("x\n".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        assertThat(names()).containsExactly("a.csv");

        try (SafeOutput out = SafeOutput.open(dir.resolve("b.csv"))) {
            out.scratchFile("group-0.parquet");
            out.stream().write("y\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(names()).containsExactly("a.csv");
    }

    @Test
    void leftoversWithoutALockFile_areRemoved_butOtherDotFilesAreNot() throws IOException {
        String dead = ".out.csv.chunkwise-4242-0123456789ab.";
        Files.writeString(dir.resolve(dead + "partial"), "half");
        Files.writeString(dir.resolve(dead + "group-3.parquet"), "half");
        List<String> others = List.of(".out.csv.123456.partial", ".bashrc", ".out.csv.chunkwise-x.partial",
                ".out.csv.chunkwise-1-0123456789ab", "out.csv.chunkwise-1-0123456789ab.partial");
        for (String other : others) {
            Files.writeString(dir.resolve(other), "not chunkwise's");
        }

        try (SafeOutput out = SafeOutput.open(dir.resolve("new.csv"))) {
            out.commit();
        }

        assertThat(names()).containsExactlyInAnyOrderElementsOf(Stream.concat(others.stream(), Stream.of("new.csv")).toList());
    }

    @Test
    void leftoverWithAnUnlockedLockFile_isRemoved_withItsLock() throws IOException {
        String dead = ".out.csv.chunkwise-4242-0123456789ab.";
        Files.writeString(dir.resolve(dead + "partial"), "half");
        Files.createFile(dir.resolve(dead + "lock"));

        try (SafeOutput out = SafeOutput.open(dir.resolve("out.csv"))) {
            out.commit();
        }

        assertThat(names()).containsExactly("out.csv");
    }

    @Test
    void twoOpenOutputsOfThisJvm_leaveEachOtherAlone() throws IOException {
        try (SafeOutput first = SafeOutput.open(dir.resolve("out.csv"));
             SafeOutput second = SafeOutput.open(dir.resolve("out.csv"))) {
            assertThat(first.temporaryFile()).exists();
            assertThat(second.temporaryFile()).exists();
            second.commit();
            assertThat(first.temporaryFile()).exists();
        }
        assertThat(names()).containsExactly("out.csv");
    }

    @Test
    void scratchFile_mustBeAPlainName() throws IOException {
        try (SafeOutput out = SafeOutput.open(dir.resolve("out.csv"))) {
            assertThatThrownBy(() -> out.scratchFile("../x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'../x' (expected: a plain file name");
            assertThatThrownBy(() -> out.scratchFile("lock")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aVeryLongTargetName_givesTemporaryNamesThatFit() throws IOException {
        String name = "é".repeat(120) + ".csv"; // 244 bytes of UTF-8
        try (SafeOutput out = SafeOutput.open(dir.resolve(name))) {
            out.commit();
        }
        assertThat(names()).containsExactly(name);
    }
}
