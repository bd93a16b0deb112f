package dev.chunkwise.pool;

import java.util.List;

/**
 * Thrown when the worker process running a task died (it called {@code System.exit}, ran out of memory, was killed)
 * as many times as the pool's retries allow. The call's other results are kept.
 */
public class WorkerDiedException extends RuntimeException {

    private final int exitCode;

    /**
     * @param taskIndex the position in the input of the task's first item, or -1
     * @param pids      the worker processes that died running it, in order (one per attempt)
     * @param exitCodes their exit codes, in the same order; above 128 means killed by signal {@code exitCode - 128}
     * @throws IllegalArgumentException if the lists are empty or differ in size
     */
    public WorkerDiedException(long taskIndex, List<Long> pids, List<Integer> exitCodes) {
        super(message(taskIndex, pids, exitCodes));
        this.exitCode = exitCodes.get(exitCodes.size() - 1);
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
        int last = exitCodes.get(attempts - 1);
        String hint = last == 128 + 9
                ? "something outside the pool killed the workers (kill, or the kernel's out-of-memory killer: see"
                + " dmesg); if it was the out-of-memory killer, give the workers less -Xmx or fewer workers"
                : "if the function calls System.exit, fix that; a worker that runs out of heap ends with exit code 3:"
                + " then raise the workers' -Xmx";
        return (taskIndex >= 0 ? "task " + taskIndex : "a task") + ": its worker process died " + attempts
                + (attempts == 1 ? " time" : " times") + " (" + deaths + "); " + hint;
    }

    /** Returns the worker's last exit code; above 128 it was killed by signal {@code exitCode - 128}. */
    public int exitCode() {
        return exitCode;
    }

    /** Returns e.g. {@code exit code 3} or {@code killed by signal 9 (SIGKILL)}. */
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
