package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.ChildJvm;
import dev.chunkwise.frame.CalibrationCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chunkwise apply} in a fresh JVM (so that it reads its caches) with both caches garbled: the run goes on,
 * says once what it ignored, and leaves caches that the next run uses without a word.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApplyCommand_BadCacheTest {

    @TempDir
    Path dir;

    final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void destroyChildren() throws Exception {
        for (ChildJvm c : children) {
            c.destroy();
        }
    }

    ChildJvm apply(Path cache, Path in, Path out) throws IOException {
        ChildJvm c = ChildJvm.start(dir, List.of("-D" + CalibrationCache.CACHE_DIR + "=" + cache),
                Chunkwise.class.getName(), "apply", in.toString(), "--with", "K = A * 2", "-o", out.toString(),
                "--explain", "--no-progress");
        children.add(c);
        return c;
    }

    void garble(Path file, String how) throws Exception {
        switch (how) {
            case "future" -> Files.writeString(file, file.getFileName().toString().startsWith("calibration")
                    ? "cores=" + Runtime.getRuntime().availableProcessors() + "\nmeasuredAt=2999-01-01T00:00:00Z\n"
                    : "version=2\nCSV.read.bytesPerSecond=Infinity\n");
            case "devzero" -> Files.createSymbolicLink(file, Path.of("/dev/zero"));
            case "fifo" -> assertThat(new ProcessBuilder("mkfifo", file.toString()).inheritIO().start().waitFor()).isZero();
            default -> throw new IllegalArgumentException(how);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"future", "devzero", "fifo"})
    void garbledCaches_areIgnoredWithANoteEach_theRunGoesOn_andTheNextRunUsesTheirReplacements(String how) throws Exception {
        Path cache = Files.createDirectory(dir.resolve("cache"));
        String calibrationName = CalibrationCache.file().getFileName().toString();
        Path calibration = cache.resolve(calibrationName);
        Path rates = cache.resolve(calibrationName.replace("calibration-", "file-rates-"));
        garble(calibration, how);
        garble(rates, how);
        Path in = Files.writeString(dir.resolve("in.csv"), "A\n1\n2\n");
        Path out = dir.resolve("out.csv");

        ChildJvm first = apply(cache, in, out);
        assertThat(first.waitFor()).as("exit code").isZero();

        String err = first.stderr();
        assertThat(err).contains("note: ignored " + calibration + ": ", "; measuring again\n")
                .contains("note: ignored " + rates + ": ", "; learning again\n");
        assertThat(err.lines().filter(l -> l.startsWith("note: ignored"))).hasSize(2);
        assertThat(out).hasContent("A,K\n1,2\n2,4");
        assertThat(calibration).isRegularFile();
        assertThat(rates).isRegularFile();

        ChildJvm second = apply(cache, in, out);
        assertThat(second.waitFor()).isZero();
        assertThat(second.stderr()).doesNotContain("note: ").contains("(predicted ");
    }
}
