package dev.chunkwise.process;

import dev.chunkwise.codec.SerialFilter;
import dev.chunkwise.codec.Serialization;
import dev.chunkwise.util.Checks;
import dev.chunkwise.pool.Task;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.WorkerDiedException;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One function run in one child JVM, like Python's {@code multiprocessing.Process(target=f, args=(x,))}: the child
 * has its own pid, runs the same {@code java} with the caller's class path and the places the function's classes
 * come from (as a {@link ProcessPoolBuilder pool's} workers do; {@link WorkerProcessBuilder#classPath} sets it whole),
 * with the JVM options given to {@link #builder()}, and its standard output and error appear in the caller's.
 *
 * <pre>{@code
 * WorkerProcess<Long> p = WorkerProcess.start(x -> ProcessHandle.current().pid(), "bob");
 * long childPid = p.result();   // not this process's pid
 *
 * WorkerProcess.builder().jvmOptions("-Xmx64m").run(() -> Files.writeString(out, "done")).result();
 * }</pre>
 *
 * @param <R> the type of the function's result
 */
public final class WorkerProcess<R> {

    private final WorkerHandle handle;
    private final Path dir;
    private final ObjectInputFilter filter;
    /** The function's class loader, through which its result and exception are read. */
    private final ClassLoader loader;
    /** How the child ended, made into the result or the exception on the thread that asks (the caller's). */
    private final CompletableFuture<Supplier<R>> outcome = new CompletableFuture<>();

    private WorkerProcess(WorkerHandle handle, Path dir, ObjectInputFilter filter, ClassLoader loader) {
        this.handle = handle;
        this.dir = dir;
        this.filter = filter;
        this.loader = loader;
    }

    /**
     * Starts a child JVM that runs {@code fn(arg)}, and returns once the child is running. The function and the
     * argument are serialized first: if either holds something not serializable, this fails before any process starts.
     *
     * @param <T> the type of the argument
     * @param <R> the type of the result
     * @param fn  the function
     * @param arg its argument, which may be null
     * @return the running child
     * @throws IllegalArgumentException naming the class if {@code fn} or {@code arg} cannot be serialized, or naming
     *                                  the property if {@code chunkwise.serialFilter} is not a valid filter
     * @throws WorkerStartException     if the child JVM cannot start
     */
    public static <T, R> WorkerProcess<R> start(Task<? super T, ? extends R> fn, T arg) {
        return builder().start(fn, arg);
    }

    /**
     * Starts a child JVM that runs {@code task}, and returns once the child is running; {@link #result()} returns
     * null when the task is done.
     *
     * @param task the work
     * @return the running child
     * @throws IllegalArgumentException naming the class if {@code task} cannot be serialized
     * @throws WorkerStartException     if the child JVM cannot start
     */
    public static WorkerProcess<Void> run(WorkerTask task) {
        return builder().run(task);
    }

    /**
     * Returns a builder for a child JVM with options: JVM options, environment, start timeout.
     *
     * @return a builder with every setting at its default
     */
    public static WorkerProcessBuilder builder() {
        return new WorkerProcessBuilder();
    }

    static <T, R> WorkerProcess<R> start(WorkerOptions options, Task<? super T, ? extends R> fn,
                                         T arg) {
        Checks.notNull(fn, "fn");
        ObjectInputFilter filter = SerialFilter.get();
        byte[] fnBytes = Serialization.serialize(fn, "The function");
        Class<?> users = fn instanceof RunTask r ? r.task().getClass() : fn.getClass();
        WorkerOptions withTheFunctions = options.withClassPath(options.classPath().widenedFor(users));
        Path dir = PrivateDir.create();
        byte[] argBytes;
        WorkerHandle handle;
        try {
            argBytes = Serialization.serialize(Collections.singletonList(arg), dir, "The argument");
            handle = WorkerHandle.start(withTheFunctions, dir);
        } catch (RuntimeException e) {
            PrivateDir.delete(dir);
            throw e;
        }
        WorkerProcess<R> p = new WorkerProcess<>(handle, dir, filter, users.getClassLoader());
        Thread runner = new Thread(() -> p.run(fnBytes, argBytes), "chunkwise-worker-process-" + handle.pid());
        runner.setDaemon(true);
        runner.start();
        return p;
    }

    private void run(byte[] fnBytes, byte[] argBytes) {
        try {
            handle.define(1, fnBytes);
            Message reply = handle.run(new Message.Run(2, 1, 0, false, argBytes), index -> {
            });
            outcome.complete(read(reply));
            handle.close();
        } catch (IOException e) {
            long pid = handle.pid();
            int exit = handle.exitCode(Duration.ofSeconds(5));
            outcome.complete(() -> {
                throw new WorkerDiedException(0, List.of(pid), List.of(exit));
            });
        } catch (RuntimeException e) {
            outcome.complete(() -> {
                throw new IllegalStateException("the child could not be run: " + e, e);
            });
        } finally {
            handle.exitCode(Duration.ofSeconds(5));
            PrivateDir.delete(dir);
        }
    }

    @SuppressWarnings("unchecked")
    private Supplier<R> read(Message reply) {
        if (reply instanceof Message.Failed failed) {
            return () -> {
                throw failed.failure(filter, loader);
            };
        }
        try {
            R value = ((List<R>) Serialization.deserialize(((Message.Result) reply).bytes(), filter, loader)).get(0);
            return () -> value;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return () -> {
                throw new TaskFailedException(0, new IllegalStateException("the child's result could not be read: "
                        + e, e));
            };
        }
    }

    /**
     * Returns the child's pid.
     *
     * @return the pid
     */
    public long pid() {
        return handle.pid();
    }

    /**
     * Returns whether the child is still running.
     *
     * @return whether it runs
     */
    public boolean isAlive() {
        return handle.process().isAlive();
    }

    /**
     * Waits until the child has exited.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        handle.process().waitFor();
    }

    /**
     * Waits at most {@code timeout} for the child to exit, and returns whether it has.
     *
     * @param timeout how long to wait at most
     * @return whether the child has exited
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return handle.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Returns the child's exit code, or empty while it runs; above 128 it was killed by signal {@code code - 128}.
     *
     * @return the exit code, once the child has exited
     */
    public OptionalInt exitCode() {
        Process p = handle.process();
        return p.isAlive() ? OptionalInt.empty() : OptionalInt.of(p.exitValue());
    }

    /**
     * Waits for and returns the function's result (null for a {@link WorkerTask}). An exception is made on the
     * calling thread, so its stack trace is the caller's; the child's exception is its cause.
     *
     * @return the result
     * @throws TaskFailedException   if the function threw (the cause is the original exception, with its causes)
     * @throws WorkerDiedException   if the child died before it answered
     * @throws CancellationException if interrupted while waiting (the interrupt flag is set again)
     */
    public R result() {
        try {
            return outcome.get().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the child's result");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the child's outcome was lost: " + e.getCause(), e.getCause());
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

    /** Runs a {@link WorkerTask} as a function of nothing. */
    record RunTask(WorkerTask task) implements Task<Object, Void> {
        @Override
        public Void call(Object ignored) throws Exception {
            task.run();
            return null;
        }
    }
}
