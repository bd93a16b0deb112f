package dev.chunkwise.process;

import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.WorkerDiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerProcessTest {

    @Test
    void start_runsTheFunctionInAChildWithItsOwnPid_whoseParentIsTheCaller() throws Exception {
        WorkerProcess<long[]> p = WorkerProcess.start(
                name -> new long[]{ProcessHandle.current().pid(), ProcessHandle.current().parent().orElseThrow().pid()},
                "bob");

        long[] pids = p.result();
        p.join();

        assertThat(pids[0]).isEqualTo(p.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(pids[1]).isEqualTo(ProcessHandle.current().pid());
        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitCode()).hasValue(0);
    }

    @Test
    void result_functionThrew_isTaskFailedWithTheOriginal() {
        WorkerProcess<Integer> p = WorkerProcess.start(x -> Integer.parseInt(x), "not a number");

        assertThatThrownBy(p::result).isInstanceOf(TaskFailedException.class)
                .cause().isInstanceOf(NumberFormatException.class).hasMessageContaining("not a number");
    }

    @Test
    void kill_endsTheChildAtOnce_andResultSaysItDied() throws Exception {
        WorkerProcess<String> p = WorkerProcess.start(WorkerProcessTest::sleepAMinute, "slow");

        p.kill();

        assertThat(p.join(Duration.ofSeconds(10))).isTrue();
        assertThat(p.exitCode()).hasValue(137);
        assertThatThrownBy(p::result).isInstanceOf(WorkerDiedException.class)
                .hasMessageContaining("killed by signal 9 (SIGKILL)");
    }

    @Test
    void terminate_sendsSigterm() throws Exception {
        WorkerProcess<String> p = WorkerProcess.start(WorkerProcessTest::sleepAMinute, "slow");

        p.terminate();

        assertThat(p.join(Duration.ofSeconds(10))).isTrue();
        assertThat(p.exitCode()).hasValue(143);
    }

    @Test
    void start_nonSerializableArgument_failsBeforeAnyProcessStarts() {
        assertThatThrownBy(() -> WorkerProcess.start(x -> x.toString(), new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The argument cannot be sent")
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void start_nullArgument_isPassedAsNull() {
        assertThat(WorkerProcess.start(x -> x == null ? "null" : "value", null).result()).isEqualTo("null");
    }

    static String sleepAMinute(String x) {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return x;
    }

    @Test
    void run_aTaskWithJvmOptions_runsItInAChildWithThem(@TempDir Path dir) throws Exception {
        String out = dir.resolve("out.txt").toString();

        WorkerProcess<Void> p = WorkerProcess.builder().jvmOptions("-Dchunkwise.test.option=yes")
                .run(() -> Files.writeString(Path.of(out), System.getProperty("chunkwise.test.option") + " "
                        + ProcessHandle.current().pid()));

        assertThat(p.result()).isNull();
        assertThat(Files.readString(Path.of(out))).isEqualTo("yes " + p.pid());
    }

    @Test
    void run_aTaskThatThrowsACheckedException_isTaskFailed_withTheCallersStack() {
        WorkerProcess<Void> p = WorkerProcess.run(() -> {
            throw new IOException("no such file: /nowhere");
        });

        Throwable thrown = catchThrowable(p::result);
        assertThat(thrown).isInstanceOf(TaskFailedException.class)
                .hasMessage("task 0 failed: java.io.IOException: no such file: /nowhere")
                .cause().isInstanceOf(IOException.class);
        assertThat(thrown.getStackTrace()).anyMatch(f -> f.getMethodName().equals(
                "run_aTaskThatThrowsACheckedException_isTaskFailed_withTheCallersStack"));
    }

    @Test
    void result_childCalledSystemExit_saysSo_withoutBlamingTheHeap() {
        WorkerProcess<Void> p = WorkerProcess.run(() -> System.exit(42));

        assertThatThrownBy(p::result).isInstanceOf(WorkerDiedException.class)
                .hasMessageContaining("exit code 42")
                .hasMessageContaining("System.exit")
                .hasMessageNotContaining("-Xmx");
    }

    @Test
    void result_childRanOutOfHeap_saysToRaiseItsXmx() {
        WorkerProcess<Void> p = WorkerProcess.builder().jvmOptions("-Xmx32m").run(() -> {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        });

        assertThatThrownBy(p::result).isInstanceOf(WorkerDiedException.class)
                .hasMessageContaining("exit code 3")
                .hasMessageContaining("raise the workers' -Xmx");
    }

    @Test
    void builder_settingGivenTwice_isRejected() {
        assertThatThrownBy(() -> WorkerProcess.builder().jvmOptions("-Xmx64m").jvmOptions("-Xmx32m"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("jvmOptions was already set to [-Xmx64m]");
    }
}
