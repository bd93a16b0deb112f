package dev.chunkwise.process;

import dev.chunkwise.codec.Serialization;
import dev.chunkwise.codec.SerialFilter;
import dev.chunkwise.pool.AbstractPool;
import dev.chunkwise.pool.Backend;
import dev.chunkwise.pool.ChunkSizes;
import dev.chunkwise.pool.Job;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.Task;
import dev.chunkwise.pool.TaskTimeoutException;
import dev.chunkwise.pool.WorkerDiedException;

import java.io.ObjectInputFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Pool} whose workers are child JVMs: a crash, {@code System.exit}, a leak or a native
 * fault in the user's function cannot take the caller down, and each worker can have its own heap limit. Made by
 * {@code Pool.processes(n)} or {@link #builder()}.
 *
 * <h2>How it runs</h2>
 * The workers start in parallel when the pool is made, and connect back over a Unix-domain socket in a directory only
 * this user can enter; no TCP port is opened. Each call's function is serialized once, checked before anything is
 * sent, and kept by each worker that runs it. Items and results cross as Java serialization, except
 * {@link org.dflib.DataFrame}s, which cross in chunkwise's columnar format (through a memory-mapped file when large).
 * Everything read back passes the {@link SerialFilter}. Each worker is started by a thread of the pool's own (its
 * slot), all at once, with the class path that {@link ProcessPoolBuilder} describes: the caller's, and the places
 * its class loaders name. A function whose classes come from a place the workers lack (its class loader is not the
 * one the pool was built from) has each worker replaced, once, by one whose class path has that place too, before
 * the worker runs it; its results and exceptions are read through the function's class loader. Where the class path
 * is all jars, the workers map a class archive of their classes, which the first pool's worker recorded as it exited
 * (kept in the user's cache per class path, JVM and options; {@code -Dchunkwise.workerArchive=off} turns it off), so
 * that they start sooner.
 *
 * <h2>Faults</h2>
 * <ul>
 *   <li>A worker that dies mid-task is replaced and the task runs again, up to {@code retries} times; then the task
 *       fails with {@link WorkerDiedException}, naming each worker's pid and how it ended, and the item that was
 *       running (while a task timeout is set; otherwise the first item of its chunk). Other tasks keep their
 *       results. A task's input stays readable until its result is in, so that the retry reads the same data at
 *       every size (a large frame's file is deleted only then).</li>
 *   <li>A worker killed by a signal while it starts (before it connects) is started again, up to {@code retries}
 *       times, when the pool is made as when it replaces a worker; then the start fails with
 *       {@link WorkerStartException}, naming the pids. A start that fails for any other reason (a bad JVM option,
 *       say) fails at once.</li>
 *   <li>An item running past the task timeout has its worker killed and replaced, and its task fails alone with
 *       {@link TaskTimeoutException}, naming the item. The timeout is per item, whatever the chunk size: a worker
 *       says when each item starts (only while a timeout is set).</li>
 *   <li>A cancelled task that has not started is skipped. One already running is stopped (its worker killed and
 *       replaced) when cancelled with {@code cancel(true)}, which is how {@code map} cancels the rest of a call
 *       that failed; after {@code cancel(false)} it runs to its end and its result is dropped, unless the pool
 *       closes first: {@link #close()} never waits for a cancelled task.</li>
 *   <li>If the caller's JVM dies, however it dies, each worker sees that its parent is gone and exits within moments.</li>
 * </ul>
 */
public final class ProcessPool extends AbstractPool {

    /*
     * Overview: one Slot per worker; its thread starts the worker, then takes tasks from a shared deque, sends each
     * to its own worker process and waits for the reply. What a slot runs is one atomic Running snapshot, which the
     * Watchdog (only while a timeout is set) and cancellations read and replace to stop a task, so that a kill lands
     * only on the task and item it was meant for. The slot then sees the channel end and reports the stop.
     */

    /** Tells a slot to end. */
    static final Chunk POISON = new Chunk(0, 0, null, null, null, 0, 0,
            new Serialization.Kept(new byte[0], List.of(), 0), ChunkSizes.fixed(1), (t, interrupt) -> {
            });

    private final int workers;
    /** Replaced, with a wider class path, when a function needs one; workers started after use the new one. */
    private volatile WorkerOptions options;
    private final int retries;
    private final Duration taskTimeout;
    private final int maxTasksPerWorker;
    private final Path dir;
    private final ObjectInputFilter filter;
    private final BlockingDeque<Chunk> queue = new LinkedBlockingDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private final List<Slot> slots = new ArrayList<>();
    /**
     * Functions already serialized, by identity (lambdas do not override equals): a function used again, such as a
     * non-capturing lambda or a constant, is serialized once and sent to each worker once.
     */
    private final Map<Object, SentFunction> functions = Collections.synchronizedMap(new WeakHashMap<>());
    private final Watchdog watchdog;
    private final Thread cleanupHook;
    private volatile boolean closing;
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
        for (int i = 0; i < workers; i++) {
            slots.add(new Slot(this, i + 1));
        }
        this.watchdog = taskTimeout == null ? null : new Watchdog(slots, taskTimeout);
        try {
            Runtime.getRuntime().addShutdownHook(cleanupHook);
            startSlots();
        } catch (RuntimeException | Error e) {
            PrivateDir.delete(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupHook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // The JVM is shutting down, or the hook was never added; the directory is gone either way.
            }
            throw e;
        }
        if (watchdog != null) {
            watchdog.start();
        }
    }

    /**
     * Starts every slot, each of which starts its worker on its own thread; waits for all, and if one could not
     * start, stops the others and throws the first failure (in slot order).
     */
    private void startSlots() {
        slots.forEach(s -> s.thread.start());
        RuntimeException failed = null;
        for (Slot s : slots) {
            try {
                s.started.join();
            } catch (CompletionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (failed != null) {
            forced = true;
            slots.forEach(s -> queue.add(POISON));
            slots.forEach(Slot::kill);
            joinSlots();
            throw failed;
        }
    }

    /**
     * Starts a worker; one killed by a signal before it connected is started again, up to {@code retries} times.
     *
     * @throws WorkerStartException if it cannot start, naming each pid and how it ended
     */
    WorkerHandle startWorker() {
        return WorkerStarts.start(options, dir, retries, () -> forced);
    }

    /**
     * Returns a builder for a process pool with options: JVM options, retries, task timeout and more.
     *
     * @return a builder with every setting at its default
     */
    public static ProcessPoolBuilder builder() {
        return new ProcessPoolBuilder();
    }

    @Override
    public Backend backend() {
        return Backend.PROCESSES;
    }

    @Override
    public int workers() {
        return workers;
    }

    /**
     * Returns the pids of the worker processes running now.
     *
     * @return the pids, one a worker that is alive
     */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Slot s : slots) {
            Long pid = s.pid();
            if (pid != null) {
                pids.add(pid);
            }
        }
        return pids;
    }

    /**
     * Returns the private directory of this pool's sockets and mapped frames; removed when the pool closes.
     *
     * @return the directory
     */
    public Path directory() {
        return dir;
    }

    /** Returns how many tasks (chunks) this pool has been given to run: a round trip each, retries apart. */
    long tasksSent() {
        return tasks.get();
    }

    @Override
    protected <T, R> Job<T, R> prepare(Task<? super T, ? extends R> fn) {
        SentFunction sent = functions.computeIfAbsent(fn, f -> new SentFunction(ids.incrementAndGet(),
                Serialization.serialize(f, "The function"), classPathFor(f.getClass()), f.getClass().getClassLoader()));
        ChunkSizes sizes = ChunkSizes.adaptive();
        return new Job<>() {
            @Override
            public CompletableFuture<List<R>> run(List<? extends T> chunk, long firstIndex) {
                Serialization.Kept items = Serialization.serializeKept(new ArrayList<>(chunk), dir, "An item");
                Chunk task = new Chunk(ids.incrementAndGet(), sent.id(), sent.bytes(), sent.classPath(), sent.loader(),
                        firstIndex, chunk.size(), items, sizes, ProcessPool.this::cancelled);
                // The input is read again by a fresh worker if this one dies: its files go only once the task is over.
                task.result.whenComplete((r, e) -> items.release());
                tasks.incrementAndGet();
                queue.add(task);
                @SuppressWarnings("unchecked")
                CompletableFuture<List<R>> result =
                        (CompletableFuture<List<R>>) (CompletableFuture<?>) task.result;
                return result;
            }

            @Override
            public ChunkSizes chunkSizes() {
                return sizes;
            }
        };
    }

    /**
     * Returns the workers' class path widened by what {@code function}'s class and the code calling now need, and
     * makes it the one that workers start with from now on.
     */
    private synchronized WorkerClassPath classPathFor(Class<?> function) {
        options = options.withClassPath(options.classPath().widenedFor(function));
        return options.classPath();
    }

    /** A task was cancelled: stop it if it runs and should stop (asked to interrupt, or the pool is closing). */
    private void cancelled(Chunk t, boolean mayInterruptIfRunning) {
        if (mayInterruptIfRunning || closing) {
            for (Slot s : slots) {
                Running r = s.running();
                if (r != null && r.task() == t) {
                    s.stop(r, Running.Stop.CANCELLED);
                }
            }
        }
    }

    @Override
    protected void shutdown() {
        closing = true;
        for (int i = 0; i < slots.size(); i++) {
            queue.add(POISON);
        }
        // Cancelled before the pool began closing, and running still: close never waits for them.
        for (Slot s : slots) {
            Running r = s.running();
            if (r != null && r.task().result.isCancelled()) {
                s.stop(r, Running.Stop.CANCELLED);
            }
        }
        boolean interrupted = joinSlots();
        if (watchdog != null) {
            watchdog.stop();
        }
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

    /** Waits for the slots to end; if interrupted, stops them by force, once. Returns whether it was interrupted. */
    private boolean joinSlots() {
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
        return interrupted;
    }

    /** Cancels the queued tasks and kills the workers, once. */
    private void forceStop() {
        forced = true;
        List<Chunk> pending = new ArrayList<>();
        queue.drainTo(pending);
        for (Chunk t : pending) {
            if (t != POISON) {
                t.result.cancel(false);
            }
        }
        for (int i = 0; i < slots.size(); i++) {
            queue.add(POISON);
        }
        slots.forEach(Slot::kill);
    }

    BlockingDeque<Chunk> queue() {
        return queue;
    }

    int retries() {
        return retries;
    }

    /** Returns the task timeout, or null for none. */
    Duration taskTimeout() {
        return taskTimeout;
    }

    int maxTasksPerWorker() {
        return maxTasksPerWorker;
    }

    ObjectInputFilter filter() {
        return filter;
    }

    boolean forced() {
        return forced;
    }

    /** Returns whether {@link #close()} has begun. */
    boolean closing() {
        return closing;
    }

    @Override
    public String toString() {
        return "Pool.processes(" + workers + ")";
    }

    /**
     * A function's id and serialized form, the class path that a worker needs to run it, and its class loader, which
     * reads its results.
     */
    private record SentFunction(long id, byte[] bytes, WorkerClassPath classPath, ClassLoader loader) {
    }
}
