package dev.chunkwise.process;

import org.dflib.DataFrame;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The class path of worker JVMs, and where it came from: set whole (by a builder's {@code classPath}, else by the
 * system property {@value #PROPERTY}), or gathered from where the caller's classes come from and widened by each
 * function whose classes come from elsewhere. Immutable.
 */
final class WorkerClassPath {

    /** The system property that sets the workers' whole class path (bin/chunkwise passes its core jars). */
    static final String PROPERTY = "chunkwise.workerClassPath";

    /** What the settings say, for messages: how the workers' class path is set. */
    static final String SETTINGS = "classPath(...) on ProcessPool.builder() or WorkerProcess.builder(), or the system"
            + " property " + PROPERTY;

    private static final String WORKER_MAIN = WorkerMain.class.getName().replace('.', '/') + ".class";

    /** How a class path was made. */
    enum Source {
        BUILDER("set by the builder's classPath(...)"),
        PROPERTY("set by the system property " + WorkerClassPath.PROPERTY),
        GATHERED("gathered from the caller's java.class.path and class loaders");

        private final String description;

        Source(String description) {
            this.description = description;
        }
    }

    private final List<String> entries;
    /** The entries as normalized absolute paths, to compare. */
    private final Set<String> normalized;
    private final Source source;

    private WorkerClassPath(List<String> entries, Source source) {
        this.entries = List.copyOf(entries);
        this.source = source;
        this.normalized = new HashSet<>();
        for (String e : entries) {
            normalized.add(LoaderPaths.normalized(e));
        }
    }

    /**
     * Returns the workers' class path: {@code given} if not null (a builder's setting), else the system property
     * {@value #PROPERTY} if set and not blank, else the one {@linkplain #gathered() gathered}.
     */
    static WorkerClassPath of(List<Path> given) {
        if (given != null) {
            return new WorkerClassPath(given.stream().map(Path::toString).toList(), Source.BUILDER);
        }
        String property = System.getProperty(PROPERTY, "");
        if (!property.isBlank()) {
            return new WorkerClassPath(List.of(property.split(File.pathSeparator)), Source.PROPERTY);
        }
        return gathered();
    }

    /**
     * Returns the class path gathered from where the caller's classes come from: its {@code java.class.path}; the
     * entries of the thread's context class loader, of chunkwise's own class loader and of the class loaders of the
     * code on the calling stack (those of them that are URL class loaders); and the code sources of chunkwise's and
     * DFLib's classes and of that code.
     */
    static WorkerClassPath gathered() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator, -1)) {
            // An empty entry is the working directory, as the JVM reads it (a class path "a.jar:" holds it).
            entries.add(e.isEmpty() ? Path.of("").toAbsolutePath().toString() : e);
        }
        Set<String> more = new LinkedHashSet<>();
        LoaderPaths.addLoader(Thread.currentThread().getContextClassLoader(), more);
        LoaderPaths.addLoader(WorkerClassPath.class.getClassLoader(), more);
        LoaderPaths.addLocation(WorkerMain.class, more);
        LoaderPaths.addLocation(DataFrame.class, more);
        more.addAll(LoaderPaths.of(LoaderPaths.callers()));
        return new WorkerClassPath(entries, Source.GATHERED).with(more);
    }

    /**
     * Returns this class path with what the classes of {@code function} and of the code calling now need (their class
     * loaders' entries and code sources) added at its end; this one if it holds them already, or if it was set whole.
     */
    WorkerClassPath widenedFor(Class<?> function) {
        if (source != Source.GATHERED) {
            return this;
        }
        Set<Class<?>> classes = new LinkedHashSet<>();
        classes.add(function);
        classes.addAll(LoaderPaths.callers());
        return with(LoaderPaths.of(classes));
    }

    private WorkerClassPath with(Collection<String> more) {
        List<String> added = new ArrayList<>(entries);
        for (String e : more) {
            if (!normalized.contains(LoaderPaths.normalized(e))) {
                added.add(e);
            }
        }
        return added.size() == entries.size() ? this : new WorkerClassPath(added, source);
    }

    /** Returns whether every entry of {@code other} is one of this class path's. */
    boolean holds(WorkerClassPath other) {
        return normalized.containsAll(other.normalized);
    }

    /** Returns the entries in order. */
    List<String> entries() {
        return entries;
    }

    /** Returns the class path as {@code java -cp} takes it. */
    String argument() {
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Says that this class path lacks chunkwise's worker, naming where the caller has chunkwise-core and DFLib and
     * the settings to use; empty if it holds the worker (or as much cannot be read).
     */
    Optional<String> lackingTheWorker() {
        if (ClassPathSearch.holds(entries, WORKER_MAIN)) {
            return Optional.empty();
        }
        Set<String> core = new LinkedHashSet<>();
        LoaderPaths.addLocation(WorkerMain.class, core);
        LoaderPaths.addLocation(DataFrame.class, core);
        return Optional.of("the workers' class path (" + source.description + ") does not hold "
                + WorkerMain.class.getName() + ": it needs chunkwise-core and DFLib (" + (core.isEmpty() ? "not found"
                : String.join(", ", core)) + " here) beside the function's classes; set it with " + SETTINGS);
    }

    /** Names where this class path came from, e.g. {@code class path (set by the system property ...)}. */
    String describe() {
        return "class path (" + source.description + ")";
    }

    @Override
    public String toString() {
        return argument() + " (" + source.description + ")";
    }
}
