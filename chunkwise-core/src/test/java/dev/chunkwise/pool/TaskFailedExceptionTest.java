package dev.chunkwise.pool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskFailedExceptionTest {

    @Test
    void message_causeWithoutAMessage_namesItsClass() {
        assertThat(new TaskFailedException(3, new NullPointerException()))
                .hasMessage("task 3 failed: java.lang.NullPointerException");
    }

    @Test
    void message_noCause_neverSaysNull() {
        assertThat(new TaskFailedException(-1, null)).hasMessage("a task failed: (no exception was given)");
    }

    @Test
    void message_causeWhoseToStringIsNull_namesItsClass() {
        RuntimeException odd = new IllegalStateException() {
            @Override
            public String toString() {
                return null;
            }
        };
        assertThat(new TaskFailedException(0, odd).getMessage()).isEqualTo("task 0 failed: " + odd.getClass().getName());
    }

    @Test
    void timeoutAndDeadWorker_areTaskFailures_withTheirTaskIndex() {
        TaskFailedException timeout = new TaskTimeoutException(17, Duration.ofMillis(500));
        TaskFailedException died = new WorkerDiedException(4, List.of(100L), List.of(42));

        assertThat(timeout.taskIndex()).isEqualTo(17);
        assertThat(timeout).hasMessage("task 17 ran longer than the task timeout of 500 ms; its worker was killed and"
                + " replaced").hasNoCause();
        assertThat(died.taskIndex()).isEqualTo(4);
        assertThat(died).hasMessageStartingWith("task 4: its worker process died 1 time (pid 100: exit code 42); ");
    }

    @Test
    void workerDied_blamesTheHeapOnlyWhenTheWorkerRanOutOfIt() {
        assertThat(new WorkerDiedException(0, List.of(1L), List.of(42)))
                .hasMessageContaining("System.exit").hasMessageNotContaining("-Xmx");
        assertThat(new WorkerDiedException(0, List.of(1L), List.of(128 + 11)))
                .hasMessageContaining("killed by signal 11 (SIGSEGV)").hasMessageNotContaining("-Xmx");
        assertThat(new WorkerDiedException(0, List.of(1L), List.of(3)))
                .hasMessageContaining("runs out of heap").hasMessageContaining("raise the workers' -Xmx");
    }

    @Test
    void atCaller_isACopyOfTheSameKind_withTheCallersStack() throws Exception {
        List<TaskFailedException> made = new ArrayList<>();
        Thread worker = new Thread(() -> {
            made.add(new TaskFailedException(3, new IllegalStateException("boom")));
            made.add(new TaskTimeoutException(5, Duration.ofSeconds(1)));
            made.add(new WorkerDiedException(6, List.of(7L), List.of(137)));
        });
        worker.start();
        worker.join();

        for (TaskFailedException original : made) {
            TaskFailedException copy = original.atCaller();
            assertThat(copy).isNotSameAs(original).hasSameClassAs(original).hasMessage(original.getMessage());
            assertThat(copy.getCause()).isSameAs(original.getCause());
            assertThat(copy.taskIndex()).isEqualTo(original.taskIndex());
            assertThat(copy.getStackTrace()).anyMatch(f -> f.getMethodName().equals(
                    "atCaller_isACopyOfTheSameKind_withTheCallersStack"));
        }
        assertThat(((WorkerDiedException) made.get(2).atCaller()).exitCode()).isEqualTo(137);
    }
}
