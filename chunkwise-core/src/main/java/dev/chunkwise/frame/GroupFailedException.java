package dev.chunkwise.frame;

import dev.chunkwise.pool.TaskFailedException;

/**
 * Thrown by {@link ParallelGroupBy} when the function threw for a group, on any backend: names the group by its
 * place in the output and its key, and its rows, such as {@code group 3 (K=17, 1,234 rows) failed: ...}. The
 * function's exception is the {@link #getCause() cause}.
 */
public class GroupFailedException extends TaskFailedException {

    private static final long serialVersionUID = 1L;

    private final String group;

    GroupFailedException(int position, String group, int rows, Throwable cause) {
        super(position, "group " + position + " (" + group + ", " + Grouping.count(rows)
                + (rows == 1 ? " row" : " rows") + ") failed: " + describe(cause), cause);
        this.group = group;
    }

    /** Returns the failed group's key as the message gives it, such as {@code K=17} or {@code K1=a, K2=null}. */
    public String group() {
        return group;
    }

    private static String describe(Throwable e) {
        String s = e == null ? null : e.toString();
        return e == null ? "(no exception was given)" : s == null || s.isBlank() || s.equals("null")
                ? e.getClass().getName() : s;
    }
}
