package dev.chunkwise.process;

import dev.chunkwise.pool.TaskFailedException;

import java.io.Serializable;

/**
 * Code that {@link WorkerProcess#run(WorkerTask)} runs once in a child JVM: a serializable {@link Runnable} that may
 * throw any exception, checked ones too (the process's {@link WorkerProcess#result() result} then throws it, as the
 * cause of a {@link TaskFailedException}).
 */
@FunctionalInterface
public interface WorkerTask extends Serializable {

    /**
     * Does the work.
     *
     * @throws Exception whatever the work throws; it is reported to the caller
     */
    void run() throws Exception;
}
