package dev.chunkwise.cli;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.pool.Pool;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

class ProgressBarTest {

    @Test
    void render_showsPartitionsRateElapsedAndRemaining() {
        String line = ProgressBar.render(5, 8, 5_000_000, 8_000_000, 2_000_000_000L);

        assertThat(line).isEqualTo("[==================>           ] 5/8 partitions, 2.5M rows/s, 2.00 s elapsed, 1.20 s left");
    }

    @Test
    void renderBytes_ofAFileOfKnownSize_showsTheShareReadWrittenRateAndRemaining() {
        String line = ProgressBar.renderBytes(100L << 20, 400L << 20, 120L << 20, 2_000_000_000L);

        assertThat(line).isEqualTo("[=======>                      ] 100.0 MiB of 400.0 MiB read, 120.0 MiB written, "
                + "50.0 MiB/s, 2.00 s elapsed, 6.00 s left");
    }

    @Test
    void renderBytes_ofAPipe_showsWhatWasReadAndWritten() {
        String line = ProgressBar.renderBytes(3L << 30, -1, 1L << 30, 4_000_000_000L);

        assertThat(line).isEqualTo("3.0 GiB read, 1.0 GiB written, 768.0 MiB/s, 4.00 s elapsed");
    }

    @Test
    void bar_staysQuietForShortWork_andDrawsForLongWork() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out));

        bar.onProgress(1, 2, 10, 20, 10_000_000L);
        bar.onProgress(2, 2, 20, 20, 20_000_000L);
        assertThat(out.toString()).isEmpty();

        bar.onProgress(1, 2, 10, 20, 1_500_000_000L);
        bar.onProgress(2, 2, 20, 20, 3_000_000_000L);
        assertThat(out.toString()).contains("1/2 partitions", "2/2 partitions").endsWith("\n");
    }

    @Test
    void listener_isToldOfEveryPartitionInOrder() {
        List<int[]> calls = new ArrayList<>();
        try (Pool pool = Pool.threads(2)) {
            Parallel.apply(Frames.randomInts(10_000, 0, 10, 1, "A"), part -> part.cols("K").merge($int("A").mul(2)))
                    .on(pool).partitions(6)
                    .progress((done, total, rows, allRows, nanos) -> calls.add(new int[]{done, total, (int) rows, (int) allRows}))
                    .run();
        }
        assertThat(calls).hasSize(6);
        assertThat(calls.get(5)).containsExactly(6, 6, 10_000, 10_000);
        for (int i = 0; i < 6; i++) {
            assertThat(calls.get(i)[0]).isEqualTo(i + 1);
        }
    }

    @Test
    void apply_notOnATerminal_drawsNoBar() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bar");
        java.nio.file.Path in = java.nio.file.Files.writeString(dir.resolve("in.csv"), "A\n1\n2\n");
        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A", "-o", dir.resolve("out.csv").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).doesNotContain("partitions,");
    }
}
