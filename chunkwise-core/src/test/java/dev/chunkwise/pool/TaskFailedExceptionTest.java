package dev.chunkwise.pool;

import org.junit.jupiter.api.Test;

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
}
