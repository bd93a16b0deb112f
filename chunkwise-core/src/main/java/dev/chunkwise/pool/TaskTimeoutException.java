package dev.chunkwise.pool;

import java.time.Duration;

/**
 * Thrown when one item's task ran longer than the pool's task timeout. Its worker process was killed and replaced;
 * the call's other tasks carry on. The timeout is per item, whatever the chunk size.
 */
public class TaskTimeoutException extends TaskFailedException {

    /** The timeout the task exceeded. */
    private final Duration timeout;

    /**
     * @param taskIndex the position in the input of the item that ran too long, or -1
     * @param timeout   the timeout it exceeded
     */
    public TaskTimeoutException(long taskIndex, Duration timeout) {
        super(taskIndex, task(taskIndex) + " ran longer than the task timeout of " + timeout.toMillis()
                + " ms; its worker was killed and replaced", null);
        this.timeout = timeout;
    }

    /**
     * Returns the timeout the task exceeded.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    TaskFailedException atCaller() {
        return new TaskTimeoutException(taskIndex(), timeout);
    }
}
