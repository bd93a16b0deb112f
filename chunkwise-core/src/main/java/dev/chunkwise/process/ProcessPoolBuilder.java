package dev.chunkwise.process;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskTimeoutException;
import dev.chunkwise.pool.WorkerDiedException;
import dev.chunkwise.util.Checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configures a {@link ProcessPool}. Each setting may be given once.
 *
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.builder().workers(4).jvmOptions("-Xmx256m").taskTimeout(Duration.ofMinutes(1)).build()) {
 *     List<Long> pids = pool.pids();
 *     ...
 * }
 * }</pre>
 */
public final class ProcessPoolBuilder {

    private int workers;
    private List<String> jvmOptions;
    private Map<String, String> environment;
    private WorkerInitializer initializer;
    private Integer retries;
    private Duration taskTimeout;
    private Integer maxTasksPerWorker;
    private Duration startTimeout;

    ProcessPoolBuilder() {
    }

    /**
     * How many worker processes; default the available processors.
     *
     * @param workers how many, at least one
     * @return this builder
     */
    public ProcessPoolBuilder workers(int workers) {
        once(this.workers == 0 ? null : this.workers, "workers");
        this.workers = Checks.positive(workers, "workers");
        return this;
    }

    /**
     * Extra options for each worker JVM, e.g. {@code -Xmx256m}; default none. A worker that runs out of heap ends
     * with exit code 3 ({@code -XX:+ExitOnOutOfMemoryError}), and its task fails with {@link WorkerDiedException} saying so.
     *
     * @param options the options, one an argument
     * @return this builder
     */
    public ProcessPoolBuilder jvmOptions(String... options) {
        once(jvmOptions, "jvmOptions");
        this.jvmOptions = List.of(options);
        return this;
    }

    /**
     * Extra environment variables for each worker; default none.
     *
     * @param environment the variables, by name
     * @return this builder
     */
    public ProcessPoolBuilder environment(Map<String, String> environment) {
        once(this.environment, "environment");
        this.environment = Map.copyOf(environment);
        return this;
    }

    /**
     * Code run once in each worker when it starts (and in each replacement); default none.
     *
     * @param initializer the code, serialized once and sent to each worker
     * @return this builder
     */
    public ProcessPoolBuilder initializer(WorkerInitializer initializer) {
        once(this.initializer, "initializer");
        this.initializer = Checks.notNull(initializer, "initializer");
        return this;
    }

    /**
     * How many times a task whose worker died is run again on a fresh worker; default 2.
     *
     * @param retries how many times, zero or more
     * @return this builder
     */
    public ProcessPoolBuilder retries(int retries) {
        once(this.retries, "retries");
        this.retries = Checks.notNegative(retries, "retries");
        return this;
    }

    /**
     * How long the function may run on one item before its worker is killed and replaced and the item's task fails
     * with {@link TaskTimeoutException}; default no limit. The timeout is per item, whatever the chunk size
     * {@code map} chooses or is given: while it is set, a worker tells the pool as each item starts (a small message
     * a item, which only calls of many cheap items notice).
     *
     * @param timeout how long, more than zero
     * @return this builder
     */
    public ProcessPoolBuilder taskTimeout(Duration timeout) {
        once(this.taskTimeout, "taskTimeout");
        this.taskTimeout = positive(timeout, "taskTimeout");
        return this;
    }

    /**
     * How many tasks a worker runs before it is replaced by a fresh one (against leaks); default no limit.
     *
     * @param tasks how many, at least one
     * @return this builder
     */
    public ProcessPoolBuilder maxTasksPerWorker(int tasks) {
        once(this.maxTasksPerWorker, "maxTasksPerWorker");
        this.maxTasksPerWorker = Checks.positive(tasks, "maxTasksPerWorker");
        return this;
    }

    /**
     * How long a worker may take to start and connect; default 30 s.
     *
     * @param timeout how long, more than zero
     * @return this builder
     */
    public ProcessPoolBuilder startTimeout(Duration timeout) {
        once(this.startTimeout, "startTimeout");
        this.startTimeout = positive(timeout, "startTimeout");
        return this;
    }

    /**
     * Starts the workers in parallel and returns the pool once every one is ready.
     *
     * @return the pool, every worker ready; close it when done
     * @throws WorkerStartException if a worker cannot start (the message says why, e.g. a bad JVM option)
     */
    public ProcessPool build() {
        WorkerOptions defaults = WorkerOptions.defaults();
        WorkerOptions options = new WorkerOptions(
                jvmOptions == null ? defaults.jvmOptions() : new ArrayList<>(jvmOptions),
                environment == null ? defaults.environment() : new HashMap<>(environment),
                initializer,
                startTimeout == null ? defaults.startTimeout() : startTimeout);
        return new ProcessPool(workers == 0 ? Runtime.getRuntime().availableProcessors() : workers, options,
                retries == null ? 2 : retries, taskTimeout, maxTasksPerWorker == null ? 0 : maxTasksPerWorker);
    }

    /** Throws if a setting is given a second time, naming it and its first value. */
    static void once(Object current, String name) {
        if (current != null) {
            throw new IllegalStateException(name + " was already set to " + current);
        }
    }

    /** Returns {@code timeout} if it is positive; names the setting otherwise. */
    static Duration positive(Duration timeout, String name) {
        Checks.notNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + ": " + timeout + " (expected: > 0)");
        }
        return timeout;
    }
}
