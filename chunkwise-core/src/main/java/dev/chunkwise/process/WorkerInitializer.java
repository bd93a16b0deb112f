package dev.chunkwise.process;

import java.io.Serializable;

/** Code run once in each worker process when it starts, before its first task: a serializable {@link Runnable}. */
@FunctionalInterface
public interface WorkerInitializer extends Runnable, Serializable {
}
