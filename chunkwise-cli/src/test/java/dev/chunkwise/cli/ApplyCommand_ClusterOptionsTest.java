package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code apply --backend spark --master spark://…} refuses before it starts a Spark session (no cluster listens
 * at the master given): inputs that are not there or hold no CSV file, an output directory that exists, options
 * such a run does not take; and {@code --single-file} without a cluster, and a local master's run, which is the
 * driver-side one.
 */
@Timeout(60)
class ApplyCommand_ClusterOptionsTest {

    /** A master nothing listens at: a run that tried to reach it would fail otherwise than these tests expect. */
    static final String NO_MASTER = "spark://127.0.0.1:9";

    @TempDir
    Path dir;

    CliRun onCluster(String in, String out, String... more) {
        String[] args = Stream.concat(Stream.of("apply", in, "-o", out, "--with", "K = A * 2", "--backend", "spark",
                "--master", NO_MASTER), Stream.of(more)).toArray(String[]::new);
        return CliRun.of(args);
    }

    @Test
    void missingInput_failsNamingIt() {
        CliRun run = onCluster(dir.resolve("nope").toString(), dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("chunkwise apply: " + dir.resolve("nope") + ": no such file or directory"
                + System.lineSeparator());
    }

    @Test
    void directoryWithoutCsv_failsSayingWhatIsSkipped() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("_SUCCESS"), "");
        Files.writeString(in.resolve("notes.txt"), "A\n1\n");

        CliRun run = onCluster(in.toString(), dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(in + ": no .csv, .csv.gz or .csv.zst file in it (names starting with _ or . "
                + "are skipped");
    }

    @Test
    void outputDirectoryThatExists_failsBeforeAnyJob_andIsLeftAsItWas() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "A\n1\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.csv"), "x\n");

        CliRun run = onCluster(in.toString(), out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(out + " exists already; remove it or give another -o");
        assertThat(out.resolve("keep.csv")).hasContent("x");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.csv", "out");
        }
    }

    @Test
    void traceOrParquet_onACluster_isBadUsage() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "A\n1\n");

        CliRun trace = onCluster(in.toString(), dir.resolve("out").toString(), "--trace", dir.resolve("t.json").toString());
        CliRun parquet = onCluster(in.toString(), dir.resolve("out.parquet").toString());

        assertThat(trace.exitCode()).isEqualTo(2);
        assertThat(trace.err()).contains("--trace and --timeline are not drawn for a run on a Spark cluster yet");
        assertThat(parquet.exitCode()).isEqualTo(2);
        assertThat(parquet.err()).contains("a run on a Spark cluster reads and writes CSV files");
    }

    @Test
    void localMaster_runsTheDriverSidePath_andExplainSaysWhichAndWhy() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "A\n1\n2\n");

        CliRun run = CliRun.of("apply", in.toString(), "-o", dir.resolve("o.csv").toString(), "--with", "K = A * 2",
                "--backend", "spark", "--master", "local[1]", "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("plan: --backend spark on local[1]: this JVM reads and writes the file and "
                + "computes on an embedded session");
        assertThat(dir.resolve("o.csv")).hasContent("A,K\n1,2\n2,4");
    }

    @Test
    void singleFile_withoutACluster_isBadUsage() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "A\n1\n");

        CliRun run = CliRun.of("apply", in.toString(), "-o", dir.resolve("o.csv").toString(), "--with", "K = A * 2",
                "--single-file");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--single-file is for a run on a Spark cluster");
    }
}
