package dev.chunkwise.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How worker processes are started: made by {@link ProcessPoolBuilder}.
 *
 * @param jvmOptions   extra options for each worker JVM, e.g. {@code -Xmx256m}
 * @param environment  extra environment variables for each worker
 * @param initializer  run once in each worker when it starts, or null
 * @param startTimeout how long a worker may take to start and connect
 * @param classPath    the workers' class path
 */
record WorkerOptions(List<String> jvmOptions, Map<String, String> environment, WorkerInitializer initializer,
                     Duration startTimeout, WorkerClassPath classPath) {

    /** Returns every setting's default but the class path's (null), which {@link WorkerClassPath#of} resolves. */
    static WorkerOptions defaults() {
        return new WorkerOptions(List.of(), Map.of(), null, Duration.ofSeconds(30), null);
    }

    /** Returns these options with {@code classPath}, or these if it is theirs already. */
    WorkerOptions withClassPath(WorkerClassPath classPath) {
        return classPath == this.classPath ? this
                : new WorkerOptions(jvmOptions, environment, initializer, startTimeout, classPath);
    }
}
