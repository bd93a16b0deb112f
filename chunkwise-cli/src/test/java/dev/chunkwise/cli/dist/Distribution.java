package dev.chunkwise.cli.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The distribution archives that {@code mvn package} made (chunkwise-VERSION.tar.gz and .zip), and unpacking them. */
final class Distribution {

    private Distribution() {
    }

    /** The archive's path without its extension, as failsafe passes it ({@code chunkwise.dist}). */
    static Path base() {
        String base = System.getProperty("chunkwise.dist");
        assertThat(base).as("the system property chunkwise.dist (set by failsafe in chunkwise-cli/pom.xml)").isNotBlank();
        return Path.of(base);
    }

    static Path tarGz() {
        return Path.of(base() + ".tar.gz");
    }

    static Path zip() {
        return Path.of(base() + ".zip");
    }

    /**
     * Unpacks the .tar.gz into {@code dir} with the system's tar (which keeps bin/chunkwise executable) and returns
     * the directory it holds, chunkwise-VERSION.
     */
    static Path unpack(Path dir) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", tarGz().toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes());
        assertThat(tar.waitFor(5, TimeUnit.MINUTES)).as("tar finished").isTrue();
        assertThat(tar.exitValue()).as("tar -xzf %s: %s", tarGz(), out).isZero();
        try (Stream<Path> top = Files.list(dir)) {
            List<Path> dirs = top.toList();
            assertThat(dirs).as("the archive holds one directory").hasSize(1);
            return dirs.get(0);
        }
    }
}
