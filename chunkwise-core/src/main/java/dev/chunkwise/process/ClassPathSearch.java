package dev.chunkwise.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Finds a class file in class path entries as {@code java -cp} reads them: directories, jars (with the jars their
 * manifest's {@code Class-Path} names) and {@code dir/*} wildcards. Used to say why a worker could not start.
 */
final class ClassPathSearch {

    private ClassPathSearch() {
    }

    /**
     * Returns whether {@code entries} hold the class file {@code resource}, e.g.
     * {@code dev/chunkwise/process/WorkerMain.class}; an entry that cannot be read holds nothing.
     */
    static boolean holds(List<String> entries, String resource) {
        Set<Path> seen = new HashSet<>();
        for (String e : entries) {
            try {
                if (holds(Path.of(e.endsWith("*") ? e.substring(0, e.length() - 1) : e), e.endsWith("*"), resource, seen)) {
                    return true;
                }
            } catch (InvalidPathException ignored) {
                // Not a path: it holds nothing.
            }
        }
        return false;
    }

    private static boolean holds(Path entry, boolean wildcard, String resource, Set<Path> seen) {
        Path p = entry.toAbsolutePath().normalize();
        if (!seen.add(p)) {
            return false;
        }
        if (wildcard) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(p, "*.{jar,JAR}")) {
                for (Path jar : jars) {
                    if (holds(jar, false, resource, seen)) {
                        return true;
                    }
                }
            } catch (IOException ignored) {
                // An unreadable directory holds nothing.
            }
            return false;
        }
        if (Files.isDirectory(p)) {
            return Files.isRegularFile(p.resolve(resource));
        }
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            if (jar.getEntry(resource) != null) {
                return true;
            }
            Manifest m = jar.getManifest();
            String classPath = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath != null) {
                for (String relative : classPath.trim().split("\\s+")) {
                    if (!relative.isEmpty() && holds(manifestEntry(p, relative), false, resource, seen)) {
                        return true;
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Not a jar that can be read: it holds nothing.
        }
        return false;
    }

    /** Resolves a manifest's {@code Class-Path} entry, a URL relative to the jar's directory, or absolute. */
    private static Path manifestEntry(Path jar, String relative) {
        return Path.of(jar.getParent().toUri().resolve(relative));
    }
}
