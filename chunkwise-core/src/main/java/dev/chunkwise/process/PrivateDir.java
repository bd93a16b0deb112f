package dev.chunkwise.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A directory only this user can enter (mode 700), for the sockets to the workers and the memory-mapped frames:
 * under {@code /dev/shm} where it exists, else the temporary directory.
 *
 * <p>A directory whose maker died without removing it (killed together with its workers, say) is removed by the
 * next one made on the machine. Its name holds the maker's pid ({@code chunkwise-<pid>-<random>}), and the maker
 * holds a lock on the file {@value #LOCK} inside it for as long as it lives. A directory is taken for abandoned only
 * when both say so: no process has that pid, and the lock is free (the kernel releases it when its holder dies,
 * however it dies). The lock keeps a directory of a live process in another pid namespace, whose pid means nothing
 * here, from being taken.
 */
final class PrivateDir {

    static final String PREFIX = "chunkwise-";

    /** The file inside each directory that its maker keeps locked. */
    static final String LOCK = "owner.lock";

    /** A directory without a lock file is taken for abandoned once it is this old (its maker died making it). */
    private static final Duration UNLOCKED_GRACE = Duration.ofMinutes(1);

    /** The locks this process holds, by directory, released when the directory is deleted. */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private PrivateDir() {
    }

    /**
     * Creates a private directory, locked by this process until {@link #delete}, and removes abandoned ones.
     *
     * @throws UncheckedIOException if it cannot be created
     */
    static Path create() {
        Path parent = parent();
        String prefix = PREFIX + ProcessHandle.current().pid() + "-";
        Path dir;
        try {
            try {
                dir = Files.createTempDirectory(parent, prefix,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                dir = Files.createTempDirectory(parent, prefix);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory in " + parent, e);
        }
        lock(dir);
        removeAbandoned(parent, dir);
        return dir;
    }

    /** Locks {@code dir}'s lock file for this process's life; best effort, as some file systems have no locks. */
    private static void lock(Path dir) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ch.lock();
            HELD.put(dir, ch);
        } catch (IOException | RuntimeException e) {
            // Unlocked, the directory is still kept while a process with its pid exists.
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // Nothing more to release.
                }
            }
        }
    }

    /** Returns where private directories are made: {@code /dev/shm} where it exists, else the temporary directory. */
    static Path parent() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Removes the private directories in {@code parent} whose maker has died, among those with the same file owner
     * as {@code mine} (this user's, never another's).
     */
    static void removeAbandoned(Path parent, Path mine) {
        UserPrincipal user;
        List<Path> dirs;
        try (Stream<Path> list = Files.list(parent)) {
            user = Files.getOwner(mine);
            dirs = list.filter(p -> p.getFileName().toString().startsWith(PREFIX) && !p.equals(mine)).toList();
        } catch (IOException | RuntimeException e) {
            return; // Best effort: a directory left behind only costs space.
        }
        for (Path dir : dirs) {
            if (abandoned(dir, user)) {
                delete(dir);
            }
        }
    }

    /**
     * Returns whether {@code dir} is a private directory of {@code user}'s whose maker has died: no process has the
     * pid in its name, and its lock is free (or it has none and was last changed over a minute ago: its maker died
     * between making and locking it, or had no lock).
     */
    private static boolean abandoned(Path dir, UserPrincipal user) {
        try {
            OptionalLong pid = ownerPid(dir);
            if (pid.isEmpty() || ProcessHandle.of(pid.getAsLong()).isPresent() || HELD.containsKey(dir)
                    || !Files.isDirectory(dir) || !Files.getOwner(dir).equals(user)) {
                return false;
            }
            Path lockFile = dir.resolve(LOCK);
            if (!Files.exists(lockFile)) {
                FileTime changed = Files.getLastModifiedTime(dir);
                return changed.toInstant().isBefore(Instant.now().minus(UNLOCKED_GRACE));
            }
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    return false; // its maker holds it: alive
                }
                lock.release();
                return true;
            }
        } catch (OverlappingFileLockException e) {
            return false; // this JVM holds it
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Returns the pid of the process that made {@code dir}, read from its name; empty if it is not such a name. */
    static OptionalLong ownerPid(Path dir) {
        String name = dir.getFileName().toString();
        int end = name.indexOf('-', PREFIX.length());
        if (!name.startsWith(PREFIX) || end < 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(name.substring(PREFIX.length(), end)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Deletes {@code dir} and everything in it, releasing this process's lock on it; best effort. */
    static void delete(Path dir) {
        FileChannel lock = HELD.remove(dir);
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // The lock goes with the process anyway.
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort; a worker may still be writing.
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // Already gone.
        }
    }
}
