package dev.chunkwise.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real standalone Spark cluster on loopback: a master and one worker started from the Maven jars (no Spark
 * distribution), and a driver in its own JVM running chunkwise's pool on it. The worker launches its executor from
 * {@code SPARK_HOME/jars}, so the test makes a SPARK_HOME whose {@code jars} hold this test's class path.
 */
class SparkStandalone_ClusterTest {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void masterAndWorkerOnLoopback_runChunkwisesPoolAndApply() throws Exception {
        Path home = sparkHome();
        // The master and the worker say they are ready at INFO; the test class path's log4j configuration is at WARN.
        Files.writeString(dir.resolve("log4j2.properties"), "rootLogger.level = info\n"
                + "rootLogger.appenderRef.out.ref = out\nappender.out.type = Console\nappender.out.name = out\n"
                + "appender.out.layout.type = PatternLayout\nappender.out.layout.pattern = %p %c{1}: %m%n\n");
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        try {
            long t0 = System.nanoTime();
            Process m = spark(home, "org.apache.spark.deploy.master.Master", dir.resolve("master.log"),
                    "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
            awaitLine(dir.resolve("master.log"), "Starting Spark master", m);
            Process w = spark(home, "org.apache.spark.deploy.worker.Worker", dir.resolve("worker.log"),
                    "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port", Integer.toString(freePort()), master);
            awaitLine(dir.resolve("worker.log"), "Successfully registered with master", w);
            long startedIn = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertThat(startedIn).as("seconds to start the master and the worker").isLessThan(60);

            Process driver = spark(home, StandaloneDriver.class.getName(), dir.resolve("driver.log"), master);
            assertThat(driver.waitFor(3, TimeUnit.MINUTES)).as("driver finished").isTrue();
            String out = Files.readString(dir.resolve("driver.log"));
            assertThat(driver.exitValue()).as(out).isZero();
            assertThat(out).contains("squares [1, 4, 9, 16]", "apply equals serial true");
            long driverPid = Long.parseLong(out.lines().filter(l -> l.startsWith("driver pid ")).findFirst().orElseThrow().substring(11));
            String executors = out.lines().filter(l -> l.startsWith("executor pids ")).findFirst().orElseThrow();
            assertThat(executors).as("tasks ran in the worker's executor, not in the driver").doesNotContain(Long.toString(driverPid));
        } finally {
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A SPARK_HOME with a RELEASE file and jars/ holding this JVM's class path (directories packed as jars). */
    private Path sparkHome() throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createFile(home.resolve("RELEASE"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                packDirectory(p, jars.resolve("classes-" + (n++) + ".jar"));
            } else if (entry.endsWith(".jar") && Files.exists(p)) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            }
        }
        return home;
    }

    private static void packDirectory(Path classes, Path jar) throws IOException {
        try (OutputStream fo = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(fo);
             var files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private Process spark(Path home, String mainClass, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("spark.jvmargs").toAbsolutePath(), "-Xmx1g",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"), "-cp", home.resolve("jars") + "/*", mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13"); // the launcher's check for a Spark build directory
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void awaitLine(Path log, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("exited before '" + text + "':\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' within 60 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
