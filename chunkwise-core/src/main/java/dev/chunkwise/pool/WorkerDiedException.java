package dev.chunkwise.pool;

/**
 * Thrown when the worker process running a task died (it called {@code System.exit}, ran out of memory, was killed)
 * as many times as the pool's retries allow. The call's other results are kept.
 */
public class WorkerDiedException extends RuntimeException {

    private final int exitCode;

    /**
     * @param taskIndex the position in the input of the task's first item, or -1
     * @param exitCode  the worker's exit code; above 128 it means killed by signal {@code exitCode - 128}
     * @param attempts  how many times the task was tried
     */
    public WorkerDiedException(long taskIndex, int exitCode, int attempts) {
        super((taskIndex >= 0 ? "task " + taskIndex : "a task") + ": its worker process died " + attempts
                + (attempts == 1 ? " time" : " times") + " (" + describe(exitCode) + ")"
                + "; if the function calls System.exit or needs more memory, fix that or raise the workers' -Xmx");
        this.exitCode = exitCode;
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
