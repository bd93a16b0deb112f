package dev.chunkwise.process;

import dev.chunkwise.pool.TaskFailedException;

/**
 * Thrown when a worker process cannot be started or does not connect back in time: by
 * {@link ProcessPoolBuilder#build()} and {@link WorkerProcess}, and as the cause of a task's
 * {@link TaskFailedException} when a pool cannot replace a worker. The message names the pid, how
 * the worker ended and the JVM options to check.
 */
public class WorkerStartException extends RuntimeException {

    /** The worker's pid, or -1 if it never ran. */
    private final long pid;
    /** Its exit code, or -1 if not known. */
    private final int exitCode;
    /** Whether a signal from outside the pool killed it before it connected. */
    private final boolean killedBySignal;

    WorkerStartException(String message, Throwable cause) {
        this(message, cause, -1, -1, false);
    }

    /**
     * @param pid            the worker's pid, or -1 if it never ran
     * @param exitCode       its exit code, or -1 if not known
     * @param killedBySignal whether it was killed by a signal that the pool did not send
     */
    WorkerStartException(String message, Throwable cause, long pid, int exitCode, boolean killedBySignal) {
        super(message, cause);
        this.pid = pid;
        this.exitCode = exitCode;
        this.killedBySignal = killedBySignal;
    }

    long pid() {
        return pid;
    }

    int exitCode() {
        return exitCode;
    }

    /**
     * Returns whether the worker was killed by a signal from outside the pool before it connected (a {@code kill},
     * the kernel's out-of-memory killer): a cause that starting it again may not meet, unlike a bad JVM option.
     */
    boolean killedBySignal() {
        return killedBySignal;
    }
}
