package dev.chunkwise.cli;

import dev.chunkwise.pool.TaskFailedException;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * One run of {@code chunkwise apply}, from settings already checked: the input read whole ({@link ApplyJob}) or as a
 * stream of blocks ({@link StreamedApply}).
 */
interface ApplyRun {

    /**
     * Runs the job, printing notes and, with {@code --explain}, the plan and the time of each step to {@code err}.
     *
     * @throws IOException if a file cannot be read or written
     */
    void run(PrintWriter err) throws IOException;

    /** Says where the function failed: which expression, on which line and data row, with the values it read. */
    String describe(TaskFailedException e);
}
