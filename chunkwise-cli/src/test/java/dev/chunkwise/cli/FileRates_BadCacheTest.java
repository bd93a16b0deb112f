package dev.chunkwise.cli;

import dev.chunkwise.util.CacheFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every kind of garbled file-rates cache, as a real file: each is ignored with one note naming the file and what is
 * wrong, predicts nothing, and is written over by the next run's rates. None hangs.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FileRates_BadCacheTest {

    static final long MS = 1_000_000;

    @TempDir
    Path dir;

    final List<String> notes = new ArrayList<>();

    Path file() {
        return dir.resolve("file-rates.properties");
    }

    /** Loads, expecting one note, no prediction; then learns a run, stores, and checks the file is whole again. */
    void assertIgnoredThenWrittenOver(String whatIsWrong) {
        FileRates r = FileRates.load(file(), notes::add);

        assertThat(notes).containsExactly("note: ignored " + file() + ": " + whatIsWrong + "; learning again");
        assertThat(r.predictRead(FileFormat.CSV, 10_000)).isNaN();
        assertThat(r.predictRead(FileFormat.CSV, 100_000_000)).isNaN();

        r.learn(FileFormat.CSV, 100_000_000, 1_000 * MS, FileFormat.CSV, 1_000_000, 100 * MS);
        r.store();
        List<String> again = new ArrayList<>();
        assertThat(FileRates.load(file(), again::add).predictRead(FileFormat.CSV, 100_000_000)).isEqualTo(1_000.0 * MS);
        assertThat(again).isEmpty();
        assertThat(file()).isRegularFile();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CSV.read.bytesPerSecond=Infinity | CSV.read.bytesPerSecond is Infinity (expected: 1000.0 to 1.0E11)",
            "CSV.read.bytesPerSecond=NaN | CSV.read.bytesPerSecond is NaN (expected: 1000.0 to 1.0E11)",
            "CSV.write.valuesPerSecond=-5 | CSV.write.valuesPerSecond is -5 (expected: 1000.0 to 1.0E11)",
            "CSV.write.valuesPerSecond=0 | CSV.write.valuesPerSecond is 0 (expected: 1000.0 to 1.0E11)",
            "PARQUET.read.fixedNanos=-1 | PARQUET.read.fixedNanos is -1 (expected: 0.0 to 6.0E10)",
            "CSV_GZ.read.fixedNanos=1e300 | CSV_GZ.read.fixedNanos is 1e300 (expected: 0.0 to 6.0E10)",
            "CSV.read.bytesPerSecond=fast | CSV.read.bytesPerSecond is 'fast', not a number"})
    void figureOutOfRangeOrUnparsable_isIgnoredWithANote(String line, String whatIsWrong) throws IOException {
        Files.writeString(file(), "version=2\nCSV.read.fixedNanos=4.0e7\n" + line + "\n");

        assertIgnoredThenWrittenOver(whatIsWrong);
    }

    @Test
    void garbageText_isIgnoredWithANote() throws IOException {
        Files.writeString(file(), "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit.\n");

        assertIgnoredThenWrittenOver("version is missing (not a file-rates file of this chunkwise)");
    }

    @Test
    void anotherVersion_isIgnoredWithANote() throws IOException {
        Files.writeString(file(), "version=9\nCSV.read.bytesPerSecond=1e8\n");

        assertIgnoredThenWrittenOver("version is '9' (expected: 2)");
    }

    @Test
    void theFormerFormat_isDroppedSilently_forItsRatesCountedFixedCostsAsRate() throws IOException {
        Files.writeString(file(), "CSV.read.bytesPerSecond=6.67e+06\nCSV.write.valuesPerSecond=1.2e+07\n");

        FileRates r = FileRates.load(file(), notes::add);

        assertThat(notes).isEmpty();
        assertThat(r.predictRead(FileFormat.CSV, 116_000_000)).isNaN();
    }

    @Test
    void oversizedFile_isIgnoredWithANote() throws IOException {
        Files.writeString(file(), "version=2\n" + "#".repeat(CacheFile.MAX_BYTES) + "\n");

        assertIgnoredThenWrittenOver("is " + Files.size(file()) + " bytes, more than the 65536 a cache file may have");
    }

    @Test
    void directory_isIgnoredWithANote_andLeftAlone() throws IOException {
        Files.createDirectory(file());

        FileRates r = FileRates.load(file(), notes::add);
        r.learn(FileFormat.CSV, 100_000_000, 1_000 * MS, FileFormat.CSV, 1_000_000, 100 * MS);
        r.store();

        assertThat(notes).containsExactly("note: ignored " + file() + ": is a directory, not a regular file; learning again");
        assertThat(file()).isDirectory();
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file left beside it").containsExactly(file());
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void symbolicLinkToDevZero_isNotRead_andIsReplaced() throws IOException {
        assumeThat(Path.of("/dev/zero")).exists();
        Files.createSymbolicLink(file(), Path.of("/dev/zero"));

        assertIgnoredThenWrittenOver("is a symbolic link to /dev/zero, which is a character device, not a regular file");
        assertThat(Files.isSymbolicLink(file())).isFalse();
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fifo_isNotOpened_andIsReplaced() throws Exception {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", file().toString()).inheritIO().start();
        } catch (IOException e) {
            assumeThat(e).as("mkfifo is not available").isNull();
            return;
        }
        assertThat(mkfifo.waitFor()).isZero();

        assertIgnoredThenWrittenOver("is a FIFO, not a regular file");
    }
}
