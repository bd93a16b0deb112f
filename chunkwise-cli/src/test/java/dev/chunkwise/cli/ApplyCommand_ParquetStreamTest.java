package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.SafeOutput;
import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Partitions;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.dflib.parquet.Parquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parquet read and written as a stream: a Parquet input in runs of row groups, a Parquet output a row group per block
 * (of a CSV input) or per run. Whatever the runs and blocks, the output is the one the file read whole gives: the
 * same CSV bytes, or the same table.
 */
@Timeout(120)
class ApplyCommand_ParquetStreamTest {

    @TempDir
    Path dir;

    /** Writes {@code df} as a Parquet file of {@code groups} row groups. */
    static Path rowGroups(DataFrame df, Path file, int groups) throws IOException {
        try (SafeOutput out = SafeOutput.open(file)) {
            ParquetSink sink = new ParquetSink(out);
            for (DataFrame part : Partitions.split(df, groups)) {
                sink.append(sink.encode(part), "a part");
            }
            sink.finish();
            out.commit();
        }
        assertThat(ParquetFilesTest.rowGroups(file)).isEqualTo(groups);
        return file;
    }

    @Test
    void parquetInput_toCsv_streamedInRunsOfRowGroups_isTheWholeFileOutput() throws IOException {
        Path in = rowGroups(ParquetFilesTest.mixed(5_000), dir.resolve("in.parquet"), 9);
        Path whole = dir.resolve("whole.csv");
        Path streamed = dir.resolve("streamed.csv");

        CliRun a = CliRun.of("apply", in.toString(), "--with", "K = i / 2 + l", "--with", "T = s + \"!\"", "-o",
                whole.toString(), "--no-stream");
        CliRun b = CliRun.of("apply", in.toString(), "--with", "K = i / 2 + l", "--with", "T = s + \"!\"", "-o",
                streamed.toString(), "--block-size", "1", "--explain");

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.err()).contains("plan: streamed: 5,000 rows in 9 runs of row groups");
        assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(whole));
    }

    @Test
    void parquetInput_toParquet_streamed_isTheWholeFileTable_aRowGroupPerRun() throws IOException {
        Path in = rowGroups(ParquetFilesTest.mixed(3_000), dir.resolve("in.parquet"), 6);
        Path whole = dir.resolve("whole.parquet");
        Path streamed = dir.resolve("streamed.parquet");

        CliRun a = CliRun.of("apply", in.toString(), "--with", "K = d * 2", "-o", whole.toString(), "--no-stream");
        CliRun b = CliRun.of("apply", in.toString(), "--with", "K = d * 2", "-o", streamed.toString(),
                "--stream", "--block-size", "1");

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(ParquetFilesTest.rowGroups(streamed)).isEqualTo(6);
        DataFrame expected = Parquet.load(whole);
        DataFrame actual = Parquet.load(streamed);
        assertThat(actual.getColumnsIndex().toArray()).containsExactly("i", "l", "d", "s", "K");
        assertThat(Frames.contentEquals(actual, expected)).as(Frames.head(actual, 5)).isTrue();
    }

    @Test
    void csvInput_toParquet_streamed_isTheWholeFileTable_aRowGroupPerBlock() throws IOException {
        StringBuilder csv = new StringBuilder("A,B,S\n");
        for (int r = 0; r < 400; r++) {
            csv.append(r).append(',').append(r * 0.5).append(',').append(r % 3 == 0 ? "\"x,y\"" : "s" + r).append('\n');
        }
        Path in = Files.writeString(dir.resolve("in.csv"), csv);
        Path whole = dir.resolve("whole.parquet");
        Path streamed = dir.resolve("streamed.parquet");

        CliRun a = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", whole.toString(), "--no-stream");
        CliRun b = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", streamed.toString(),
                "--stream", "--block-size", "500");

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(ParquetFilesTest.rowGroups(streamed)).isGreaterThan(5);
        assertThat(Frames.contentEquals(Parquet.load(streamed), Parquet.load(whole)))
                .as(Frames.head(Parquet.load(streamed), 5)).isTrue();
    }

    @Test
    void csvInput_toParquet_aTypeWidenedOnTheLastRow_isReadAgain_andIsTheWholeFileTable() throws IOException {
        StringBuilder csv = new StringBuilder("A,B\n");
        for (int r = 0; r < 300; r++) {
            csv.append(r).append(",b").append(r).append('\n');
        }
        csv.append("0.5,last\n");
        Path in = Files.writeString(dir.resolve("in.csv"), csv);
        Path whole = dir.resolve("whole.parquet");
        Path streamed = dir.resolve("streamed.parquet");

        CliRun a = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", whole.toString(), "--no-stream");
        CliRun b = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", streamed.toString(),
                "--stream", "--block-size", "100", "--explain");

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.err()).contains("it is read again");
        DataFrame actual = Parquet.load(streamed);
        assertThat(actual.getColumn("A").get(300)).isEqualTo(0.5);
        assertThat(Frames.contentEquals(actual, Parquet.load(whole))).isTrue();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("in.csv", "whole.parquet", "streamed.parquet");
        }
    }

    @Test
    void anExpressionFailingInALaterRun_namesTheDataRow_andWritesNothing() throws IOException {
        DataFrame df = DataFrame.byColumn("A").of(Series.ofInt(IntStream.range(0, 1000).map(r -> r == 777 ? 0 : 1)
                .toArray()));
        Path in = rowGroups(df, dir.resolve("in.parquet"), 10);
        Path out = dir.resolve("out.csv");

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = 10 / A", "-o", out.toString(), "--stream",
                "--block-size", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("on data row 778 of " + in).contains("A=0");
        assertThat(out).doesNotExist();
    }

    @Test
    void aPartWithOtherColumnTypesThanTheFirst_isAnErrorNamingItsRows() throws IOException {
        try (SafeOutput out = SafeOutput.open(dir.resolve("out.parquet"))) {
            ParquetSink sink = new ParquetSink(out);
            sink.append(sink.encode(DataFrame.byColumn("A").of(Series.ofInt(1, 2))), "data rows 1 to 2");
            Path other = sink.encode(DataFrame.byColumn("A").of(Series.ofLong(3L)));

            assertThatThrownBy(() -> sink.append(other, "data rows 3 to 3"))
                    .isInstanceOf(JobFailedException.class)
                    .hasMessageContaining("the Parquet output's columns were fixed by its first rows")
                    .hasMessageContaining("but data rows 3 to 3 give")
                    .hasMessageContaining("--no-stream");
            assertThat(other).doesNotExist();
        }
        assertThat(dir.resolve("out.parquet")).doesNotExist();
    }

    @Test
    void aFileThatIsNotParquet_isAnErrorNamingIt() throws IOException {
        Path in = Files.writeString(dir.resolve("in.parquet"), "A,B\n1,2\n");

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A", "-o", dir.resolve("o.csv").toString(),
                "--stream");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("in.parquet: cannot be read as Parquet");
        assertThat(List.of(dir.resolve("o.csv"))).allMatch(p -> !Files.exists(p));
    }
}
