package dev.chunkwise.cli.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A lock file that says its owner is alive: a JVM holds an exclusive lock on it for as long as it owns an output's
 * temporary files, and the kernel drops the lock when that JVM ends, however it ends ({@code kill -9} included), so
 * another run that can take the lock knows the files are left over.
 *
 * <p>The lock is on a file of its own, not on the temporary output: POSIX record locks (which {@link FileChannel#lock()}
 * takes on Linux) are dropped when the process closes <em>any</em> descriptor of the file, and writers such as
 * Parquet's open, close and even replace the temporary output by its path.
 */
final class OwnerLock implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;

    private OwnerLock(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates {@code path} and locks it; empty if a run cleaning leftovers took it first (it was created but not yet
     * locked), in which case the caller tries again under another name.
     *
     * @throws IOException if the file cannot be created
     */
    static Optional<OwnerLock> create(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                channel.close();
                return Optional.empty();
            }
        } catch (IOException e) {
            // A file system without locks: other runs cannot take the lock either, so they leave these files alone.
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            // Another run took the lock before this one and deleted the file as a leftover: this lock guards nothing.
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new OwnerLock(path, channel));
    }

    /**
     * Takes the lock at {@code path} if its owner has ended, for as long as the returned lock is open; empty if a live
     * owner holds it or it cannot be told.
     *
     * <p>Never call this on a lock of this JVM: closing the probe's channel would drop that lock.
     *
     * @throws NoSuchFileException if there is no lock file
     */
    static Optional<OwnerLock> takeIfOwnerEnded(Path path) throws NoSuchFileException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new OwnerLock(path, channel));
            }
        } catch (IOException | OverlappingFileLockException e) {
            // Cannot tell: treated as alive.
        }
        closeQuietly(channel);
        return Optional.empty();
    }

    /** Deletes the lock file while still holding the lock, then releases it. */
    void deleteAndRelease() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Left behind unlocked: the next run removes it.
        }
        close();
    }

    /** Deletes the lock file without releasing the lock: for a JVM that is ending, whose lock the kernel drops. */
    void deleteFile() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Left behind unlocked: the next run removes it.
        }
    }

    /** Releases the lock, leaving the file. */
    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // The lock goes with the descriptor anyway.
        }
    }
}
