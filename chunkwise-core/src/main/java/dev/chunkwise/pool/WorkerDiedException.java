package dev.chunkwise.pool;

import java.util.List;

/**
 * Thrown when the worker process running a task died (it called {@code System.exit}, ran out of memory, was killed)
 * as many times as the pool's retries allow. The call's other results are kept.
 */
public class WorkerDiedException extends TaskFailedException {

    /** The exit code of a worker that ran out of heap: workers run with {@code -XX:+ExitOnOutOfMemoryError}. */
    private static final int OUT_OF_MEMORY_EXIT = 3;

    /** The workers that died running the task, one an attempt. */
    private final List<Long> pids;
    /** Their exit codes, in the same order. */
    private final List<Integer> exitCodes;

    /**
     * @param taskIndex the position in the input of the item whose task was running (a process pool knows the item
     *                  while a task timeout is set; otherwise it gives the first item of the chunk), or -1
     * @param pids      the worker processes that died running it, in order (one per attempt)
     * @param exitCodes their exit codes, in the same order; above 128 means killed by signal {@code exitCode - 128}
     * @throws IllegalArgumentException if the lists are empty or differ in size
     */
    public WorkerDiedException(long taskIndex, List<Long> pids, List<Integer> exitCodes) {
        super(taskIndex, message(taskIndex, pids, exitCodes), null);
        this.pids = List.copyOf(pids);
        this.exitCodes = List.copyOf(exitCodes);
    }

    private static String message(long taskIndex, List<Long> pids, List<Integer> exitCodes) {
        if (pids.isEmpty() || pids.size() != exitCodes.size()) {
            throw new IllegalArgumentException("pids: " + pids + ", exitCodes: " + exitCodes
                    + " (expected: one exit code per pid, at least one)");
        }
        StringBuilder deaths = new StringBuilder();
        for (int i = 0; i < pids.size(); i++) {
            deaths.append(i == 0 ? "" : "; ").append("pid ").append(pids.get(i)).append(": ")
                    .append(describe(exitCodes.get(i)));
        }
        int attempts = pids.size();
        return task(taskIndex) + ": its worker process died " + attempts + (attempts == 1 ? " time" : " times")
                + " (" + deaths + "); " + hint(exitCodes.get(attempts - 1));
    }

    /** Says what an exit code suggests, and what to do; only a worker that ran out of heap is told about -Xmx. */
    private static String hint(int exitCode) {
        if (exitCode == 128 + 9) {
            return "something outside the pool killed the workers (kill, or the kernel's out-of-memory killer: see"
                    + " dmesg); if it was the out-of-memory killer, give the workers less -Xmx or fewer workers";
        } else if (exitCode == OUT_OF_MEMORY_EXIT) {
            return "exit code 3 is how a worker ends when it runs out of heap (the workers run with"
                    + " -XX:+ExitOnOutOfMemoryError): raise the workers' -Xmx in their JVM options, or give each task"
                    + " less to hold";
        } else if (exitCode > 128) {
            return "a signal ended the worker: a crash in native code (see the hs_err_pid file in its working"
                    + " directory) or something outside the pool";
        }
        return "the function, or code it called, ended the worker's JVM (System.exit, Runtime.halt): fix that, or"
                + " run that code outside the pool";
    }

    /**
     * Returns the worker's last exit code; above 128 it was killed by signal {@code exitCode - 128}.
     *
     * @return the exit code of the last worker that died running the task
     */
    public int exitCode() {
        return exitCodes.get(exitCodes.size() - 1);
    }

    @Override
    TaskFailedException atCaller() {
        return new WorkerDiedException(taskIndex(), pids, exitCodes);
    }

    /**
     * Returns e.g. {@code exit code 3} or {@code killed by signal 9 (SIGKILL)}.
     *
     * @param exitCode a process's exit code
     * @return what it says of how the process ended
     */
    public static String describe(int exitCode) {
        if (exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            String name = switch (signal) {
                case 6 -> " (SIGABRT)";
                case 9 -> " (SIGKILL)";
                case 11 -> " (SIGSEGV)";
                case 15 -> " (SIGTERM)";
                default -> "";
            };
            return "killed by signal " + signal + name;
        }
        return "exit code " + exitCode;
    }
}
