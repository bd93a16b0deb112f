package dev.chunkwise.process;

/** Thrown when a worker process cannot be started or does not connect back in time. */
public class WorkerStartException extends RuntimeException {

    private final long pid;
    private final int exitCode;
    private final boolean killedBySignal;

    public WorkerStartException(String message, Throwable cause) {
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
