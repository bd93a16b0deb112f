package dev.chunkwise.process;

import dev.chunkwise.codec.Serialization;
import dev.chunkwise.codec.SerialFilter;
import dev.chunkwise.pool.AbstractPool;
import dev.chunkwise.pool.Job;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;
import dev.chunkwise.pool.TaskTimeoutException;
import dev.chunkwise.pool.WorkerDiedException;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link dev.chunkwise.pool.Pool} whose workers are child JVMs: a crash, {@code System.exit}, a leak or a native
 * fault in the user's function cannot take the caller down, and each worker can have its own heap limit. Made by
 * {@code Pool.processes(n)} or {@link #builder()}.
 *
 * <h2>How it runs</h2>
 * The workers start in parallel when the pool is made, and connect back over a Unix-domain socket in a directory only
 * this user can enter; no TCP port is opened. Each call's function is serialized once, checked before anything is
 * sent, and kept by each worker that runs it. Items and results cross as Java serialization, except
 * {@link org.dflib.DataFrame}s, which cross in chunkwise's columnar format (through a memory-mapped file when large).
 * Everything read back passes the {@link SerialFilter}.
 *
 * <h2>Faults</h2>
 * <ul>
 *   <li>A worker that dies mid-task is replaced and the task runs again, up to {@code retries} times; then the task
 *       fails with {@link WorkerDiedException}, naming each worker's pid and how it ended. Other tasks keep their
 *       results. A task's input stays readable until its result is in, so that the retry reads the same data at
 *       every size (a large frame's file is deleted only then).</li>
 *   <li>A worker killed by a signal while it starts (before it connects) is started again, up to {@code retries}
 *       times, when the pool is made as when it replaces a worker; then the start fails with
 *       {@link WorkerStartException}, naming the pids. A start that fails for any other reason (a bad JVM option,
 *       say) fails at once.</li>
 *   <li>A task running past the task timeout has its worker killed and replaced, and fails alone with
 *       {@link TaskTimeoutException}.</li>
 *   <li>A cancelled task that has not started is skipped; one already running in a worker runs to its end and its
 *       result is dropped.</li>
 *   <li>If the caller's JVM dies, however it dies, each worker sees its standard input end and exits at once.</li>
 * </ul>
 */
public final class ProcessPool extends AbstractPool {

    /*
     * Overview: one "slot" thread per worker takes tasks from a shared deque, sends each to its own worker process and
     * waits for the reply, so a worker runs one task at a time. A task that lost its worker goes back to the front of
     * the deque. A watchdog thread kills the worker of a task past its timeout; the slot then sees the channel end.
     */

    private static final Task POISON = new Task(0, 0, null, 0, 0, new Serialization.Kept(new byte[0], List.of()));

    private final int workers;
    private final WorkerOptions options;
    private final int retries;
    private final Duration taskTimeout;
    private final int maxTasksPerWorker;
    private final Path dir;
    private final ObjectInputFilter filter;
    private final BlockingDeque<Task> queue = new LinkedBlockingDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<Slot> slots = new ArrayList<>();
    /**
     * Functions already serialized, by identity (lambdas do not override equals): a function used again, such as a
     * non-capturing lambda or a constant, is serialized once and sent to each worker once.
     */
    private final Map<Object, SentFunction> functions = Collections.synchronizedMap(new WeakHashMap<>());
    private final Thread watchdog;
    private final Thread cleanupHook;
    private volatile boolean forced;

    ProcessPool(int workers, WorkerOptions options, int retries, Duration taskTimeout, int maxTasksPerWorker) {
        this.workers = workers;
        this.options = options;
        this.retries = retries;
        this.taskTimeout = taskTimeout;
        this.maxTasksPerWorker = maxTasksPerWorker;
        this.filter = SerialFilter.get(); // first: a bad chunkwise.serialFilter must fail before anything is made
        this.dir = PrivateDir.create();
        this.cleanupHook = new Thread(() -> PrivateDir.delete(dir), "chunkwise-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(cleanupHook);
            startWorkers();
            watchdog = new Thread(this::watch, "chunkwise-process-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        } catch (RuntimeException | Error e) {
            slots.forEach(s -> s.worker.close());
            PrivateDir.delete(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupHook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // The JVM is shutting down, or the hook was never added; the directory is gone either way.
            }
            throw e;
        }
    }

    /** Starts the workers in parallel and their slot threads; throws the first failure to start. */
    private void startWorkers() {
        List<CompletableFuture<WorkerHandle>> starting = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            starting.add(CompletableFuture.supplyAsync(this::startWorker));
        }
        RuntimeException failed = null;
        for (int i = 0; i < workers; i++) {
            try {
                slots.add(new Slot(i + 1, starting.get(i).join()));
            } catch (RuntimeException e) {
                failed = failed == null ? (RuntimeException) unwrapStart(e) : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        slots.forEach(s -> s.thread.start());
    }

    /**
     * Starts a worker; one killed by a signal before it connected is started again, up to {@code retries} times.
     *
     * @throws WorkerStartException if it cannot start, naming each pid and how it ended
     */
    private WorkerHandle startWorker() {
        List<WorkerStartException> killed = new ArrayList<>();
        while (true) {
            WorkerStartException e;
            try {
                return WorkerHandle.start(options, dir);
            } catch (WorkerStartException failure) {
                e = failure;
            }
            if (!e.killedBySignal() || forced) {
                throw e;
            }
            killed.add(e);
            if (killed.size() > retries) {
                StringBuilder pids = new StringBuilder();
                for (WorkerStartException k : killed) {
                    pids.append(pids.length() == 0 ? "" : "; ").append("pid ").append(k.pid()).append(": ")
                            .append(WorkerDiedException.describe(k.exitCode()));
                }
                throw new WorkerStartException("a worker process could not start: it was killed before it connected "
                        + killed.size() + " times (" + pids + "), more than the pool's " + retries + " retries;"
                        + " something outside the pool kills the workers (kill, or the kernel's out-of-memory killer)",
                        e, e.pid(), e.exitCode(), true);
            }
        }
    }

    private static Throwable unwrapStart(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Returns a builder for a process pool with options: JVM options, retries, task timeout and more. */
    public static ProcessPoolBuilder builder() {
        return new ProcessPoolBuilder();
    }

    @Override
    public int workers() {
        return workers;
    }

    /** Returns the pids of the worker processes running now. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Slot s : slots) {
            WorkerHandle w = s.worker;
            if (w != null && w.process().isAlive()) {
                pids.add(w.pid());
            }
        }
        return pids;
    }

    /** Returns the private directory of this pool's sockets and mapped frames; removed when the pool closes. */
    public Path directory() {
        return dir;
    }

    @Override
    protected <T, R> Job<T, R> prepare(TaskFunction<? super T, ? extends R> fn) {
        SentFunction sent = functions.computeIfAbsent(fn, f -> new SentFunction(ids.incrementAndGet(),
                Serialization.serialize(f, null, "The function")));
        long fnId = sent.id();
        byte[] fnBytes = sent.bytes();
        return (chunk, firstIndex) -> {
            Serialization.Kept items = Serialization.serializeKept(new ArrayList<>(chunk), dir, "An item");
            Task task = new Task(ids.incrementAndGet(), fnId, fnBytes, firstIndex, chunk.size(), items);
            // The input is read again by a fresh worker if this one dies: its files go only once the task is over.
            task.result.whenComplete((r, e) -> items.release());
            queue.add(task);
            @SuppressWarnings("unchecked")
            CompletableFuture<List<R>> result = (CompletableFuture<List<R>>) (CompletableFuture<?>) task.result;
            return result;
        };
    }

    @Override
    protected void shutdown() {
        for (int i = 0; i < slots.size(); i++) {
            queue.add(POISON);
        }
        boolean interrupted = false;
        for (Slot s : slots) {
            while (s.thread.isAlive()) {
                try {
                    s.thread.join();
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        forceStop();
                    }
                }
            }
        }
        watchdog.interrupt();
        PrivateDir.delete(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException ignored) {
            // The JVM is shutting down; the hook runs anyway.
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels the queued tasks and kills the workers, once. */
    private void forceStop() {
        forced = true;
        List<Task> pending = new ArrayList<>();
        queue.drainTo(pending);
        for (Task t : pending) {
            if (t != POISON) {
                t.result.cancel(false);
            }
        }
        for (int i = 0; i < slots.size(); i++) {
            queue.add(POISON);
        }
        for (Slot s : slots) {
            WorkerHandle w = s.worker;
            if (w != null) {
                w.kill();
            }
        }
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            if (taskTimeout == null) {
                continue;
            }
            long now = System.nanoTime();
            for (Slot s : slots) {
                Task t = s.running;
                WorkerHandle w = s.worker;
                if (t != null && w != null && now - s.runningSince > taskTimeout.toNanos()) {
                    s.timedOut = t;
                    w.kill();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Pool.processes(" + workers + ")";
    }

    /** A function's id and serialized form. */
    private record SentFunction(long id, byte[] bytes) {
    }

    /** One chunk of one call, waiting for or running on a worker. */
    private static final class Task {
        final long id;
        final long fnId;
        final byte[] fn;
        final long firstIndex;
        final int size;
        final Serialization.Kept items;
        final CompletableFuture<List<Object>> result = new CompletableFuture<>();
        /** The workers that died under this task, and their exit codes, one per attempt. */
        final List<Long> deadPids = new ArrayList<>();
        final List<Integer> deadExits = new ArrayList<>();
        int attempts;

        Task(long id, long fnId, byte[] fn, long firstIndex, int size, Serialization.Kept items) {
            this.id = id;
            this.fnId = fnId;
            this.fn = fn;
            this.firstIndex = firstIndex;
            this.size = size;
            this.items = items;
        }
    }

    /** A worker process and the thread that feeds it. */
    private final class Slot {
        final Thread thread;
        volatile WorkerHandle worker;
        volatile Task running;
        volatile long runningSince;
        volatile Task timedOut;

        Slot(int number, WorkerHandle worker) {
            this.worker = worker;
            this.thread = new Thread(this::loop, "chunkwise-process-slot-" + number);
            this.thread.setDaemon(true);
        }

        private void loop() {
            try {
                while (true) {
                    Task t = queue.take();
                    if (t == POISON) {
                        return;
                    }
                    if (!t.result.isDone()) {
                        runOne(t);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                WorkerHandle w = worker;
                if (w != null) {
                    w.close();
                }
            }
        }

        private void runOne(Task t) {
            if (worker == null && !replaceWorker(t)) {
                return;
            }
            WorkerHandle w = worker;
            t.attempts++;
            runningSince = System.nanoTime();
            running = t;
            Message reply;
            try {
                w.define(t.fnId, t.fn);
                reply = w.run(t.id, t.fnId, t.firstIndex, t.items.bytes());
            } catch (IOException e) {
                running = null;
                lost(t, w);
                return;
            }
            running = null;
            deliver(t, reply);
            if (maxTasksPerWorker > 0 && w.tasksRun() >= maxTasksPerWorker) {
                w.close();
                worker = null;
                replaceWorker(null);
            }
        }

        /** The worker died under {@code t}: time out, retry or fail the task, and start a fresh worker. */
        private void lost(Task t, WorkerHandle w) {
            int exit = w.exitCode(Duration.ofSeconds(5));
            w.close();
            worker = null;
            t.deadPids.add(w.pid());
            t.deadExits.add(exit);
            if (forced) {
                t.result.completeExceptionally(new CancellationException("the pool was closed by force"));
                return;
            }
            if (timedOut == t) {
                timedOut = null;
                t.result.completeExceptionally(new TaskTimeoutException(t.firstIndex, taskTimeout));
            } else if (t.attempts <= retries) {
                queue.addFirst(t);
            } else {
                t.result.completeExceptionally(new WorkerDiedException(t.firstIndex, t.deadPids, t.deadExits));
            }
            replaceWorker(null);
        }

        /**
         * Starts a fresh worker (one killed while it starts is started again, within the retries); if it cannot
         * start, fails {@code t} (when given) with the reason, naming the task.
         */
        private boolean replaceWorker(Task t) {
            if (forced) {
                return false;
            }
            try {
                worker = startWorker();
                return true;
            } catch (RuntimeException e) {
                if (t != null) {
                    t.result.completeExceptionally(new WorkerStartException("task " + t.firstIndex
                            + " could not run: " + e.getMessage(), e));
                }
                return false;
            }
        }

        private void deliver(Task t, Message reply) {
            try {
                if (reply.type() == Message.RESULT) {
                    @SuppressWarnings("unchecked")
                    List<Object> values = (List<Object>) Serialization.deserialize(reply.payload(), filter);
                    t.result.complete(values);
                } else if (reply.type() == Message.FAILED) {
                    long index = ByteBuffer.wrap(reply.payload()).getLong();
                    Throwable thrown = (Throwable) Serialization.deserialize(
                            Arrays.copyOfRange(reply.payload(), 8, reply.payload().length), filter);
                    t.result.completeExceptionally(new TaskFailedException(index, thrown));
                } else {
                    t.result.completeExceptionally(new IllegalStateException("worker replied with message type " + reply.type()));
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                t.result.completeExceptionally(new TaskFailedException(t.firstIndex,
                        new IllegalStateException("the worker's reply could not be read: " + e, e)));
            }
        }
    }
}
