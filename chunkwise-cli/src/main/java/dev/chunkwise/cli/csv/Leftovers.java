package dev.chunkwise.cli.csv;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes the temporary files that runs ended by {@code kill -9} (or a crash of the JVM) left in a directory, and only
 * those whose owner has surely ended.
 *
 * <p>A live owner holds its {@link OwnerLock} from before it creates any other file of its prefix until after it has
 * removed the last of them. So a group whose lock can be taken, or whose lock file is gone, has no live owner; a group
 * whose lock is held, or whose lock cannot be tried (a file system without locks, a file of another user), is left.
 */
final class Leftovers {

    private Leftovers() {
    }

    /**
     * Removes the leftovers in {@code dir}, skipping the prefixes for which {@code ours} is true (this JVM's own
     * outputs: probing their lock would drop it). Returns the files removed; a directory that cannot be listed gives
     * none.
     */
    static List<Path> remove(Path dir, Predicate<String> ours) {
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.chunkwise-*")) {
            for (Path file : files) {
                Optional<String> prefix = TempNames.prefixOf(file.getFileName().toString());
                if (prefix.isPresent() && !ours.test(prefix.get()) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    groups.computeIfAbsent(prefix.get(), p -> new ArrayList<>()).add(file);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        groups.forEach((prefix, files) -> removed.addAll(removeIfOwnerEnded(dir.resolve(prefix + TempNames.LOCK), files)));
        return removed;
    }

    private static List<Path> removeIfOwnerEnded(Path lockFile, List<Path> files) {
        Optional<OwnerLock> lock;
        try {
            lock = OwnerLock.takeIfOwnerEnded(lockFile);
        } catch (NoSuchFileException e) {
            // Checked on the file itself, not on the listing (which may have missed a lock file created while it ran):
            // no lock file and no live owner.
            return delete(files, lockFile);
        }
        if (lock.isEmpty()) {
            return List.of();
        }
        List<Path> removed = delete(files, lockFile);
        lock.get().deleteAndRelease();
        removed.add(lockFile);
        return removed;
    }

    private static List<Path> delete(List<Path> files, Path except) {
        List<Path> removed = new ArrayList<>();
        for (Path file : files) {
            if (file.equals(except)) {
                continue;
            }
            try {
                if (Files.deleteIfExists(file)) {
                    removed.add(file);
                }
            } catch (IOException e) {
                // Not ours to force: left as it is.
            }
        }
        return removed;
    }
}
