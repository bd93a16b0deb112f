package dev.chunkwise.pool;

/**
 * Thrown when a task of a pool failed: the base of every task's failure, so that one {@code catch} sees them all.
 * This class itself means that the user's function threw; the original exception is the {@link #getCause() cause}
 * (for tasks that ran in another process, the deserialized original with its class, message, stack trace and causes).
 * Its subclasses say what else ended the task: {@link TaskTimeoutException}, {@link WorkerDiedException}.
 *
 * <p>The blocking calls ({@code map}, the iterators of {@code imap}) throw a fresh copy made on the caller's thread,
 * as {@link java.util.concurrent.CompletableFuture#join()} does: its stack trace is the caller's, down to the method
 * that called the pool, and its cause is what the worker threw.
 */
public class TaskFailedException extends RuntimeException {

    /** The failed item's position in the input, or -1. */
    private final long taskIndex;

    /**
     * @param taskIndex the position of the failed item in the input, or -1 where it is not known
     * @param cause     the exception thrown by the user's function
     */
    public TaskFailedException(long taskIndex, Throwable cause) {
        this(taskIndex, message(taskIndex, cause), cause);
    }

    /**
     * For subclasses that say more about where the task failed.
     *
     * @param taskIndex the position of the failed item in the input, or -1 where it is not known
     * @param message   the message, which should name the task and {@code cause}
     * @param cause     the exception thrown by the user's function, or null when nothing was thrown
     */
    protected TaskFailedException(long taskIndex, String message, Throwable cause) {
        super(message, cause);
        this.taskIndex = taskIndex;
    }

    /**
     * Returns the position in the input of the item whose task failed, or -1 where it is not known.
     *
     * @return the item's index, or -1
     */
    public long taskIndex() {
        return taskIndex;
    }

    /**
     * Returns a copy of this exception made on the current thread (the caller's), with the same message, task and
     * cause; a subclass that this package does not know is returned as it is.
     */
    TaskFailedException atCaller() {
        return getClass() == TaskFailedException.class ? new TaskFailedException(taskIndex, getMessage(), getCause())
                : this;
    }

    /** Returns {@code task N} or {@code a task} when the index is not known. */
    static String task(long taskIndex) {
        return taskIndex >= 0 ? "task " + taskIndex : "a task";
    }

    private static String message(long taskIndex, Throwable cause) {
        return task(taskIndex) + " failed: " + describe(cause);
    }

    /**
     * Returns {@code e}'s class and message, or its class alone if it has no message (never "null").
     */
    static String describe(Throwable e) {
        if (e == null) {
            return "(no exception was given)";
        }
        String s = e.toString();
        return s == null || s.isBlank() || s.equals("null") ? e.getClass().getName() : s;
    }
}
