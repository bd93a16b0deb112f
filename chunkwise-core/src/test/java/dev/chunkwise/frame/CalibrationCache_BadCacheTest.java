package dev.chunkwise.frame;

import dev.chunkwise.util.CacheFile;
import dev.chunkwise.plan.Work;
import dev.chunkwise.plan.Planner;
import dev.chunkwise.plan.Plan;
import dev.chunkwise.plan.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every kind of garbled calibration cache, as a real file: each is ignored with one note naming the file and what is
 * wrong, the figures are measured again, and the file is written over with them. None hangs or runs out of memory.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CalibrationCache_BadCacheTest {

    static final int CORES = Runtime.getRuntime().availableProcessors();

    @TempDir
    Path dir;

    final List<String> notes = new ArrayList<>();

    /** A cache file as {@link CalibrationCache#store} writes it, with {@code key} set to {@code value}. */
    static String cacheWith(String key, String value) {
        StringBuilder sb = new StringBuilder("# chunkwise calibration\n");
        String[][] figures = {{"cores", Integer.toString(CORES)}, {"threadStartNanos", "100000"},
                {"threadTaskNanos", "20000"}, {"threadWakeNanos", "40000"}, {"combineNanosPerValue", "0.5"},
                {"processStartNanos", "0"}, {"processTaskNanos", "0"}, {"transferBytesPerSecond", "0.0"},
                {"sparkStartNanos", "0"}, {"sparkJobNanos", "0"},
                {"measuredAt", Instant.now().minus(Duration.ofHours(1)).toString()}};
        for (String[] f : figures) {
            sb.append(f[0]).append('=').append(f[0].equals(key) ? value : f[1]).append('\n');
        }
        return sb.toString();
    }

    static Stream<Arguments> badFigures() {
        return Stream.of(
                Arguments.of("measuredAt", "2999-01-01T00:00:00Z", "measuredAt is in the future (2999-01-01T00:00:00Z)"),
                Arguments.of("measuredAt", "yesterday", "measuredAt is 'yesterday', not a time such as 2026-11-25T10:00:00Z"),
                Arguments.of("threadTaskNanos", "-5", "threadTaskNanos is -5 (expected: 0 to 3600000000000, an hour)"),
                Arguments.of("threadStartNanos", "9223372036854775807",
                        "threadStartNanos is 9223372036854775807 (expected: 0 to 3600000000000, an hour)"),
                Arguments.of("threadWakeNanos", "1e3", "threadWakeNanos is '1e3', not a whole number"),
                Arguments.of("combineNanosPerValue", "NaN", "combineNanosPerValue is NaN (expected: 0 to 1000000.0)"),
                Arguments.of("combineNanosPerValue", "-0.5", "combineNanosPerValue is -0.5 (expected: 0 to 1000000.0)"),
                Arguments.of("transferBytesPerSecond", "Infinity", "transferBytesPerSecond is Infinity (expected: 0 to 1.0E13)"),
                Arguments.of("cores", "0", "cores is 0 (expected: at least 1)"),
                Arguments.of("cores", Integer.toString(CORES + 1), "cores is " + (CORES + 1) + ", but this machine has " + CORES),
                Arguments.of("threadTaskNanos", "", "threadTaskNanos is '', not a whole number"));
    }

    /** Loads through {@link CalibrationCache#get}, which must measure again, note one line, and write the file over. */
    Calibration getAndExpectOneNote(Path file, String whatIsWrong) throws IOException {
        Instant before = Instant.now();
        Calibration c = CalibrationCache.get(false, file, notes::add);

        assertThat(notes).containsExactly("note: ignored " + file + ": " + whatIsWrong + "; measuring again");
        assertThat(c.measuredAt()).as("measured again").isAfterOrEqualTo(before);
        assertThat(c.cores()).isEqualTo(CORES);
        return c;
    }

    void assertRewrittenWith(Path file, Calibration c) {
        assertThat(file).isRegularFile();
        List<String> again = new ArrayList<>();
        assertThat(CalibrationCache.load(file, again::add)).isEqualTo(c);
        assertThat(again).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("badFigures")
    void figureOutOfRangeOrUnparsable_isIgnoredWithANote_thenMeasuredAndWrittenOver(String key, String value,
                                                                                   String whatIsWrong) throws IOException {
        Path file = Files.writeString(dir.resolve("calibration.properties"), cacheWith(key, value));

        Calibration c = getAndExpectOneNote(file, whatIsWrong);

        assertRewrittenWith(file, c);
    }

    @Test
    void figureMissing_isIgnoredWithANote() throws IOException {
        Path file = Files.writeString(dir.resolve("calibration.properties"),
                cacheWith("none", "").replaceAll("(?m)^threadWakeNanos=.*\n", ""));

        assertRewrittenWith(file, getAndExpectOneNote(file, "threadWakeNanos is missing"));
    }

    @Test
    void garbageText_isIgnoredWithANote() throws IOException {
        Path file = Files.writeString(dir.resolve("calibration.properties"),
                "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit.\n");

        assertRewrittenWith(file, getAndExpectOneNote(file, "cores is missing"));
    }

    @Test
    void binaryBytes_areIgnoredWithANote() throws IOException {
        Path file = Files.write(dir.resolve("calibration.properties"), new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2});

        assertRewrittenWith(file, getAndExpectOneNote(file, "is not text (not UTF-8)"));
    }

    @Test
    void oversizedFile_isNotRead_andIgnoredWithANote() throws IOException {
        Path file = dir.resolve("calibration.properties");
        Files.writeString(file, cacheWith("none", "") + "#".repeat(CacheFile.MAX_BYTES) + "\n");
        long size = Files.size(file);

        assertRewrittenWith(file, getAndExpectOneNote(file, "is " + size + " bytes, more than the 65536 a cache file may have"));
    }

    @Test
    void directory_isIgnoredWithANote_andLeftAlone() throws IOException {
        Path file = Files.createDirectory(dir.resolve("calibration.properties"));

        getAndExpectOneNote(file, "is a directory, not a regular file");

        assertThat(file).isDirectory();
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void symbolicLinkToDevZero_isNotRead_andTheLinkIsReplacedByTheFigures() throws IOException {
        assumeThat(Path.of("/dev/zero")).exists();
        Path file = Files.createSymbolicLink(dir.resolve("calibration.properties"), Path.of("/dev/zero"));

        Calibration c = getAndExpectOneNote(file,
                "is a symbolic link to /dev/zero, which is a character device, not a regular file");

        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertRewrittenWith(file, c);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fifo_isNotOpened_andIsReplacedByTheFigures() throws Exception {
        Path file = dir.resolve("calibration.properties");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeThat(e).as("mkfifo is not available").isNull();
            return;
        }
        assertThat(mkfifo.waitFor()).isZero();

        Calibration c = getAndExpectOneNote(file, "is a FIFO, not a regular file");

        assertRewrittenWith(file, c);
    }

    @Test
    void unreadableFile_isIgnoredWithANote() throws IOException {
        Path file = Files.writeString(dir.resolve("calibration.properties"), cacheWith("none", ""), StandardCharsets.UTF_8);
        assumeThat(file.toFile().setReadable(false, false)).isTrue();
        assumeThat(Files.isReadable(file)).as("running as root: every file is readable").isFalse();

        assertRewrittenWith(file, getAndExpectOneNote(file, "cannot be read: permission denied"));
    }
}
