package dev.chunkwise.cli.dist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution, unpacked into a fresh directory (no source tree, no Maven: {@code MVN} names no program) and run
 * through its bin/chunkwise: info, demo, apply over CSV and Parquet, worker processes and Spark. Archives are off
 * here ({@code CHUNKWISE_ARCHIVE=off}); {@link Launcher_ArchiveLifecycleIT} tests them.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class Distribution_RunsWithOnlyAJdkIT {

    @TempDir
    static Path tmp;
    static Path dist;
    static Path work;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack(Files.createDirectories(tmp.resolve("unpacked")));
        work = Files.createDirectories(tmp.resolve("work"));
    }

    private static Launcher launcher() throws IOException {
        return new Launcher(dist, work, Path.of(System.getProperty("java.home"), "bin", "java"))
                .with("CHUNKWISE_ARCHIVE", "off");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void archive_holdsTheLauncherTheLibrariesSplitByNeedAndTheDocs() throws IOException {
        assertThat(Files.getPosixFilePermissions(dist.resolve("bin/chunkwise"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(dist.resolve("pom.xml")).doesNotExist();
        assertThat(dist.resolve("README.md")).isRegularFile();
        assertThat(dist.resolve("docs/BENCHMARKS.md")).isRegularFile();
        assertThat(dist.resolve("lib/spark.jvmargs")).isRegularFile();
        assertThat(names(dist.resolve("lib/core"))).contains("chunkwise-cli.jar")
                .anyMatch(n -> n.startsWith("chunkwise-core-")).anyMatch(n -> n.startsWith("picocli-"))
                .anyMatch(n -> n.startsWith("dflib-2")).anyMatch(n -> n.startsWith("janino-"))
                .noneMatch(n -> n.startsWith("spark") || n.startsWith("hadoop") || n.startsWith("parquet")
                        || n.startsWith("dflib-parquet") || n.startsWith("scala") || n.startsWith("netty"));
        assertThat(names(dist.resolve("lib/parquet"))).anyMatch(n -> n.startsWith("dflib-parquet-"))
                .anyMatch(n -> n.startsWith("parquet-hadoop-")).anyMatch(n -> n.startsWith("hadoop-common-"))
                .anyMatch(n -> n.startsWith("log4j-slf4j2-impl-")).noneMatch(n -> n.startsWith("spark"));
        assertThat(names(dist.resolve("lib/spark"))).anyMatch(n -> n.startsWith("chunkwise-spark-"))
                .anyMatch(n -> n.startsWith("spark-sql_"));
    }

    @Test
    void libraries_holdEachJarOnce() throws IOException {
        List<String> all = new ArrayList<>();
        for (String d : List.of("core", "parquet", "spark")) {
            all.addAll(names(dist.resolve("lib").resolve(d)));
        }
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void zip_holdsWhatTheTarHolds() throws Exception {
        Process tar = new ProcessBuilder("tar", "-tzf", Distribution.tarGz().toString()).start();
        List<String> inTar = new ArrayList<>(new String(tar.getInputStream().readAllBytes()).lines()
                .filter(n -> !n.endsWith("/")).toList());
        assertThat(tar.waitFor()).isZero();
        List<String> inZip = new ArrayList<>();
        try (ZipFile zip = new ZipFile(Distribution.zip().toFile())) {
            Collections.list(zip.entries()).stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).forEach(inZip::add);
        }
        Collections.sort(inTar);
        Collections.sort(inZip);
        assertThat(inZip).isEqualTo(inTar);
    }

    @Test
    void info_runsWithoutMavenOrASourceTree() throws Exception {
        Launcher.Run run = launcher().run("info");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).isEmpty();
        assertThat(run.out().lines()).as(run.toString()).hasSize(4).anyMatch(l -> l.startsWith("java: " + Runtime.version().feature()));
    }

    @Test
    void demo_quick_replaysTheNotebook() throws Exception {
        Launcher.Run run = launcher().run("demo", "--quick");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("== 1. Processes ==", "[1, 4, 9]", "== 11. The lesson ==");
    }

    @Test
    void apply_csv_writesTheNewColumn() throws Exception {
        Files.writeString(work.resolve("in.csv"), "A,B\n1,2\n3,4\n");

        Launcher.Run run = launcher().run("apply", "in.csv", "--with", "K = A * 2", "-o", "out.csv");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).isEmpty();
        assertThat(work.resolve("out.csv")).hasContent("A,B,K\n1,2,2\n3,4,6\n");
    }

    @Test
    void apply_parquetInAndOut_findsParquetsJarsAndLogsNoMissingBinding() throws Exception {
        Launcher launcher = launcher();
        Files.writeString(work.resolve("pq.csv"), "A,B\n1,2\n3,4\n");

        Launcher.Run write = launcher.run("apply", "pq.csv", "--with", "K = A * 2", "-o", "pq.parquet");
        Launcher.Run read = launcher.run("apply", "pq.parquet", "--with", "L = K + B", "-o", "pq-out.csv");

        assertThat(write.exitCode()).as(write.toString()).isZero();
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(write.err() + read.err()).as(write + "\n" + read).doesNotContain("SLF4J");
        assertThat(work.resolve("pq-out.csv")).hasContent("A,B,K,L\n1,2,2,4\n3,4,6,10\n");
    }

    @Test
    void apply_processes_workersStartWithTheCoreJars() throws Exception {
        Files.writeString(work.resolve("proc.csv"), "A,B\n1,2\n3,4\n5,6\n");

        Launcher.Run run = launcher().run("apply", "proc.csv", "--with", "K = A * 2", "-o", "proc-out.csv",
                "--backend", "processes", "--workers", "2", "--partitions", "2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(work.resolve("proc-out.csv")).hasContent("A,B,K\n1,2,2\n3,4,6\n5,6,10\n");
    }

    @Test
    void apply_processes_workersTakeTheClassPathTheLauncherGives() throws Exception {
        Files.writeString(work.resolve("proc2.csv"), "A,B\n1,2\n");

        Launcher.Run run = launcher().with("CHUNKWISE_OPTS", "-Dchunkwise.workerClassPath=/nonexistent.jar")
                .run("apply", "proc2.csv", "--with", "K = A * 2", "-o", "proc2-out.csv", "--backend", "processes", "--workers", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString()).contains("Could not find or load main class dev.chunkwise.process.WorkerMain")
                .contains("could not start (exit code 1)");
        assertThat(work.resolve("proc2-out.csv")).doesNotExist();
    }

    @Test
    void apply_spark_findsSparksJars() throws Exception {
        Files.writeString(work.resolve("sp.csv"), "A,B\n1,2\n3,4\n");

        Launcher.Run run = launcher().run("apply", "sp.csv", "--with", "K = A * 2", "-o", "sp-out.csv",
                "--backend", "spark", "--workers", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(work.resolve("sp-out.csv")).hasContent("A,B,K\n1,2,2\n3,4,6\n");
    }

    @Test
    void info_and_arithmeticApply_loadNoSparkHadoopParquetJaninoOrOtherCommand() throws Exception {
        Files.writeString(work.resolve("cl.csv"), "A,B\n1,2\n3,4\n");
        Path infoLog = work.resolve("info-classes.txt");
        Path applyLog = work.resolve("apply-classes.txt");

        Launcher.Run info = launcher().with("CHUNKWISE_OPTS", "-Xlog:class+load:file=" + infoLog).run("info");
        Launcher.Run apply = launcher().with("CHUNKWISE_OPTS", "-Xlog:class+load:file=" + applyLog)
                .run("apply", "cl.csv", "--with", "K = A * 2", "--with", "L = K - B / 2.0", "-o", "cl-out.csv");

        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        List<String> infoClasses = loaded(infoLog);
        List<String> applyClasses = loaded(applyLog);
        assertThat(infoClasses).contains("dev.chunkwise.cli.InfoCommand")
                .noneMatch(c -> c.startsWith("dev.chunkwise.cli.") && c.endsWith("Command") && !c.endsWith("InfoCommand"))
                .as("info reads no annotation (picocli's model is built by reflection)").noneMatch(c -> c.contains("$Proxy"));
        assertThat(applyClasses).contains("dev.chunkwise.cli.ApplyCommand", "dev.chunkwise.cli.expr.ArithmeticKernel")
                .doesNotContain("dev.chunkwise.cli.BenchCommand", "dev.chunkwise.cli.DemoCommand");
        for (List<String> classes : List.of(infoClasses, applyClasses)) {
            assertThat(classes).noneMatch(c -> c.startsWith("org.apache.spark.") || c.startsWith("org.apache.hadoop.")
                    || c.startsWith("org.apache.parquet.") || c.startsWith("org.dflib.parquet.")
                    || c.startsWith("dev.chunkwise.spark.") || c.startsWith("org.codehaus.")
                    || c.equals("java.util.jar.JarVerifier"));
        }
    }

    /** The classes a -Xlog:class+load file names. */
    private static List<String> loaded(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("[class,load] "))
                .map(l -> l.substring(l.indexOf("[class,load] ") + "[class,load] ".length()).split(" ")[0]).toList();
    }
}
