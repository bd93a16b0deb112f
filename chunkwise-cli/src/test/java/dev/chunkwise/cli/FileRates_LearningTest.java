package dev.chunkwise.cli;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What {@link FileRates} predicts from given runs: figures, not timings. */
class FileRates_LearningTest {

    static final long MS = 1_000_000;

    @TempDir
    Path dir;

    static FileRates none() {
        return FileRates.load(null, note -> {
            throw new AssertionError(note);
        });
    }

    static void read(FileRates r, long bytes, long nanos) {
        r.learn(FileFormat.CSV, bytes, nanos, FileFormat.CSV, 1, 1);
    }

    @Test
    void threeTinyRuns_predictNothingForALargeFile_butTheirOwnTimeForATinyOne() {
        FileRates r = none();
        for (int i = 0; i < 3; i++) {
            read(r, 10_000, 40 * MS); // as one rate, 250 kB/s: a 116 MB file would be predicted 464 s
        }

        assertThat(r.predictRead(FileFormat.CSV, 116_000_000)).isNaN();
        assertThat(r.predictRead(FileFormat.CSV, 10_000)).isEqualTo(40.0 * MS);
        assertThat(FileRates.predicted(r.predictRead(FileFormat.CSV, 116_000_000)))
                .isEqualTo("no earlier run of this size to predict from");
    }

    @Test
    void tinyRunsThenALargeOne_predictBothSizesFromAFixedCostPlusARate() {
        FileRates r = none();
        for (int i = 0; i < 3; i++) {
            read(r, 10_000, 40 * MS);
        }
        read(r, 116_000_000, 1_650 * MS);

        // fixed 40 ms; rate 116 MB / 1.61 s = 72.0 MB/s
        assertThat(r.predictRead(FileFormat.CSV, 116_000_000)).isCloseTo(1_650.0 * MS, within(1e-6 * MS));
        assertThat(r.predictRead(FileFormat.CSV, 10_000)).isCloseTo(40.139 * MS, within(0.001 * MS));
        assertThat(r.predictRead(FileFormat.CSV, 58_000_000)).isCloseTo(845.0 * MS, within(0.001 * MS));
    }

    @Test
    void aLargeRunAlone_predictsLargeFiles_butNotSmallOnes_untilASmallRunTeachesTheFixedCost() {
        FileRates r = none();
        read(r, 100_000_000, 1_000 * MS);
        assertThat(r.predictRead(FileFormat.CSV, 200_000_000)).isCloseTo(2_000.0 * MS, within(1e-6 * MS));
        assertThat(r.predictRead(FileFormat.CSV, 10_000)).isNaN();

        read(r, 10_000, 30 * MS);

        assertThat(r.predictRead(FileFormat.CSV, 10_000)).isCloseTo(30.0 * MS, within(1e-6 * MS));
    }

    @Test
    void aFixedCostLargerThanHalfALargeRun_countsHalfOfItAsProportional() {
        FileRates r = none();
        read(r, 10_000, 500 * MS);
        read(r, 2_000_000, 600 * MS); // 600 - 500 = 100 ms would say 20 MB/s; half of 600 ms says 6.67 MB/s

        assertThat(r.predictRead(FileFormat.CSV, 2_000_000)).isCloseTo(800.0 * MS, within(1e-6 * MS));
    }

    @Test
    void runsOutOfRange_areNotLearnt() {
        FileRates r = none();
        read(r, 100_000_000, 0);              // an infinite rate
        read(r, 100_000_000, 1);              // 10¹⁷ bytes a second
        read(r, 2_000_000, 3_600_000 * MS);   // 556 bytes a second
        read(r, 10_000, 120_000 * MS);        // a fixed cost of two minutes

        assertThat(r.predictRead(FileFormat.CSV, 100_000_000)).isNaN();
        assertThat(r.predictRead(FileFormat.CSV, 10_000)).isNaN();
    }

    @Test
    void eachFormatAndDirection_isLearntApart() {
        FileRates r = none();
        r.learn(FileFormat.PARQUET, 50_000_000, 250 * MS, FileFormat.CSV_GZ, 10_000_000, 2_000 * MS);

        assertThat(r.predictRead(FileFormat.PARQUET, 50_000_000)).isCloseTo(250.0 * MS, within(1e-6 * MS));
        assertThat(r.predictWrite(FileFormat.CSV_GZ, 10_000_000)).isCloseTo(2_000.0 * MS, within(1e-6 * MS));
        assertThat(r.predictRead(FileFormat.CSV, 50_000_000)).isNaN();
        assertThat(r.predictWrite(FileFormat.PARQUET, 10_000_000)).isNaN();
    }

    @Test
    void storeThenLoad_predictsTheSame() {
        Path file = dir.resolve("file-rates.properties");
        FileRates r = FileRates.load(file, note -> {
            throw new AssertionError(note);
        });
        read(r, 10_000, 40 * MS);
        read(r, 116_000_000, 1_650 * MS);
        r.store();

        List<String> notes = new ArrayList<>();
        FileRates again = FileRates.load(file, notes::add);

        assertThat(notes).isEmpty();
        for (long size : new long[]{10_000, 116_000_000}) {
            assertThat(again.predictRead(FileFormat.CSV, size)).isCloseTo(r.predictRead(FileFormat.CSV, size),
                    within(1e-5 * r.predictRead(FileFormat.CSV, size)));
        }
    }

    @Property(tries = 300)
    void predictions_areFiniteAndPositive_andNeverFallAsTheFileGrows(
            @ForAll @Size(max = 8) List<@LongRange(min = 1, max = 1L << 34) Long> sizes,
            @ForAll @Size(max = 8) List<@LongRange(min = 0, max = 100_000 * MS) Long> times,
            @ForAll @IntRange(min = 0, max = 40) int fromPower, @ForAll @IntRange(min = 0, max = 40) int toPower) {
        FileRates r = none();
        for (int i = 0; i < Math.min(sizes.size(), times.size()); i++) {
            read(r, sizes.get(i), times.get(i));
        }
        long small = 1L << Math.min(fromPower, toPower);
        long large = 1L << Math.max(fromPower, toPower);
        double a = r.predictRead(FileFormat.CSV, small);
        double b = r.predictRead(FileFormat.CSV, large);

        for (double p : new double[]{a, b}) {
            assertThat(Double.isNaN(p) || (p >= 0 && Double.isFinite(p))).as("prediction %s", p).isTrue();
        }
        if (!Double.isNaN(a) && !Double.isNaN(b)) {
            assertThat(b).isGreaterThanOrEqualTo(a);
        }
    }
}
