package dev.chunkwise.process;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskTimeoutException;
import dev.chunkwise.pool.WorkerDiedException;
import dev.chunkwise.util.Checks;

import java.nio.file.Path;
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
 *
 * <h2>The workers' class path</h2>
 * Unless {@link #classPath(Path...)} or the system property {@code chunkwise.workerClassPath} sets it whole, the
 * workers get the caller's {@code java.class.path}, then what chunkwise can read of the class loaders that the caller's
 * classes come from: the directories and jars of {@code URLClassLoader}s (the thread's context class loader,
 * chunkwise's own, those of the code that builds the pool and calls it, and those of each function), and the code
 * source of those classes. So a program run by {@code mvn exec:java}, an application server or a plugin host finds
 * its classes in the workers too. A function whose classes come from a place the workers lack restarts them, once, with
 * that place added. A class loader that defines classes from memory cannot be read this way: give the class path.
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
    private List<Path> classPath;

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
     * @throws IllegalArgumentException if one is null or sets the class path ({@code -cp}, {@code -classpath},
     *                                  {@code --class-path}, {@code -Djava.class.path}): use {@link #classPath(Path...)}
     */
    public ProcessPoolBuilder jvmOptions(String... options) {
        once(jvmOptions, "jvmOptions");
        this.jvmOptions = checkedJvmOptions(options);
        return this;
    }

    /**
     * The workers' whole class path, in place of the one chunkwise gathers (see above); default gathered. It must hold
     * chunkwise-core and DFLib as well as the classes of the functions, their arguments and results. It wins over
     * the system property {@code chunkwise.workerClassPath}.
     *
     * @param entries the directories and jars, in order, at least one
     * @return this builder
     * @throws IllegalArgumentException if none is given or one is null
     */
    public ProcessPoolBuilder classPath(Path... entries) {
        once(classPath, "classPath");
        this.classPath = checkedClassPath(entries);
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
                startTimeout == null ? defaults.startTimeout() : startTimeout,
                WorkerClassPath.of(classPath));
        return new ProcessPool(workers == 0 ? Runtime.getRuntime().availableProcessors() : workers, options,
                retries == null ? 2 : retries, taskTimeout, maxTasksPerWorker == null ? 0 : maxTasksPerWorker);
    }

    /** Throws if a setting is given a second time, naming it and its first value. */
    static void once(Object current, String name) {
        if (current != null) {
            throw new IllegalStateException(name + " was already set to " + current);
        }
    }

    /**
     * Returns {@code options} as a list, refusing a null one and one that sets the class path, which the workers'
     * command gives after the JVM options (so it would be overridden): {@code classPath(...)} sets it.
     */
    static List<String> checkedJvmOptions(String... options) {
        Checks.notNull(options, "jvmOptions");
        for (int i = 0; i < options.length; i++) {
            String o = options[i];
            if (o == null) {
                throw new IllegalArgumentException("jvmOptions: option " + i + " is null (expected: a JVM option such as -Xmx256m)");
            }
            if (o.equals("-cp") || o.equals("-classpath") || o.equals("--class-path") || o.startsWith("--class-path=")
                    || o.startsWith("-Djava.class.path=")) {
                throw new IllegalArgumentException("jvmOptions: " + o + " sets the workers' class path, which a JVM option"
                        + " cannot (chunkwise gives the workers' -cp after their JVM options): give it with classPath(...)"
                        + " on the builder instead, or the system property " + WorkerClassPath.PROPERTY);
            }
        }
        return List.of(options);
    }

    /** Returns {@code entries} as a list, refusing none and a null one. */
    static List<Path> checkedClassPath(Path... entries) {
        Checks.notNull(entries, "classPath");
        if (entries.length == 0) {
            throw new IllegalArgumentException("classPath: no entry (expected: the directories and jars of the workers'"
                    + " whole class path, chunkwise-core's and DFLib's among them)");
        }
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == null) {
                throw new IllegalArgumentException("classPath: entry " + i + " is null (expected: a directory or a jar)");
            }
        }
        return List.of(entries);
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
