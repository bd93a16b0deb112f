package dev.chunkwise.pool;

/**
 * Thrown when the user's function threw while a pool ran it. The original exception is the {@link #getCause() cause};
 * for tasks that ran in another process it is the deserialized original, with its class, message and stack trace.
 */
public class TaskFailedException extends RuntimeException {

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
     * @param cause     the exception thrown by the user's function
     */
    protected TaskFailedException(long taskIndex, String message, Throwable cause) {
        super(message, cause);
        this.taskIndex = taskIndex;
    }

    /**
     * Returns the position in the input of the item whose task failed, or -1 where it is not known.
     */
    public long taskIndex() {
        return taskIndex;
    }

    private static String message(long taskIndex, Throwable cause) {
        String where = taskIndex >= 0 ? "task " + taskIndex : "a task";
        return where + " failed: " + describe(cause);
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
