package dev.chunkwise.frame;

import dev.chunkwise.pool.Checks;
import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;

import java.util.List;

/**
 * One parallel apply of a {@link PartitionFunction} to a {@link DataFrame}, with its settings; made by
 * {@link Parallel#apply(DataFrame, PartitionFunction)}.
 *
 * <h2>Settings</h2>
 * Each may be given once.
 * <ul>
 *   <li>{@link #on(Pool)}: the pool to run on; the caller keeps it open and closes it. Without it, a thread pool of
 *       {@link #workers(int)} threads is made for this call and closed after it.</li>
 *   <li>{@link #workers(int)}: how many workers; default the pool's count, or the available processors.</li>
 *   <li>{@link #partitions(int)}: how many row partitions; default two per worker (so that an uneven partition does
 *       not leave a worker idle), at most one per row.</li>
 * </ul>
 */
public final class ParallelApply {

    private final DataFrame df;
    private final PartitionFunction fn;
    private Pool pool;
    private int workers;
    private int partitions;

    ParallelApply(DataFrame df, PartitionFunction fn) {
        this.df = df;
        this.fn = fn;
    }

    /**
     * Runs on {@code pool}, which the caller keeps open and closes.
     *
     * @throws IllegalStateException    if a pool was already given
     * @throws IllegalArgumentException if {@link #workers(int)} was given and differs from the pool's
     */
    public ParallelApply on(Pool pool) {
        Checks.notNull(pool, "pool");
        if (this.pool != null) {
            throw new IllegalStateException("pool was already set to " + this.pool);
        }
        checkWorkersMatch(pool, workers);
        this.pool = pool;
        return this;
    }

    /**
     * Uses {@code workers} workers.
     *
     * @throws IllegalArgumentException if {@code workers} is not positive, or differs from the given pool's
     * @throws IllegalStateException    if workers were already set
     */
    public ParallelApply workers(int workers) {
        Checks.positive(workers, "workers");
        if (this.workers != 0) {
            throw new IllegalStateException("workers was already set to " + this.workers);
        }
        checkWorkersMatch(pool, workers);
        this.workers = workers;
        return this;
    }

    /**
     * Splits the frame into {@code partitions} row ranges ({@code numpy.array_split} sizes).
     *
     * @throws IllegalArgumentException if {@code partitions} is not positive
     * @throws IllegalStateException    if partitions were already set
     */
    public ParallelApply partitions(int partitions) {
        Checks.positive(partitions, "partitions");
        if (this.partitions != 0) {
            throw new IllegalStateException("partitions was already set to " + this.partitions);
        }
        this.partitions = partitions;
        return this;
    }

    /**
     * Runs the apply and returns the partitions' results concatenated in order.
     *
     * @throws dev.chunkwise.pool.TaskFailedException if the function threw for a partition
     */
    public DataFrame run() {
        if (pool != null) {
            return runOn(pool);
        }
        try (Pool own = Pool.threads(effectiveWorkers())) {
            return runOn(own);
        }
    }

    private DataFrame runOn(Pool p) {
        List<DataFrame> parts = Partitions.split(df, effectivePartitions(p.workers()));
        List<DataFrame> results = p.map(fn, parts, 1);
        return Partitions.combine(df, parts, results);
    }

    private int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    private int effectivePartitions(int poolWorkers) {
        if (partitions > 0) {
            return partitions;
        }
        return Math.max(1, Math.min(2 * poolWorkers, df.height()));
    }

    private static void checkWorkersMatch(Pool pool, int workers) {
        if (pool != null && workers != 0 && pool.workers() != workers) {
            throw new IllegalArgumentException(
                    "workers: " + workers + " (expected: " + pool.workers() + ", the workers of " + pool + ")");
        }
    }
}
