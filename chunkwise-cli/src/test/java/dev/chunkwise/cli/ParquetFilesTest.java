package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.SafeOutput;
import dev.chunkwise.frame.Frames;
import dev.chunkwise.cli.work.LocalThreads;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.dflib.parquet.Parquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ParquetFilesTest {

    @TempDir
    Path dir;

    /** Int, long, double and string columns (with nulls), enough rows for several row groups. */
    static DataFrame mixed(int rows) {
        Random r = new Random(7);
        int[] i = new int[rows];
        long[] l = new long[rows];
        double[] d = new double[rows];
        String[] s = new String[rows];
        for (int k = 0; k < rows; k++) {
            i[k] = r.nextInt();
            l[k] = r.nextLong();
            d[k] = r.nextDouble();
            s[k] = k % 7 == 0 ? null : "v" + r.nextInt(1000) + ",\"é\"";
        }
        return DataFrame.byColumn("i", "l", "d", "s").of(Series.ofInt(i), Series.ofLong(l), Series.ofDouble(d), Series.of(s));
    }

    /** Writes {@code df} to {@code file} as the commands do: through a temporary file, committed. */
    static void write(DataFrame df, Path file, LocalThreads pool, int partitions) throws IOException {
        try (SafeOutput out = SafeOutput.open(file)) {
            out.stream().close();
            ParquetFiles.write(df, out, pool, pool.count(), partitions);
            out.commit();
        }
    }

    static int rowGroups(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(file))) {
            return reader.getFooter().getBlocks().size();
        }
    }

    static java.util.List<BlockMetaData> groups(long... rows) {
        java.util.List<BlockMetaData> groups = new java.util.ArrayList<>();
        for (long r : rows) {
            BlockMetaData g = new BlockMetaData();
            g.setRowCount(r);
            groups.add(g);
        }
        return groups;
    }

    @Test
    void runs_cutNeighbouringGroupsIntoAboutEqualRows_inOrder() {
        var groups = groups(25, 25, 25, 25);

        var two = ParquetFiles.runs(groups, 2);
        var many = ParquetFiles.runs(groups, 8);

        assertThat(two).hasSize(2);
        assertThat(two.get(0)).containsExactly(groups.get(0), groups.get(1));
        assertThat(two.get(1)).containsExactly(groups.get(2), groups.get(3));
        assertThat(many).hasSize(4).allMatch(run -> run.size() == 1);
        assertThat(ParquetFiles.runs(groups(10, 10, 10, 70), 2).stream().mapToInt(java.util.List::size).sum())
                .isEqualTo(4);
    }

    @Test
    void write_onAPool_makesOneRowGroupPerPartition_andReadsBackTheSameFrame() throws IOException {
        DataFrame df = mixed(4 * ParquetFiles.MIN_ROWS_PER_GROUP + 123);
        Path file = dir.resolve("out.parquet");

        try (LocalThreads pool = LocalThreads.start(2)) {
            write(df, file, pool, 4);

            assertThat(rowGroups(file)).isEqualTo(4);
            assertThat(Frames.contentEquals(ParquetFiles.read(file, pool, pool.count()), df)).isTrue();
        }
        assertThat(Frames.contentEquals(Parquet.load(file), df)).as("DFLib reads the merged file too").isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.parquet");
        }
    }

    @Test
    void write_smallFrame_isOneRowGroup_andReadsBack() throws IOException {
        DataFrame df = mixed(1000);
        Path file = dir.resolve("small.parquet");

        try (LocalThreads pool = LocalThreads.start(2)) {
            write(df, file, pool, 4);

            assertThat(rowGroups(file)).isEqualTo(1);
            assertThat(Frames.contentEquals(ParquetFiles.read(file, pool, pool.count()), df)).isTrue();
        }
    }

    @Test
    void read_manyRowGroupsOnMoreRunsThanGroups_keepsTheirOrder() throws IOException {
        DataFrame df = mixed(3 * ParquetFiles.MIN_ROWS_PER_GROUP);
        Path file = dir.resolve("three.parquet");
        try (LocalThreads pool = LocalThreads.start(4)) {
            write(df, file, pool, 3);

            assertThat(rowGroups(file)).isEqualTo(3);
            assertThat(Frames.contentEquals(ParquetFiles.read(file, pool, pool.count()), df)).isTrue();
        }
    }
}
