package dev.chunkwise.process;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The promises of docs/security.md that a test can keep. */
class SecurityTest {

    @Test
    void privateDirectory_isOwnerOnly_andHoldsNoSocketOnceWorkersConnected() throws IOException {
        try (ProcessPool pool = (ProcessPool) Pool.processes(2)) {
            Path dir = pool.directory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".sock"));
            }
        }
    }

    @Test
    void mappedFrameFiles_areOwnerOnly() throws Exception {
        Path dir = PrivateDir.create();
        try {
            Payloads.serialize(List.of(Frames.randomInts(400_000, 0, 10, 1, "A")), dir, "test");
            try (var files = Files.list(dir)) {
                List<Path> frames = files.toList();
                assertThat(frames).hasSize(1);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(frames.get(0)))).isEqualTo("rw-------");
            }
        } finally {
            PrivateDir.delete(dir);
        }
    }

    @Test
    void processPool_opensNoTcpPort() throws Exception {
        long before = listeningTcpSockets();
        try (Pool pool = Pool.processes(2)) {
            pool.map(x -> x, List.of(1, 2));
            assertThat(listeningTcpSockets()).isEqualTo(before);
        }
    }

    @Test
    void classOutsideTheFilter_isRefused() {
        try (Pool pool = Pool.processes(1)) {
            assertThatThrownBy(() -> pool.map(x -> javax.management.ObjectName.WILDCARD, List.of(1)))
                    .isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("REJECTED");
        }
    }

    @Test
    void hugeArrayInCorruptBytes_isRefusedBeforeAllocating() {
        byte[] bytes = Payloads.serialize(new int[1000], null, "test");
        // The serialized int[] holds its length right after the class descriptor; make it claim 2^30 elements.
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (bytes[i] == 0 && bytes[i + 1] == 0 && bytes[i + 2] == 0x03 && bytes[i + 3] == (byte) 0xE8) {
                bytes[i] = 0x40;
                break;
            }
        }
        assertThatThrownBy(() -> Payloads.deserialize(bytes, SerialFilter.get()))
                .isInstanceOf(java.io.InvalidClassException.class)
                .hasMessageContaining("REJECTED");
    }

    /** Counts the sockets in LISTEN state in /proc/net/tcp and tcp6 (this machine's; tests run alone). */
    static long listeningTcpSockets() throws IOException {
        long n = 0;
        for (String f : new String[]{"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(f);
            if (Files.exists(p)) {
                n += Files.readAllLines(p).stream().skip(1).filter(l -> l.trim().split("\\s+")[3].equals("0A")).count();
            }
        }
        return n;
    }
}
