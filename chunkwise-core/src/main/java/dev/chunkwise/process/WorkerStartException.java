package dev.chunkwise.process;

/** Thrown when a worker process cannot be started or does not connect back in time. */
public class WorkerStartException extends RuntimeException {

    public WorkerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
