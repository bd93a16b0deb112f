package dev.chunkwise.cli;

import dev.chunkwise.spark.StandaloneCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apply --backend spark --master spark://…} on a real standalone cluster on loopback (a master, a worker of two
 * cores, its executor JVMs; the driver is this JVM): the executors read the files and write the part files, and the
 * output equals the local serial run byte for byte — for a directory of part files whose types only all the files
 * together decide, for one file with quoted line breaks, for gzip parts written as one file — while a bad row fails
 * with the local run's message and no output, and an executor killed with SIGKILL mid-job costs only a retry.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ApplyCommand_SparkClusterTest {

    @TempDir
    static Path clusterDir;

    static StandaloneCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(clusterDir);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Rows {@code from} to {@code to} of a table with a zip code (leading zeros), a number, a quoted text. */
    static String rows(int from, int to, String lastA) {
        StringBuilder s = new StringBuilder();
        for (int r = from; r <= to; r++) {
            s.append(String.format("0%04d,%s,\"t, %d \"\"q\"\"\",%s%n", r, r == to && lastA != null ? lastA : r,
                    r, r % 3 == 0 ? "" : "x" + r));
        }
        return s.toString();
    }

    static final String HEADER = "zip,A,T,U\n";

    CliRun onCluster(String... args) {
        List<String> all = new ArrayList<>(List.of("apply"));
        all.addAll(List.of(args));
        all.addAll(List.of("--backend", "spark", "--master", cluster.master()));
        return CliRun.of(all.toArray(String[]::new));
    }

    CliRun local(Path in, Path out, String... with) {
        List<String> all = new ArrayList<>(List.of("apply", in.toString(), "-o", out.toString(), "--backend", "serial"));
        for (String w : with) {
            all.addAll(List.of("--with", w));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Concatenates CSV files, the header of the first only. */
    static String concatenation(List<String> files) {
        StringBuilder s = new StringBuilder(files.get(0));
        for (String f : files.subList(1, files.size())) {
            s.append(f, f.indexOf('\n') + 1, f.length());
        }
        return s.toString();
    }

    static List<String> names(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void directoryOfParts_typedFromEveryFile_partsEqualTheLocalRunOnTheirConcatenation() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        // A is int in the first two files; the last row of the last makes it double, for every file.
        List<String> files = List.of(HEADER + rows(1, 40, null), HEADER + rows(41, 70, null), HEADER + rows(71, 90, "1.5"));
        for (int i = 0; i < files.size(); i++) {
            Files.writeString(in.resolve("part-" + i + ".csv"), files.get(i));
        }
        Files.writeString(in.resolve("_SUCCESS"), "");
        Path whole = Files.writeString(dir.resolve("whole.csv"), concatenation(files));
        CliRun expected = local(whole, dir.resolve("local.csv"), "K = A * 2", "T = T + \"!\"");
        assertThat(expected.exitCode()).as(expected.err()).isZero();

        Path out = dir.resolve("out");
        CliRun run = onCluster(in.toString(), "-o", out.toString(), "--with", "K = A * 2", "--with", "T = T + \"!\"",
                "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(names(out)).containsExactly("_SUCCESS", "part-00000.csv", "part-00001.csv", "part-00002.csv");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            parts.add(Files.readString(out.resolve("part-0000" + i + ".csv")));
            assertThat(parts.get(i)).startsWith("zip,A,T,U,K\n");
        }
        assertThat(concatenation(parts)).isEqualTo(Files.readString(dir.resolve("local.csv")));
        assertThat(parts.get(0)).contains("\n00001,1,\"t, 1 \"\"q\"\"!\",x1,2.0\n");
        assertThat(names(dir)).containsExactly("in", "local.csv", "out", "whole.csv");
        assertThat(run.err()).contains("3 splits (one per file) on 1 executor (2 cores)", "the driver read only the first 64 KiB of the first file, for its header",
                "split 2: " + in + "/part-2.csv, ", "column A: double", "census (with the executors' start): ", "apply: ", "executor run time ");
    }

    @Test
    void singleFileWithQuotedLineBreaks_partEqualsTheLocalRun() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "id,note,n\r\n1,\"two\r\nlines\",5\r\n2,\"a \"\"quote\"\"\nand LF\",6\r\n"
                + "3,plain,7\r\n4,\"\r\n\",8\r\n");
        assertThat(local(in, dir.resolve("local.csv"), "M = n + id").exitCode()).isZero();

        Path out = dir.resolve("out");
        CliRun run = onCluster(in.toString(), "-o", out.toString(), "--with", "M = n + id");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(names(out)).containsExactly("_SUCCESS", "part-00000.csv");
        assertThat(Files.readAllBytes(out.resolve("part-00000.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("local.csv")));
    }

    @Test
    void gzipParts_withSingleFile_areOneFileEqualToTheLocalRunOnTheirConcatenation() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> files = List.of(HEADER + rows(1, 25, null), HEADER + rows(26, 50, null));
        for (int i = 0; i < files.size(); i++) {
            Files.write(in.resolve("p" + i + ".csv.gz"), gzip(files.get(i)));
        }
        Path whole = Files.writeString(dir.resolve("whole.csv"), concatenation(files));
        assertThat(local(whole, dir.resolve("local.csv"), "K = A + 1").exitCode()).isZero();

        Path out = dir.resolve("one.csv");
        CliRun run = onCluster(in + "/*.csv.gz", "-o", out.toString(), "--with", "K = A + 1", "--single-file");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(dir.resolve("local.csv")));
        assertThat(names(dir)).containsExactly("in", "local.csv", "one.csv", "whole.csv");
    }

    @Test
    void applyClass_fromAJarOnlyTheDriverHas_isShipped_andEqualsTheLocalRun() throws IOException {
        Path jar = UserJar.of(Files.createDirectories(dir.resolve("jar")), "Triple", UserJar.triple());
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.csv"), "A,B\n1,x\n2,\"y\nz\"\n");
        Files.writeString(in.resolve("b.csv"), "A,B\n3,w\n");
        Path whole = Files.writeString(dir.resolve("whole.csv"), "A,B\n1,x\n2,\"y\nz\"\n3,w\n");
        CliRun expected = CliRun.of("apply", whole.toString(), "-o", dir.resolve("local.csv").toString(), "--apply",
                "com.example.Triple", "--jar", jar.toString(), "--backend", "serial");
        assertThat(expected.exitCode()).as(expected.err()).isZero();

        Path out = dir.resolve("out.csv");
        CliRun run = onCluster(in.toString(), "-o", out.toString(), "--apply", "com.example.Triple", "--jar",
                jar.toString(), "--single-file");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(Files.readString(dir.resolve("local.csv")))
                .isEqualTo("A,B,T\n1,x,3\n2,\"y\nz\",6\n3,w,9\n");
    }

    @Test
    void failingRow_failsWithTheLocalRunsMessage_andLeavesNoOutput() throws IOException {
        StringBuilder csv = new StringBuilder("A,S\n");
        for (int r = 1; r <= 30; r++) {
            csv.append(r).append(',').append(r == 25 ? "oops" : Integer.toString(r)).append('\n');
        }
        Path in = Files.writeString(dir.resolve("in.csv"), csv);
        CliRun expected = local(in, dir.resolve("local.csv"), "K = Integer.parseInt(S)");
        assertThat(expected.exitCode()).isEqualTo(1);

        CliRun run = onCluster(in.toString(), "-o", dir.resolve("out").toString(), "--with", "K = Integer.parseInt(S)");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(expected.err()).contains("failed on line 26 of " + in + ", data row 25 (S=\"oops\")");
        assertThat(names(dir)).containsExactly("in.csv");
    }

    @Test
    void valueThatIsNotANumber_inTheSecondFile_namesThatFileAndLine_andLeavesNoOutput() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.csv"), "D\n5\n7\n");
        Files.writeString(in.resolve("b.csv"), "D\n8\nn/a\n9\n");

        CliRun run = onCluster(in.toString(), "-o", dir.resolve("out").toString(), "--with", "K = D + 1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("chunkwise apply: " + in + "/b.csv:3: column D: \"n/a\" is not a number, but 4 "
                + "of the column's 5 values are, so D is read as a number; correct the value, or give --type D=text to "
                + "read D as text (--with 'K = D + 1' reads D)" + System.lineSeparator());
        assertThat(names(dir)).containsExactly("in");
    }

    @Test
    void executorKilledMidJob_sparkRunsItsTaskAgain_andTheOutputIsExactAndWhole() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> files = List.of(HEADER + rows(1, 20, null), HEADER + rows(21, 40, null), HEADER + rows(41, 60, null),
                HEADER + rows(61, 80, null));
        for (int i = 0; i < files.size(); i++) {
            Files.writeString(in.resolve("part-" + i + ".csv"), files.get(i));
        }
        Path whole = Files.writeString(dir.resolve("whole.csv"), concatenation(files));
        assertThat(local(whole, dir.resolve("local.csv"), "K = A * 2").exitCode()).isZero();
        Path signals = Files.createDirectories(dir.resolve("signals"));
        Path out = dir.resolve("out");

        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> onCluster(in.toString(), "-o",
                out.toString(), "--with", "K = dev.chunkwise.cli.ClusterHold.at(A, 50, \"" + signals + "\") * 2"));
        Path blocked = signals.resolve("blocked");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(blocked)) {
            assertThat(running).as("the run, still waiting for the held task").isNotDone();
            assertThat(System.nanoTime()).as("the held task within 3 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
        long taskPid = Long.parseLong(Files.readString(blocked).trim());
        List<ProcessHandle> executors = cluster.worker().children()
                .filter(p -> p.info().commandLine().orElse("").contains(StandaloneCluster.EXECUTOR_MAIN)).toList();
        assertThat(executors).as("the worker's executor JVMs").extracting(ProcessHandle::pid).contains(taskPid);
        ProcessHandle executor = executors.stream().filter(p -> p.pid() == taskPid).findFirst().orElseThrow();
        Files.createFile(signals.resolve("killed")); // the task Spark runs again goes on
        assertThat(executor.destroyForcibly()).as("SIGKILL sent").isTrue();
        executor.onExit().get(30, TimeUnit.SECONDS);

        CliRun run = running.get(4, TimeUnit.MINUTES);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parts.add(Files.readString(out.resolve("part-0000" + i + ".csv")));
        }
        assertThat(concatenation(parts)).isEqualTo(Files.readString(dir.resolve("local.csv")));
        assertThat(names(out)).containsExactly("_SUCCESS", "part-00000.csv", "part-00001.csv", "part-00002.csv",
                "part-00003.csv");
        assertThat(names(dir)).containsExactly("in", "local.csv", "out", "signals", "whole.csv");
    }

    @Test
    void driverStoppedWithSigtermMidJob_leavesNoOutputAndNoTemporaryDirectory() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("part-0.csv"), HEADER + rows(1, 20, null));
        Files.writeString(in.resolve("part-1.csv"), HEADER + rows(21, 40, null));
        Path signals = Files.createDirectories(dir.resolve("signals"));
        Path log = dir.resolve("driver.log");
        Process driver = cluster.java(Chunkwise.class.getName(), log, "apply", in.toString(), "-o",
                dir.resolve("out").toString(), "--with", "K = dev.chunkwise.cli.ClusterHold.at(A, 30, \"" + signals
                        + "\") * 2", "--backend", "spark", "--master", cluster.master());
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.exists(signals.resolve("blocked"))) {
                assertThat(driver.isAlive()).as("driver still running:\n%s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("the held task within 3 minutes").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(names(dir)).as("the parts go into a hidden directory beside the output")
                    .anyMatch(n -> n.startsWith(".out.chunkwise-")).doesNotContain("out");

            driver.destroy(); // SIGTERM: the JVM runs its shutdown hooks
            assertThat(driver.waitFor(1, TimeUnit.MINUTES)).as("driver ended").isTrue();

            assertThat(names(dir)).as(Files.readString(log)).containsExactly("driver.log", "in", "signals");
        } finally {
            driver.destroyForcibly();
            Files.writeString(signals.resolve("killed"), ""); // lets a held task of the ended application go
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
