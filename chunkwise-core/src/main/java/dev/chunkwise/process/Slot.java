package dev.chunkwise.process;

import dev.chunkwise.codec.Serialization;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskTimeoutException;
import dev.chunkwise.pool.WorkerDiedException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One worker process of a {@link ProcessPool} and the thread that feeds it: the thread starts the worker, then takes
 * task after task from the pool's queue, sends each to the worker and waits for the reply, so a worker runs one task
 * at a time. A task whose worker died goes back to the front of the queue (within the retries); the worker is
 * replaced.
 */
final class Slot {

    final Thread thread;
    /** Completes when the first worker has connected, or with why it could not start. */
    final CompletableFuture<Void> started = new CompletableFuture<>();
    private final ProcessPool pool;
    private final AtomicReference<Running> running = new AtomicReference<>();
    private volatile WorkerHandle worker;

    Slot(ProcessPool pool, int number) {
        this.pool = pool;
        this.thread = new Thread(this::main, "chunkwise-process-slot-" + number);
        this.thread.setDaemon(true);
    }

    /** Returns the worker's pid if it is alive. */
    Long pid() {
        WorkerHandle w = worker;
        return w != null && w.process().isAlive() ? w.pid() : null;
    }

    /** Returns what runs now, or null. */
    Running running() {
        return running.get();
    }

    /**
     * Kills the worker of {@code r} if {@code r} is still what runs, and says why; returns whether it did. A stop
     * that loses the race with the task's end does nothing.
     */
    boolean stop(Running r, Running.Stop why) {
        if (r.stop() == Running.Stop.NONE && running.compareAndSet(r, r.stopped(why))) {
            r.worker().kill();
            return true;
        }
        return false;
    }

    /** Kills the worker, whatever it runs (the pool is closed by force). */
    void kill() {
        WorkerHandle w = worker;
        if (w != null) {
            w.kill();
        }
    }

    private void main() {
        try {
            worker = pool.startWorker();
            started.complete(null);
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
            return;
        }
        try {
            while (true) {
                Chunk t = pool.queue().take();
                if (t == ProcessPool.POISON) {
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

    private void runOne(Chunk t) {
        if (worker != null && !worker.classPath().holds(t.classPath)) {
            // The function's classes come from a place this worker lacks: a fresh one has the pool's wider class path.
            worker.close();
            worker = null;
        }
        if (worker == null && !replaceWorker(t)) {
            return;
        }
        WorkerHandle w = worker;
        // Published before the check: a cancellation either sees it running or is seen here (Chunk.result).
        running.set(Running.started(t, w));
        if (t.result.isDone()) {
            running.set(null);
            return;
        }
        t.attempts++;
        long start = System.nanoTime();
        Message reply;
        try {
            w.define(t.fnId, t.fn);
            reply = w.run(new Message.Run(t.id, t.fnId, t.firstIndex, pool.taskTimeout() != null, t.items.bytes()),
                    index -> itemStarted(t, index));
        } catch (IOException e) {
            lost(t, w, running.getAndSet(null));
            return;
        }
        Running last = running.getAndSet(null);
        if (last.stop() != Running.Stop.NONE) {
            // Stopped as the reply came in: the worker is being killed; the stop's reason stands.
            lost(t, w, last);
            return;
        }
        deliver(t, reply, System.nanoTime() - start);
        if (pool.maxTasksPerWorker() > 0 && w.tasksRun() >= pool.maxTasksPerWorker()) {
            w.close();
            worker = null;
            if (!pool.closing()) {
                replaceWorker(null);
            }
        }
    }

    /** Moves the snapshot to the item that the worker says starts now, unless the task was stopped. */
    private void itemStarted(Chunk t, long index) {
        Running r = running.get();
        while (r != null && r.task() == t && r.stop() == Running.Stop.NONE && !running.compareAndSet(r, r.at(index))) {
            r = running.get();
        }
    }

    /** The worker died under {@code t}: time out, retry or fail the task, and start a fresh worker. */
    private void lost(Chunk t, WorkerHandle w, Running last) {
        int exit = w.exitCode(Duration.ofSeconds(5));
        w.close();
        worker = null;
        t.deadPids.add(w.pid());
        t.deadExits.add(exit);
        Running.Stop stop = last == null ? Running.Stop.NONE : last.stop();
        long item = last == null ? t.firstIndex : last.item();
        if (pool.forced()) {
            t.result.completeExceptionally(new CancellationException("the pool was closed by force"));
            return;
        }
        if (stop == Running.Stop.TIMED_OUT) {
            t.result.completeExceptionally(new TaskTimeoutException(item, pool.taskTimeout()));
        } else if (stop == Running.Stop.CANCELLED || t.result.isDone()) {
            // Cancelled: nothing to report, nothing to retry.
        } else if (t.attempts <= pool.retries()) {
            pool.queue().addFirst(t);
        } else {
            t.result.completeExceptionally(new WorkerDiedException(item, t.deadPids, t.deadExits));
        }
        if (!pool.closing()) {
            replaceWorker(null); // at once, so that the next call finds it ready; while closing, only if a task needs it
        }
    }

    /**
     * Starts a fresh worker (one killed while it starts is started again, within the retries); if it cannot start,
     * fails {@code t} (when given) with the reason, naming the task.
     */
    private boolean replaceWorker(Chunk t) {
        if (pool.forced()) {
            if (t != null) {
                t.result.completeExceptionally(new CancellationException("the pool was closed by force"));
            }
            return false;
        }
        try {
            worker = pool.startWorker();
            return true;
        } catch (RuntimeException e) {
            if (t != null) {
                t.result.completeExceptionally(new TaskFailedException(t.firstIndex, e));
            }
            return false;
        }
    }

    private void deliver(Chunk t, Message reply, long roundTripNanos) {
        if (reply instanceof Message.Result result) {
            try {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) Serialization.deserialize(result.bytes(), pool.filter(), t.loader);
                t.sizes.completed(t.size, result.workNanos(), roundTripNanos,
                        Math.max(t.itemBytes(), result.bytes().length));
                t.result.complete(values);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                t.result.completeExceptionally(new TaskFailedException(t.firstIndex,
                        new IllegalStateException("the worker's results could not be read: " + e, e)));
            }
        } else if (reply instanceof Message.Failed failed) {
            t.result.completeExceptionally(failed.failure(pool.filter(), t.loader));
        } else {
            t.result.completeExceptionally(new TaskFailedException(t.firstIndex, new IllegalStateException(
                    "the worker replied " + reply.getClass().getSimpleName() + " to a task (protocol error)")));
        }
    }
}
