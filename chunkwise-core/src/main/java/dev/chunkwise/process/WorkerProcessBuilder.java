package dev.chunkwise.process;

import dev.chunkwise.util.Checks;
import dev.chunkwise.pool.Task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configures the child JVM of a {@link WorkerProcess}: each setting may be given once.
 *
 * <pre>{@code
 * WorkerProcess<Integer> p = WorkerProcess.builder().jvmOptions("-Xmx64m").start(x -> x * 2, 21);
 * }</pre>
 */
public final class WorkerProcessBuilder {

    private List<String> jvmOptions;
    private Map<String, String> environment;
    private Duration startTimeout;
    private List<Path> classPath;

    WorkerProcessBuilder() {
    }

    /**
     * Extra options for the child JVM, e.g. {@code -Xmx64m}; default none.
     *
     * @param options the options, one an argument
     * @return this builder
     * @throws IllegalArgumentException if one is null or sets the class path ({@code -cp}, {@code -classpath},
     *                                  {@code --class-path}, {@code -Djava.class.path}): use {@link #classPath(Path...)}
     */
    public WorkerProcessBuilder jvmOptions(String... options) {
        ProcessPoolBuilder.once(jvmOptions, "jvmOptions");
        this.jvmOptions = ProcessPoolBuilder.checkedJvmOptions(options);
        return this;
    }

    /**
     * The child's whole class path, in place of the one chunkwise gathers as for a pool (see
     * {@link ProcessPoolBuilder}); default gathered. It must hold chunkwise-core and DFLib as well as the classes of
     * the function, its argument and its result. It wins over the system property {@code chunkwise.workerClassPath}.
     *
     * @param entries the directories and jars, in order, at least one
     * @return this builder
     * @throws IllegalArgumentException if none is given or one is null
     */
    public WorkerProcessBuilder classPath(Path... entries) {
        ProcessPoolBuilder.once(classPath, "classPath");
        this.classPath = ProcessPoolBuilder.checkedClassPath(entries);
        return this;
    }

    /**
     * Extra environment variables for the child; default none.
     *
     * @param environment the variables, by name
     * @return this builder
     */
    public WorkerProcessBuilder environment(Map<String, String> environment) {
        ProcessPoolBuilder.once(this.environment, "environment");
        this.environment = Map.copyOf(Checks.notNull(environment, "environment"));
        return this;
    }

    /**
     * How long the child may take to start and connect; default 30 s.
     *
     * @param timeout how long, more than zero
     * @return this builder
     */
    public WorkerProcessBuilder startTimeout(Duration timeout) {
        ProcessPoolBuilder.once(this.startTimeout, "startTimeout");
        this.startTimeout = ProcessPoolBuilder.positive(timeout, "startTimeout");
        return this;
    }

    /**
     * Starts a child JVM that runs {@code fn(arg)}, as {@link WorkerProcess#start(Task, Object)} does.
     *
     * @param <T> the type of the argument
     * @param <R> the type of the result
     * @param fn  the function
     * @param arg its argument, which may be null
     * @return the running child
     * @throws IllegalArgumentException naming the class if {@code fn} or {@code arg} cannot be serialized
     * @throws WorkerStartException     if the child JVM cannot start (the message says why, e.g. a bad option)
     */
    public <T, R> WorkerProcess<R> start(Task<? super T, ? extends R> fn, T arg) {
        return WorkerProcess.start(options(), fn, arg);
    }

    /**
     * Starts a child JVM that runs {@code task}, as {@link WorkerProcess#run(WorkerTask)} does.
     *
     * @param task the work
     * @return the running child
     * @throws IllegalArgumentException naming the class if {@code task} cannot be serialized
     * @throws WorkerStartException     if the child JVM cannot start (the message says why, e.g. a bad option)
     */
    public WorkerProcess<Void> run(WorkerTask task) {
        return WorkerProcess.start(options(), new WorkerProcess.RunTask(Checks.notNull(task, "task")), null);
    }

    private WorkerOptions options() {
        WorkerOptions defaults = WorkerOptions.defaults();
        return new WorkerOptions(jvmOptions == null ? defaults.jvmOptions() : jvmOptions,
                environment == null ? defaults.environment() : environment, null,
                startTimeout == null ? defaults.startTimeout() : startTimeout, WorkerClassPath.of(classPath));
    }
}
