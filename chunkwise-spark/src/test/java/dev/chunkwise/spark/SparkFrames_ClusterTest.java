package dev.chunkwise.spark;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SparkFrames} on a real standalone cluster on loopback (a master, a worker of two cores, its executor JVM) with
 * the driver in its own JVM ({@link SparkFramesDriver}): the contract on random tables, the types, a failure's
 * message, and an executor killed with SIGKILL while its task waits, whose task Spark runs again on a new executor.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SparkFrames_ClusterTest {

    @TempDir
    static Path dir;

    static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(dir);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void apply_onTheCluster_equalsTheFunctionOnTheWholeTable_andFailsWithTheOriginalsClassAndMessage() throws Exception {
        Path log = dir.resolve("contract-driver.log");
        Process driver = cluster.java(SparkFramesDriver.class.getName(), log, cluster.master(), "contract");

        assertThat(driver.waitFor(4, TimeUnit.MINUTES)).as("driver finished").isTrue();
        String out = Files.readString(log);
        assertThat(driver.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("contract tables 12 different 0");
        assertThat(out).contains("failure message: Job aborted due to stage failure:",
                "dev.chunkwise.spark.SparkPartitionFailedException: partition 2, rows 4–7 of the partition: the function"
                        + " threw java.lang.IllegalStateException: no 25 here",
                "failure partition 2 cause java.lang.IllegalStateException: no 25 here");
        String driverPid = line(out, "driver pid ");
        assertThat(line(out, "function pids ")).as("the function ran in the executor, not in the driver")
                .doesNotContain(driverPid).isNotEqualTo("[]");
    }

    @Test
    void executorKilledMidJob_sparkRunsItsTaskAgain_andTheOutputIsExactAndWhole() throws Exception {
        Path signals = Files.createDirectories(dir.resolve("kill"));
        Path log = dir.resolve("kill-driver.log");
        Process driver = cluster.java(SparkFramesDriver.class.getName(), log, cluster.master(), "kill", signals.toString());

        Path blocked = signals.resolve("blocked");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(blocked)) {
            assertThat(driver.isAlive()).as("driver still running, waiting for partition 2's task:\n%s",
                    Files.exists(log) ? Files.readString(log) : "").isTrue();
            assertThat(System.nanoTime()).as("partition 2's task within 3 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
        long taskPid = Long.parseLong(Files.readString(blocked).trim());
        List<ProcessHandle> executors = cluster.worker().children()
                .filter(p -> p.info().commandLine().orElse("").contains(StandaloneCluster.EXECUTOR_MAIN)).toList();
        assertThat(executors).as("the worker's executor JVMs").extracting(ProcessHandle::pid).containsExactly(taskPid);

        Files.createFile(signals.resolve("killed")); // the task Spark runs again goes on
        ProcessHandle executor = executors.get(0);
        assertThat(executor.destroyForcibly()).as("SIGKILL sent").isTrue();
        executor.onExit().get(30, TimeUnit.SECONDS);

        assertThat(driver.waitFor(4, TimeUnit.MINUTES)).as("driver finished").isTrue();
        String out = Files.readString(log);
        assertThat(driver.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("rows 200000 differences []");
        assertThat(line(out, "executors removed ")).as(out).doesNotStartWith("0 ").doesNotContain("tasks lost 0");
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "...' in:\n" + out)).substring(prefix.length());
    }
}
