package dev.chunkwise.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the private directories a process made, by the pid in their names, for tests that check none is left. */
final class PrivateDirs {

    private PrivateDirs() {
    }

    /** Returns the private directories that this JVM made and that exist now, sorted. */
    static List<Path> ofThisProcess() {
        return of(ProcessHandle.current().pid());
    }

    /** Returns whether {@code p} is a frame's file, spilled by the codec into a private directory. */
    static boolean isFrameFile(Path p) {
        return p.getFileName().toString().startsWith("frame-");
    }

    /** Returns the private directories that the process {@code pid} made and that exist now, sorted. */
    static List<Path> of(long pid) {
        Path parent = PrivateDir.parent();
        try (Stream<Path> list = Files.list(parent)) {
            return list.filter(p -> p.getFileName().toString().startsWith(PrivateDir.PREFIX + pid + "-"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
