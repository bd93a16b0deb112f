package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.ChildJvm;
import dev.chunkwise.cli.csv.SafeOutput;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Parquet file larger than the heap (its values do not compress, and the table it holds is bigger still) goes
 * through {@code apply} in a real JVM started with {@code -Xmx64m}: it is read as a stream of runs of row groups by
 * default, and every output row is the input row with {@code K = 2 * B}.
 */
@Timeout(300)
class ApplyCommand_ParquetLargerThanHeapTest {

    private static final int GROUPS = 80;
    private static final int ROWS_PER_GROUP = 100_000;

    @TempDir
    Path dir;

    /** A value of row {@code r} that does not compress: a mix of its bits. */
    static long mix(long r) {
        long z = r * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 27);
    }

    @Test
    void aParquetFileLargerThanTheHeap_runsInTheHeap_andEveryRowIsRight() throws Exception {
        Path in = dir.resolve("big.parquet");
        try (SafeOutput out = SafeOutput.open(in)) {
            ParquetSink sink = new ParquetSink(out);
            for (int g = 0; g < GROUPS; g++) {
                long[] a = new long[ROWS_PER_GROUP];
                int[] b = new int[ROWS_PER_GROUP];
                for (int i = 0; i < ROWS_PER_GROUP; i++) {
                    int r = g * ROWS_PER_GROUP + i;
                    a[i] = mix(r);
                    b[i] = r;
                }
                sink.append(sink.encode(DataFrame.byColumn("A", "B").of(Series.ofLong(a), Series.ofInt(b))), "a group");
            }
            sink.finish();
            out.commit();
        }
        long rows = (long) GROUPS * ROWS_PER_GROUP;
        assertThat(Files.size(in)).isGreaterThan(64L << 20);
        Path out = dir.resolve("out.csv");

        ChildJvm jvm = ChildJvm.start(dir, List.of("-Xmx64m"), Chunkwise.class.getName(), "apply", in.toString(),
                "--with", "K = B * 2", "-o", out.toString(), "--explain");
        int exit = jvm.waitFor();

        assertThat(exit).as(jvm.stderr()).isZero();
        assertThat(jvm.stderr()).contains("plan: streamed: " + String.format("%,d", rows) + " rows in");
        long checked = 0;
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.US_ASCII)) {
            assertThat(r.readLine()).isEqualTo("A,B,K");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String expected = mix(checked) + "," + checked + "," + 2 * checked;
                if (!line.equals(expected)) {
                    assertThat(line).as("row " + (checked + 1)).isEqualTo(expected);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(rows);
    }
}
