package dev.chunkwise.pool;

import java.time.Duration;

/**
 * Thrown when a task ran longer than the pool's task timeout. Its worker process was killed and replaced; the call's
 * other tasks carry on.
 */
public class TaskTimeoutException extends RuntimeException {

    /**
     * @param taskIndex the position in the input of the task's first item, or -1
     * @param timeout   the timeout it exceeded
     */
    public TaskTimeoutException(long taskIndex, Duration timeout) {
        super((taskIndex >= 0 ? "task " + taskIndex : "a task") + " ran longer than the task timeout of " + timeout.toMillis()
                + " ms; its worker was killed and replaced");
    }
}
