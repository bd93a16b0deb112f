package dev.chunkwise.process;

import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.WorkerDiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
