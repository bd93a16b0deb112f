package dev.chunkwise.spark;

import java.io.File;
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

/**
 * A real standalone Spark cluster on loopback for tests: a master and one worker of two cores started from the Maven
 * jars (no Spark distribution), and driver JVMs run against it; {@link #close()} ends every process it started. The
 * worker launches its executor from {@code SPARK_HOME/jars}, so the cluster makes a SPARK_HOME whose {@code jars}
 * hold this test's class path (the recipe of {@link SparkStandalone_ClusterTest}).
 */
public final class StandaloneCluster implements AutoCloseable {

    /** The executor JVM's main class, by which a test finds it among the worker's children. */
    public static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private final Path dir;
    private final Path home;
    private final List<Process> started = new ArrayList<>();
    private String master;
    private Process worker;

    private StandaloneCluster(Path dir, List<Path> classPath) throws IOException {
        this.dir = dir;
        this.home = sparkHome(dir, classPath);
    }

    /** Starts a master and a worker with their logs in {@code dir}, and waits until the worker has registered. */
    public static StandaloneCluster start(Path dir) throws Exception {
        List<Path> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry));
        }
        return start(dir, classPath);
    }

    /**
     * Starts a cluster as {@link #start(Path)} does whose JVMs (master, worker, executors, drivers) have only
     * {@code classPath} (jars, and directories packed as jars), not this JVM's.
     */
    public static StandaloneCluster start(Path dir, List<Path> classPath) throws Exception {
        StandaloneCluster c = new StandaloneCluster(dir, classPath);
        try {
            // The master and the worker say they are ready at INFO; the test class path's log4j configuration is at WARN.
            Files.writeString(dir.resolve("log4j2.properties"), "rootLogger.level = info\n"
                    + "rootLogger.appenderRef.out.ref = out\nappender.out.type = Console\nappender.out.name = out\n"
                    + "appender.out.layout.type = PatternLayout\nappender.out.layout.pattern = %p %c{1}: %m%n\n");
            int port = freePort();
            c.master = "spark://127.0.0.1:" + port;
            Process m = c.java("org.apache.spark.deploy.master.Master", dir.resolve("master.log"),
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
            awaitLine(dir.resolve("master.log"), "Starting Spark master", m);
            c.worker = c.java("org.apache.spark.deploy.worker.Worker", dir.resolve("worker.log"),
                    "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port", Integer.toString(freePort()), c.master);
            awaitLine(dir.resolve("worker.log"), "Successfully registered with master", c.worker);
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    /** Returns the master's URL, {@code spark://127.0.0.1:PORT}. */
    public String master() {
        return master;
    }

    /** Returns the worker's process, whose children are the executors. */
    public Process worker() {
        return worker;
    }

    /** Starts a JVM running {@code mainClass} with the cluster's class path and {@code args}, its output in {@code log}. */
    public Process java(String mainClass, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmArgs(), "-Xmx1g",
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

    /** Returns chunkwise-spark's spark.jvmargs, from this module's directory or a sibling module's. */
    private static Path jvmArgs() {
        Path here = Path.of("spark.jvmargs").toAbsolutePath();
        return Files.exists(here) ? here : Path.of("..", "chunkwise-spark", "spark.jvmargs").toAbsolutePath().normalize();
    }

    /** Waits until {@code log} holds {@code text}, failing if {@code p} exits first or a minute passes. */
    static void awaitLine(Path log, String text, Process p) throws Exception {
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

    /** Kills every process it started and their children, and waits for each to end (interrupted: does not wait). */
    @Override
    public void close() {
        boolean interrupted = false;
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                if (!interrupted) {
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A SPARK_HOME with a RELEASE file and jars/ holding {@code classPath} (directories packed as jars). */
    private static Path sparkHome(Path dir, List<Path> classPath) throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createFile(home.resolve("RELEASE"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        int n = 0;
        for (Path p : classPath) {
            if (Files.isDirectory(p)) {
                packDirectory(p, jars.resolve("classes-" + (n++) + ".jar"));
            } else if (p.toString().endsWith(".jar") && Files.exists(p)) {
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
                out.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
