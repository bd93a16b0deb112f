package dev.chunkwise.process;

/**
 * What a slot runs, as one value that changes atomically: the task, the worker running it, the item it is at and
 * since when, and whether the pool has decided to stop it. The watchdog and a cancellation stop a task by replacing
 * this very value with a stopped copy ({@code compareAndSet}), so a stop never lands on the next task or item.
 *
 * @param task   the chunk
 * @param worker the worker running it
 * @param item   the index in the call's input of the item being computed (the chunk's first until the worker says)
 * @param since  when that item started, by {@link System#nanoTime()}
 * @param stop   whether, and why, the pool is killing the worker
 */
record Running(Chunk task, WorkerHandle worker, long item, long since, Stop stop) {

    /** Why a running task's worker is killed. */
    enum Stop {
        /** Not stopped. */
        NONE,
        /** The item ran past the task timeout. */
        TIMED_OUT,
        /** The task was cancelled with {@code mayInterruptIfRunning}, or while the pool closed. */
        CANCELLED
    }

    /** Returns the task started now on {@code worker}, at its first item. */
    static Running started(Chunk task, WorkerHandle worker) {
        return new Running(task, worker, task.firstIndex, System.nanoTime(), Stop.NONE);
    }

    /** Returns this task at the item {@code index}, started now. */
    Running at(long index) {
        return new Running(task, worker, index, System.nanoTime(), Stop.NONE);
    }

    /** Returns this, stopped for {@code why}. */
    Running stopped(Stop why) {
        return new Running(task, worker, item, since, why);
    }
}
