package dev.chunkwise.process;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where classes come from, as class path entries that a child JVM can be given: the directories and jars that URL
 * class loaders name, and the code source of a class. Only what can be read this way is found: a class loader that
 * defines classes from memory, or from places it does not say, adds nothing.
 */
final class LoaderPaths {

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private LoaderPaths() {
    }

    /**
     * Returns the entries of the class loaders of {@code classes} (each loader's parents first, as they delegate)
     * and of the classes' own code sources, leaving out the JDK's loaders and the system class loader, whose entries
     * are {@code java.class.path}. Each entry is an existing file or directory, as an absolute path.
     */
    static Set<String> of(Iterable<Class<?>> classes) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            addLoader(c.getClassLoader(), entries);
            addLocation(c, entries);
        }
        return entries;
    }

    /** Adds the entries of {@code loader} and its parents, parents first, up to the system class loader. */
    static void addLoader(ClassLoader loader, Set<String> entries) {
        Deque<ClassLoader> chain = new ArrayDeque<>();
        for (ClassLoader l = loader; l != null && !isJdkOrSystem(l); l = l.getParent()) {
            chain.push(l);
        }
        for (ClassLoader l : chain) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    add(url, entries);
                }
            }
        }
    }

    /** Adds the file or directory that {@code c} was loaded from, if its code source names one. */
    static void addLocation(Class<?> c, Set<String> entries) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            add(source.getLocation(), entries);
        }
    }

    /**
     * Returns the classes on the calling thread's stack whose loader is neither the JDK's, the system class loader,
     * nor chunkwise's own: the code that called the pool from a class loader of its own (a plugin, a web
     * application, {@code mvn exec:java}), whose function may be wrapped in one of chunkwise's.
     */
    static Set<Class<?>> callers() {
        ClassLoader own = LoaderPaths.class.getClassLoader();
        Set<Class<?>> classes = new LinkedHashSet<>();
        STACK.forEach(f -> {
            Class<?> c = f.getDeclaringClass();
            ClassLoader l = c.getClassLoader();
            if (l != null && l != own && !isJdkOrSystem(l)) {
                classes.add(c);
            }
        });
        return classes;
    }

    /** Returns {@code entry} as a normalized absolute path, the form in which entries are compared. */
    static String normalized(String entry) {
        try {
            return Path.of(entry).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            return entry;
        }
    }

    private static boolean isJdkOrSystem(ClassLoader l) {
        return l == ClassLoader.getPlatformClassLoader() || l == ClassLoader.getSystemClassLoader();
    }

    private static void add(URL url, Set<String> entries) {
        if (!"file".equals(url.getProtocol())) {
            return;
        }
        try {
            Path p = Path.of(url.toURI()).toAbsolutePath().normalize();
            if (Files.exists(p)) {
                entries.add(p.toString());
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a path a child JVM could be given.
        }
    }
}
