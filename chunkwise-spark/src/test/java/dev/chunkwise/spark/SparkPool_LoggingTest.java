package dev.chunkwise.spark;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logging of a session chunkwise starts: WARN and above in a program without a log4j2 configuration of its own
 * (the module's tests have one, log4j2-test.properties, so that case runs in a JVM of its own), and the program's own
 * configuration left as it is.
 */
class SparkPool_LoggingTest {

    private static final String PLAIN_PROGRAM = """
            import dev.chunkwise.pool.Pool;
            import dev.chunkwise.spark.SparkPool;
            import java.util.List;

            public class PlainProgram {
                public static void main(String[] args) {
                    try (Pool pool = SparkPool.local(1)) {
                        System.out.println("result " + pool.map(x -> x * 2, List.of(1, 2, 3)));
                    }
                }
            }
            """;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void local_inAProgramWithoutALog4j2Configuration_logsNothingBelowWarn(@TempDir Path dir) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(SparkPool_LoggingTest.class.getClassLoader().getResource("log4j2-test.properties"))
                .as("the test class path's own configuration, which the program must not see").isNotNull();
        Path source = Files.writeString(dir.resolve("PlainProgram.java"), PLAIN_PROGRAM);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), "-cp", classPath,
                source.toString())).isZero();
        Path output = dir.resolve("output.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("spark.jvmargs").toAbsolutePath(), "-Xmx1g",
                "-cp", classPath + File.pathSeparator + dir, "PlainProgram")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().remove("SPARK_LOCAL_IP"); // as a plain program has it: unset
        Process p = pb.start();
        try {
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the program ended").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(output);

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("result [2, 4, 6]");
        List<String> belowWarn = out.lines().filter(l -> l.contains(" INFO ") || l.contains(" DEBUG ")).toList();
        assertThat(belowWarn).as(out).isEmpty();
        assertThat(out).doesNotContain("Using Spark's default log4j profile").doesNotContain("resolves to a loopback address");
    }

    @Test
    void start_inAProgramWithItsOwnLog4j2Configuration_leavesIt() {
        SparkSession session = SharedSpark.session();

        LoggerContext context = (LoggerContext) LogManager.getContext(SparkSession.class.getClassLoader(), false);
        assertThat(session.sparkContext().isStopped()).isFalse();
        assertThat(context.getConfiguration().getConfigurationSource().getLocation())
                .endsWith("log4j2-test.properties");
    }
}
