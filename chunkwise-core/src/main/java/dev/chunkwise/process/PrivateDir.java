package dev.chunkwise.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory only this user can enter (mode 700), for the sockets to the workers and the memory-mapped frames:
 * under {@code /dev/shm} where it exists, else the temporary directory.
 */
final class PrivateDir {

    private PrivateDir() {
    }

    static Path create() {
        Path shm = Path.of("/dev/shm");
        Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return Files.createTempDirectory(parent, "chunkwise-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            try {
                return Files.createTempDirectory(parent, "chunkwise-");
            } catch (IOException io) {
                throw new UncheckedIOException("cannot create a private directory in " + parent, io);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory in " + parent, e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort; a worker may still be writing.
                }
            });
        } catch (IOException ignored) {
            // Already gone.
        }
    }
}
