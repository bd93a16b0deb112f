package dev.chunkwise.cli.csv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * An output file that appears only whole: the bytes go to a temporary file beside it, moved into place by
 * {@link #commit()}; closing without a commit deletes the temporary file, so a failed run leaves nothing behind.
 */
public final class SafeOutput implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;

    private SafeOutput(Path target, Path temp, OutputStream out) {
        this.target = target;
        this.temp = temp;
        this.out = out;
    }

    /**
     * Checks that {@code target} can be written and opens its temporary file.
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
        try {
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".partial");
            return new SafeOutput(absolute, temp, new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(target + ": cannot write in the directory " + dir + " (permission denied)");
        } catch (IOException e) {
            throw new IllegalArgumentException(target + ": cannot be written: " + e.getMessage());
        }
    }

    /**
     * Returns the temporary file, for writers that take a path rather than a stream (such as Parquet's); such a writer
     * must not use {@link #stream()} too.
     */
    public Path temporaryFile() {
        return temp;
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
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                out.close();
            } catch (IOException ignored) {
                // Deleted below anyway.
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Nothing more to do.
            }
        }
    }
}
