package dev.chunkwise.process;

import dev.chunkwise.codec.Serialization;
import dev.chunkwise.codec.SerialFilter;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;
import dev.chunkwise.pool.WorkerDiedException;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One function run in one child JVM, like Python's {@code multiprocessing.Process(target=f, args=(x,))}: the child
 * has its own pid, runs the same {@code java} with the caller's class path, and its standard output and error appear
 * in the caller's.
 *
 * <pre>{@code
 * WorkerProcess<Long> p = WorkerProcess.start(x -> ProcessHandle.current().pid(), "bob");
 * long childPid = p.result();   // not this process's pid
 * }</pre>
 *
 * @param <R> the type of the function's result
 */
public final class WorkerProcess<R> {

    private final WorkerHandle handle;
    private final Path dir;
    private final ObjectInputFilter filter;
    private final CompletableFuture<R> result = new CompletableFuture<>();

    private WorkerProcess(WorkerHandle handle, Path dir, ObjectInputFilter filter) {
        this.handle = handle;
        this.dir = dir;
        this.filter = filter;
    }

    /**
     * Starts a child JVM that runs {@code fn(arg)}, and returns once the child is running. The function and the
     * argument are serialized first: if either holds something not serializable, this fails before any process starts.
     *
     * @throws IllegalArgumentException naming the class if {@code fn} or {@code arg} cannot be serialized, or naming
     *                                  the property if {@code chunkwise.serialFilter} is not a valid filter
     * @throws WorkerStartException     if the child JVM cannot start
     */
    public static <T, R> WorkerProcess<R> start(TaskFunction<? super T, ? extends R> fn, T arg) {
        ObjectInputFilter filter = SerialFilter.get();
        byte[] fnBytes = Serialization.serialize(fn, null, "The function");
        Path dir = PrivateDir.create();
        byte[] argBytes;
        WorkerHandle handle;
        try {
            argBytes = Serialization.serialize(Collections.singletonList(arg), dir, "The argument");
            handle = WorkerHandle.start(WorkerOptions.defaults(), dir);
        } catch (RuntimeException e) {
            PrivateDir.delete(dir);
            throw e;
        }
        WorkerProcess<R> p = new WorkerProcess<>(handle, dir, filter);
        Thread runner = new Thread(() -> p.run(fnBytes, argBytes), "chunkwise-worker-process-" + handle.pid());
        runner.setDaemon(true);
        runner.start();
        return p;
    }

    private void run(byte[] fnBytes, byte[] argBytes) {
        try {
            handle.define(1, fnBytes);
            Message reply = handle.run(2, 1, 0, argBytes);
            deliver(reply);
            handle.close();
        } catch (IOException e) {
            int exit = handle.exitCode(Duration.ofSeconds(5));
            result.completeExceptionally(new WorkerDiedException(0, List.of(handle.pid()), List.of(exit)));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        } finally {
            handle.exitCode(Duration.ofSeconds(5));
            PrivateDir.delete(dir);
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(Message reply) {
        try {
            if (reply.type() == Message.RESULT) {
                result.complete(((List<R>) Serialization.deserialize(reply.payload(), filter)).get(0));
            } else {
                Throwable thrown = (Throwable) Serialization.deserialize(
                        Arrays.copyOfRange(reply.payload(), 8, reply.payload().length), filter);
                result.completeExceptionally(new TaskFailedException(ByteBuffer.wrap(reply.payload()).getLong(), thrown));
            }
        } catch (IOException | ClassNotFoundException e) {
            result.completeExceptionally(new IllegalStateException("the child's reply could not be read: " + e, e));
        }
    }

    /** Returns the child's pid. */
    public long pid() {
        return handle.pid();
    }

    /** Returns whether the child is still running. */
    public boolean isAlive() {
        return handle.process().isAlive();
    }

    /** Waits until the child has exited. */
    public void join() throws InterruptedException {
        handle.process().waitFor();
    }

    /** Waits at most {@code timeout} for the child to exit, and returns whether it has. */
    public boolean join(Duration timeout) throws InterruptedException {
        return handle.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns the child's exit code, or empty while it runs; above 128 it was killed by signal {@code code - 128}. */
    public OptionalInt exitCode() {
        Process p = handle.process();
        return p.isAlive() ? OptionalInt.empty() : OptionalInt.of(p.exitValue());
    }

    /**
     * Waits for and returns the function's result.
     *
     * @throws TaskFailedException   if the function threw (the cause is the original exception)
     * @throws WorkerDiedException   if the child died before it answered
     * @throws CancellationException if interrupted while waiting (the interrupt flag is set again)
     */
    public R result() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the child's result");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new TaskFailedException(0, cause);
        }
    }

    /** Asks the child to stop (SIGTERM). */
    public void terminate() {
        handle.process().destroy();
    }

    /** Kills the child at once (SIGKILL). */
    public void kill() {
        handle.kill();
    }

    @Override
    public String toString() {
        return "WorkerProcess[pid " + pid() + (isAlive() ? ", running]" : ", " + exitCode().getAsInt() + "]");
    }
}
