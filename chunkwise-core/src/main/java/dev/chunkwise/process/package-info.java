/**
 * Worker processes: child JVMs that run tasks for this one, so that a crash, a leak or {@code System.exit} in user
 * code stays there. {@code ProcessPool} (the {@code Pool} contract on child JVMs, with retries, timeouts and replaced
 * workers), {@code WorkerProcess} (one function in one child, like Python's {@code multiprocessing.Process}), the
 * worker's {@code main}, and the framing protocol on a private local channel. Sits on {@code pool} and the wire format.
 */
package dev.chunkwise.process;
