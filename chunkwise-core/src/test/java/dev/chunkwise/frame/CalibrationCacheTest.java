package dev.chunkwise.frame;

import dev.chunkwise.util.CacheFile;
import dev.chunkwise.plan.Work;
import dev.chunkwise.plan.Planner;
import dev.chunkwise.plan.Plan;
import dev.chunkwise.plan.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CalibrationCacheTest {

    static final int CORES = Runtime.getRuntime().availableProcessors();

    @TempDir
    Path dir;

    final List<String> notes = new ArrayList<>();

    @Test
    void storeThenLoad_givesTheSameFigures() {
        Calibration c = new Calibration(CORES, 1, 2, 9, 3.5, 4, 5, 6.5, 7, 8, Instant.parse("2024-11-25T10:00:00Z"));
        Path file = dir.resolve("sub/calibration.properties");

        CalibrationCache.store(c, file);

        assertThat(CalibrationCache.load(file, notes::add)).isEqualTo(c);
        assertThat(notes).isEmpty();
    }

    @Test
    void storeThenLoad_keepsSparksCostPerTask() {
        Calibration c = new Calibration(CORES, 1, 2, 9, 3.5, 4, 5, 6.5, 7, 8, 11, Instant.parse("2024-11-25T10:00:00Z"));
        Path file = dir.resolve("calibration.properties");

        CalibrationCache.store(c, file);

        assertThat(CalibrationCache.load(file, notes::add).sparkTaskNanos()).isEqualTo(11);
        assertThat(notes).isEmpty();
    }

    @Test
    void load_cacheWrittenBeforeSparksTaskWasMeasured_isUsed_withTheTaskNotMeasured() throws Exception {
        Calibration c = new Calibration(CORES, 1, 2, 9, 3.5, 4, 5, 6.5, 7, 8, 11, Instant.parse("2024-11-25T10:00:00Z"));
        Path file = dir.resolve("calibration.properties");
        CalibrationCache.store(c, file);
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^sparkTaskNanos=.*\n", ""));

        Calibration old = CalibrationCache.load(file, notes::add);

        assertThat(old.sparkJobNanos()).isEqualTo(8);
        assertThat(old.sparkTaskNanos()).isZero();
        assertThat(old.toString()).contains("spark task: not measured (run chunkwise calibrate --spark)");
        assertThat(notes).isEmpty();
    }

    @Test
    void load_negativeSparkTask_isIgnoredWithANote() throws Exception {
        Calibration c = new Calibration(CORES, 1, 2, 9, 3.5, 4, 5, 6.5, 7, 8, 11, Instant.parse("2024-11-25T10:00:00Z"));
        Path file = dir.resolve("calibration.properties");
        CalibrationCache.store(c, file);
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^sparkTaskNanos=.*$", "sparkTaskNanos=-3"));

        assertThat(CalibrationCache.load(file, notes::add)).isNull();
        assertThat(notes).containsExactly("note: ignored " + file
                + ": sparkTaskNanos is -3 (expected: 0 to 3600000000000, an hour); measuring again");
    }

    @Test
    void get_measuresWhenMissing_thenUsesTheCache() {
        Path file = dir.resolve("calibration.properties");

        Calibration first = CalibrationCache.get(false, file);
        Calibration second = CalibrationCache.get(false, file);

        assertThat(Files.exists(file)).isTrue();
        assertThat(second).isEqualTo(first);
        assertThat(first.threadTaskNanos()).isPositive();
    }

    @Test
    void get_staleCache_isMeasuredAgain() {
        Path file = dir.resolve("calibration.properties");
        Calibration old = new Calibration(CORES, 1, 2, 9, 3, 0, 0, 0, 0, 0, Instant.now().minus(CalibrationCache.MAX_AGE).minus(Duration.ofHours(1)));
        CalibrationCache.store(old, file);

        Calibration c = CalibrationCache.get(false, file, notes::add);

        assertThat(c.measuredAt()).isAfter(old.measuredAt());
        assertThat(notes).as("a stale cache is not wrong: no note").isEmpty();
    }

    @Test
    void get_unwritableOrGarbledCache_stillGivesFigures() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Path garbled = Files.writeString(dir.resolve("garbled.properties"), "cores=two\n");

        assertThat(CalibrationCache.get(false, notADirectory.resolve("calibration.properties"), notes::add).cores()).isPositive();
        assertThat(notes).as("a cache directory that cannot be made is no fault of a file: no note").isEmpty();
        assertThat(CalibrationCache.load(garbled, notes::add)).isNull();
        assertThat(notes).containsExactly("note: ignored " + garbled + ": cores is 'two', not a whole number; measuring again");
        assertThat(CalibrationCache.get(false, null).cores()).isPositive();
    }
}
