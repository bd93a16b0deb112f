package dev.chunkwise.process;

import dev.chunkwise.pool.WorkerDiedException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Starts a pool's worker, starting it again when something outside the pool kills it before it connects. */
final class WorkerStarts {

    private WorkerStarts() {
    }

    /**
     * Starts a worker; one killed by a signal before it connected is started again, up to {@code retries} times,
     * unless {@code stopping} says the pool is being stopped.
     *
     * @throws WorkerStartException if it cannot start, naming each pid and how it ended
     */
    static WorkerHandle start(WorkerOptions options, Path dir, int retries, BooleanSupplier stopping) {
        List<WorkerStartException> killed = new ArrayList<>();
        while (true) {
            WorkerStartException e;
            try {
                return WorkerHandle.start(options, dir);
            } catch (WorkerStartException failure) {
                e = failure;
            }
            if (!e.killedBySignal() || stopping.getAsBoolean()) {
                throw e;
            }
            killed.add(e);
            if (killed.size() > retries) {
                StringBuilder pids = new StringBuilder();
                for (WorkerStartException k : killed) {
                    pids.append(pids.length() == 0 ? "" : "; ").append("pid ").append(k.pid()).append(": ")
                            .append(WorkerDiedException.describe(k.exitCode()));
                }
                throw new WorkerStartException("a worker process could not start: it was killed before it connected "
                        + killed.size() + " times (" + pids + "), more than the pool's " + retries + " retries;"
                        + " something outside the pool kills the workers (kill, or the kernel's out-of-memory killer)",
                        e, e.pid(), e.exitCode(), true);
            }
        }
    }
}
