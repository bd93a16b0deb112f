package dev.chunkwise.cli.csv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An output file that appears only whole: the bytes go to a temporary file beside it, moved into place by
 * {@link #commit()}; closing without a commit deletes the temporary file, so a failed run leaves nothing behind.
 *
 * <p>Nor does a run that ends abnormally: while an output is open, a shutdown hook removes its temporary files if the
 * JVM ends (SIGINT, SIGTERM, {@code System.exit} in user code) and says on standard error what ended it; and the files
 * of a run the JVM could not see end ({@code kill -9}, a crash) are removed by the next output opened in the same
 * directory, once the {@link OwnerLock} beside them shows that their owner has ended. The temporary files are named
 * {@code .out.csv.chunkwise-<pid>-<random>.partial} (and {@code .lock}, and the writers' {@link #scratchFile}s).
 */
public final class SafeOutput implements AutoCloseable {

    /** How many names are tried before giving up (a collision, or a lock taken by a run cleaning leftovers). */
    private static final int ATTEMPTS = 5;

    private final Path target;
    private final Path dir;
    private final String prefix;
    private final Path temp;
    private final List<Path> scratch = new CopyOnWriteArrayList<>();
    private volatile OwnerLock lock;
    /** Whether this output created {@link #temp} (and so may delete it). */
    private volatile boolean tempCreated;
    private OutputStream out;
    private volatile boolean committed;
    private boolean closed;

    private SafeOutput(Path target, String prefix) {
        this.target = target;
        this.dir = target.getParent();
        this.prefix = prefix;
        this.temp = dir.resolve(prefix + TempNames.PARTIAL);
    }

    /**
     * Checks that {@code target} can be written, removes the leftovers of ended runs beside it, and opens its
     * temporary file.
     *
     * @throws IllegalArgumentException naming the path if it is a directory, its directory is missing, or it cannot be
     *                                  written
     */
    public static SafeOutput open(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(target + ": is a directory; give a file name such as " + target.resolve("out.csv"));
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new IllegalArgumentException(target + ": exists and is not a regular file");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(target + ": the directory " + dir + " does not exist");
        }
        Leftovers.remove(dir, OpenOutputs::owns);
        try {
            for (int attempt = 1; ; attempt++) {
                SafeOutput o = new SafeOutput(absolute, TempNames.newPrefix(absolute.getFileName().toString()));
                OpenOutputs.add(o); // before its first file, so that no run in this JVM probes its lock
                try {
                    if (o.create()) {
                        return o;
                    }
                } catch (FileAlreadyExistsException e) {
                    // The same random name: try another.
                } catch (IOException | RuntimeException e) {
                    o.close();
                    throw e;
                }
                o.close();
                if (attempt == ATTEMPTS) {
                    throw new IOException("no temporary file could be made and locked in " + ATTEMPTS + " attempts");
                }
            }
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(target + ": cannot write in the directory " + dir + " (permission denied)");
        } catch (IOException e) {
            throw new IllegalArgumentException(target + ": cannot be written: " + e.getMessage());
        }
    }

    /** Creates the lock, then the temporary file; false if the lock was taken first by a run cleaning leftovers. */
    private boolean create() throws IOException {
        Optional<OwnerLock> l = OwnerLock.create(dir.resolve(prefix + TempNames.LOCK));
        if (l.isEmpty()) {
            return false;
        }
        lock = l.get();
        createOwnerOnly(temp);
        tempCreated = true;
        out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.WRITE), 1 << 16);
        return true;
    }

    /**
     * Returns the temporary file, for writers that take a path rather than a stream (such as Parquet's); such a writer
     * must not use {@link #stream()} too.
     */
    public Path temporaryFile() {
        return temp;
    }

    /**
     * Creates and returns an empty file beside the output for a writer's intermediate data, named
     * {@code .out.csv.chunkwise-<pid>-<random>.<name>}: removed with the temporary file however the run ends, or by
     * the next run if it was killed.
     *
     * @throws IllegalArgumentException if {@code name} is not a plain file name
     * @throws IOException              if the file cannot be created
     */
    public Path scratchFile(String name) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(TempNames.LOCK)
                || name.equals(TempNames.PARTIAL)) {
            throw new IllegalArgumentException("scratch file name: '" + name + "' (expected: a plain file name other "
                    + "than " + TempNames.LOCK + " and " + TempNames.PARTIAL + ")");
        }
        Path p = dir.resolve(prefix + name);
        createOwnerOnly(p);
        scratch.add(p);
        return p;
    }

    /** Returns the stream to write to (the temporary file). */
    public OutputStream stream() {
        return out;
    }

    /**
     * Closes the temporary file and moves it into place, replacing any file there. The file gets the permissions of
     * the file it replaces, or {@code rw-r--r--} when new (a temporary file is created readable by its owner only).
     */
    public void commit() throws IOException {
        out.close();
        try {
            Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, perms);
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: the default permissions stay.
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        close();
    }

    /** Deletes the temporary files unless committed (the scratch files in any case), and releases the lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed && tempCreated) {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // Deleted below anyway.
                }
            }
            deleteQuietly(temp);
        }
        scratch.forEach(SafeOutput::deleteQuietly);
        if (lock != null) {
            lock.deleteAndRelease(); // last: until now the lock says these files have a live owner
        }
        OpenOutputs.remove(this);
    }

    /** Deletes the files of an output left open by a JVM that is ending, without waiting for its writers. */
    void abandon() {
        if (committed) {
            return;
        }
        if (tempCreated) {
            deleteQuietly(temp);
        }
        scratch.forEach(SafeOutput::deleteQuietly);
        OwnerLock l = lock;
        if (l != null) {
            l.deleteFile();
        }
    }

    Path target() {
        return target;
    }

    String prefix() {
        return prefix;
    }

    private static void createOwnerOnly(Path file) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"));
        try {
            Files.createFile(file, ownerOnly);
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The next run in this directory removes it.
        }
    }
}
